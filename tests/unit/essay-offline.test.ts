// @vitest-environment jsdom
// The service worker's registration and the "new version" prompt (src/essay/offline.ts,
// update-prompt.ts), against a stand-in for the browser's ServiceWorkerContainer. The real service
// worker is tested offline in Chromium (tests/e2e/offline.spec.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerOffline } from '../../src/essay/offline';
import { offerUpdate } from '../../src/essay/update-prompt';

class FakeWorker extends EventTarget {
  state = 'installing';
  messages: unknown[] = [];
  postMessage(m: unknown) {
    this.messages.push(m);
  }
  install() {
    this.state = 'installed';
    this.dispatchEvent(new Event('statechange'));
  }
}

function fakeContainer(opts: { controlled: boolean; waiting?: FakeWorker }) {
  const reg = Object.assign(new EventTarget(), { waiting: opts.waiting ?? null, installing: null as FakeWorker | null });
  const container = Object.assign(new EventTarget(), {
    controller: opts.controlled ? {} : null,
    registered: [] as string[],
    register: async (url: string) => {
      container.registered.push(url);
      return reg;
    },
  });
  return { container, reg, sw: container as unknown as ServiceWorkerContainer };
}

const prompt = () => document.querySelector('.update-prompt');

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('offline registration', () => {
  it('registers sw.js from the site base; a first install asks nothing', async () => {
    const { container, reg, sw } = fakeContainer({ controlled: false });
    await registerOffline(sw);
    expect(container.registered).toEqual(['/sw.js']);
    const first = new FakeWorker();
    reg.installing = first;
    reg.dispatchEvent(new Event('updatefound'));
    first.install();
    await new Promise((r) => setTimeout(r, 50));
    expect(prompt()).toBeNull();
  });

  it('a newer version installed while an older one runs the page: the prompt appears', async () => {
    const { reg, sw } = fakeContainer({ controlled: true });
    await registerOffline(sw);
    const next = new FakeWorker();
    reg.installing = next;
    reg.dispatchEvent(new Event('updatefound'));
    expect(prompt()).toBeNull(); // still installing
    next.install();
    await vi.waitFor(() => expect(prompt()?.textContent).toContain('A new version is available.'));
  });

  it('a version already waiting at load is offered too', async () => {
    const { sw } = fakeContainer({ controlled: true, waiting: new FakeWorker() });
    await registerOffline(sw);
    await vi.waitFor(() => expect(prompt()).not.toBeNull());
  });

  it('a blocked registration is quiet, whether it rejects or resolves empty', async () => {
    for (const register of [() => Promise.reject(new Error('blocked')), () => Promise.resolve(undefined)]) {
      const sw = { controller: {}, register } as unknown as ServiceWorkerContainer;
      await expect(registerOffline(sw)).resolves.toBeUndefined();
    }
  });
});

describe('the update prompt', () => {
  it('Reload hands over to the waiting version, then reloads once it controls the page', () => {
    const container = new EventTarget();
    vi.stubGlobal('navigator', { serviceWorker: container });
    const waiting = new FakeWorker();
    const reload = vi.fn();
    const box = offerUpdate(waiting as unknown as ServiceWorker, document, reload);
    expect(box.getAttribute('role')).toBe('status');
    const [reloadButton] = box.querySelectorAll('button');
    expect(reloadButton.textContent).toBe('Reload');
    reloadButton.click();
    expect(waiting.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event('controllerchange'));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('Later dismisses it; a second offer replaces the first', () => {
    const waiting = new FakeWorker() as unknown as ServiceWorker;
    offerUpdate(waiting);
    offerUpdate(waiting);
    expect(document.querySelectorAll('.update-prompt')).toHaveLength(1);
    const later = [...document.querySelectorAll('.update-prompt button')].find((b) => b.textContent === 'Later') as HTMLButtonElement;
    later.click();
    expect(prompt()).toBeNull();
  });
});

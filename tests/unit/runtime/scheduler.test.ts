// @vitest-environment jsdom
// Lazy loading near the viewport (one widget per frame) and pausing off screen or in a hidden tab.
import { describe, expect, it, vi } from 'vitest';
import { Scheduler } from '../../../src/runtime/scheduler';
import { dataBaseUrl, forcedBackend } from '../../../src/runtime/page';

/** A controllable IntersectionObserver: tests say which elements intersect. */
function fakeIO() {
  const observers: { cb: IntersectionObserverCallback; options?: IntersectionObserverInit; targets: Set<Element> }[] = [];
  class IO {
    private readonly record;
    constructor(cb: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      this.record = { cb, options, targets: new Set<Element>() };
      observers.push(this.record);
    }
    observe(el: Element) {
      this.record.targets.add(el);
    }
    unobserve(el: Element) {
      this.record.targets.delete(el);
    }
    disconnect() {
      this.record.targets.clear();
    }
  }
  const fire = (el: Element, isIntersecting: boolean, margin?: string) => {
    for (const o of observers) {
      if (margin !== undefined && (o.options?.rootMargin ?? '') !== margin) continue;
      if (o.targets.has(el)) o.cb([{ target: el, isIntersecting } as IntersectionObserverEntry], o as unknown as IntersectionObserver);
    }
  };
  return { IO: IO as unknown as typeof IntersectionObserver, observers, fire };
}

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('scheduler', () => {
  it('loads a widget once when it comes within 1.5 screen heights, one widget per frame', () => {
    const { IO, observers, fire } = fakeIO();
    const frames: (() => void)[] = [];
    const s = new Scheduler({ IntersectionObserver: IO, nextFrame: (cb) => frames.push(cb) });
    const [a, b] = [document.createElement('div'), document.createElement('div')];
    const loadA = vi.fn();
    const loadB = vi.fn();
    s.whenNear(a, loadA);
    s.whenNear(b, loadB);
    expect(observers[0].options?.rootMargin).toBe('150% 0px');
    fire(a, false);
    expect(frames).toHaveLength(0);
    fire(a, true);
    fire(b, true);
    fire(a, true); // already scheduled: ignored
    frames.shift()!();
    expect(loadA).toHaveBeenCalledTimes(1);
    expect(loadB).not.toHaveBeenCalled();
    frames.shift()!();
    expect(loadB).toHaveBeenCalledTimes(1);
    while (frames.length) frames.shift()!();
    expect(loadA).toHaveBeenCalledTimes(1);
  });

  it('reports a widget active only while on screen and the tab is visible', () => {
    setHidden(false);
    const { IO, fire } = fakeIO();
    const s = new Scheduler({ IntersectionObserver: IO, nextFrame: (cb) => cb() });
    const el = document.createElement('div');
    const states: boolean[] = [];
    const stop = s.watch(el, (active) => states.push(active));
    expect(states).toEqual([false]); // not known to be on screen yet
    fire(el, true, '');
    setHidden(true);
    setHidden(false);
    fire(el, false, '');
    expect(states).toEqual([false, true, false, true, false]);
    stop();
    fire(el, true, '');
    setHidden(true);
    expect(states).toHaveLength(5);
    setHidden(false);
  });

  it('without IntersectionObserver, everything counts as near and on screen', () => {
    const frames: (() => void)[] = [];
    const s = new Scheduler({ nextFrame: (cb) => frames.push(cb) });
    (s as unknown as { IO: undefined }).IO = undefined;
    const load = vi.fn();
    s.whenNear(document.body, load);
    frames.shift()!();
    expect(load).toHaveBeenCalledTimes(1);
    const states: boolean[] = [];
    s.watch(document.body, (a) => states.push(a));
    expect(states).toEqual([true]);
  });
});

describe('page configuration', () => {
  it('reads ?backend= strictly', () => {
    expect(forcedBackend('?backend=wasm')).toBe('wasm');
    expect(forcedBackend('?x=1&backend=WebGPU')).toBe('webgpu');
    expect(forcedBackend('?backend=<script>')).toBeNull();
    expect(forcedBackend('')).toBeNull();
  });

  it('finds the data folder from the base, or from a meta override', () => {
    history.replaceState(null, '', '/site/chapter.html');
    expect(dataBaseUrl(document, './')).toBe(`${location.origin}/site/data/`);
    expect(dataBaseUrl(document, '/')).toBe(`${location.origin}/data/`);
    const meta = document.createElement('meta');
    meta.name = 'local-minimum:data';
    meta.content = '../shared/data';
    document.head.append(meta);
    expect(dataBaseUrl(document, './')).toBe(`${location.origin}/shared/data/`);
    meta.remove();
  });
});

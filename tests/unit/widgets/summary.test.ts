// @vitest-environment jsdom
// The live summary is polite and throttled: at most one announcement per interval, latest text wins.
import { describe, expect, it } from 'vitest';
import { LiveSummary, type Clock } from '../../../src/widgets/base/summary';

function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.push({ at: now + ms, fn, id: next });
      return next++;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    due.forEach((t) => t.fn());
  };
  return { clock, advance };
}

describe('live summary', () => {
  it('is an aria-live polite region', () => {
    const s = new LiveSummary();
    expect(s.element.getAttribute('aria-live')).toBe('polite');
    expect(s.element.getAttribute('aria-atomic')).toBe('true');
  });

  it('writes at most once every 2 s, and the last text always lands', () => {
    const { clock, advance } = fakeClock();
    const s = new LiveSummary(2000, clock);
    const writes: string[] = [];
    new MutationObserver(() => writes.push(s.element.textContent ?? '')).observe(s.element, { childList: true, characterData: true, subtree: true });
    s.update('step 10');
    expect(s.element.textContent).toBe('step 10');
    for (let step = 20; step <= 200; step += 10) {
      advance(100);
      s.update(`step ${step}`);
    }
    // 1.9 s later: still the first text.
    expect(s.element.textContent).toBe('step 10');
    advance(100);
    expect(s.element.textContent).toBe('step 200');
    advance(5000);
    expect(s.element.textContent).toBe('step 200');
  });

  it('flush() says the pending text at once (e.g. on pause)', () => {
    const { clock, advance } = fakeClock();
    const s = new LiveSummary(2000, clock);
    s.update('a');
    advance(10);
    s.update('b');
    expect(s.element.textContent).toBe('a');
    s.flush();
    expect(s.element.textContent).toBe('b');
  });
});

// @vitest-environment jsdom
// URL hash state: round trip, several widgets, and hostile hashes that must never throw or leak.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHash, readState, stateIdFor, UrlState, writeState } from '../../../src/runtime/url-state';
import { overfitSchema } from '../../../src/chapters/introduction/widgets/overfit/schema';
import { defaults } from '../../../src/settings/schema';

describe('url state', () => {
  it('round-trips every setting and the seed', () => {
    const settings = { ...defaults(overfitSchema), trainSize: 1000, learningRate: 0.01, activation: 'tanh', optimizer: 'sgd' };
    const hash = writeState('', 'overfit', overfitSchema, settings, 3);
    expect(hash).toContain('overfit.train-size=1000');
    expect(hash).toContain('overfit.learning-rate=0.01');
    expect(hash).toContain('overfit.seed=3');
    const back = readState(hash, 'overfit', overfitSchema);
    expect(back.settings).toEqual(settings);
    expect(back.seed).toBe(3);
  });

  it('reads the documented example', () => {
    const s = readState('#overfit.train-size=1000&overfit.seed=3&overfit.learning-rate=0.01', 'overfit', overfitSchema);
    expect(s).toEqual({ settings: { trainSize: 1000, learningRate: 0.01 }, seed: 3 });
  });

  it('keeps other widgets and plain anchors when writing', () => {
    const start = '#intro&other.seed=9&other.train-size=200';
    const hash = writeState(start, 'overfit', overfitSchema, defaults(overfitSchema), 1);
    expect(hash.startsWith('#intro&other.seed=9&other.train-size=200&overfit.')).toBe(true);
    expect(readState(hash, 'other', overfitSchema)).toEqual({ settings: { trainSize: 200 }, seed: 9 });
    // Rewriting replaces this widget's tokens instead of appending duplicates.
    const again = writeState(hash, 'overfit', overfitSchema, { ...defaults(overfitSchema), hidden: 32 }, 2);
    expect(again.match(/overfit\.seed=/g)).toHaveLength(1);
    expect(readState(again, 'overfit', overfitSchema)).toMatchObject({ settings: { hidden: 32 }, seed: 2 });
  });

  it.each([
    ['#overfit.train-size=abc', { trainSize: 500 }],
    ['#%E0%A4%A', {}],
    ['#<script>alert(1)</script>', {}],
    ['#overfit.train-size=<img src=x onerror=alert(1)>', { trainSize: 500 }],
    ['#overfit.activation=%3Cscript%3E', { activation: 'relu' }],
    ['#overfit.train-size=1e999', { trainSize: 500 }],
    ['#overfit.learning-rate=NaN&overfit.hidden=', { learningRate: 0.001, hidden: 256 }],
    ['#overfit.seed=-4', {}],
    ['#overfit.seed=1.5', {}],
    ['#&&&=&overfit.=3&.seed=2', {}],
  ])('malformed %s falls back to defaults without throwing', (hash, expected) => {
    const state = readState(hash, 'overfit', overfitSchema);
    expect(state.settings).toEqual(expected);
    expect(state.seed).toBeUndefined();
  });

  it('clamps huge and tiny numbers into range and snaps to the step', () => {
    const s = readState('#overfit.train-size=99999999&overfit.learning-rate=1e-30&overfit.batch-size=13&overfit.seed=99999999999', 'overfit', overfitSchema);
    expect(s.settings.trainSize).toBe(10000);
    expect(s.settings.learningRate).toBe(0.0001);
    expect(s.settings.batchSize).toBe(16);
    expect(s.seed).toBeUndefined(); // beyond 32 bits
  });

  it('decodes percent-encoded values and ignores undecodable tokens only', () => {
    const { params, other } = parseHash('#overfit.activation=%74anh&bad.x=%E0%A4%A&overfit.seed=7');
    expect(params.get('overfit.activation')).toBe('tanh');
    expect(params.get('overfit.seed')).toBe('7');
    expect(other).toEqual(['bad.x=%E0%A4%A']);
  });

  it('derives stable state ids from the element', () => {
    document.body.innerHTML = '<overfit-mlp></overfit-mlp><overfit-mlp id="second"></overfit-mlp><overfit-mlp></overfit-mlp><overfit-mlp id="bad.id"></overfit-mlp>';
    const els = document.querySelectorAll('overfit-mlp');
    expect([...els].map(stateIdFor)).toEqual(['overfit', 'second', 'overfit-2', 'overfit-3']);
  });

  describe('UrlState', () => {
    afterEach(() => vi.useRealTimers());

    it('debounces writes into one history.replaceState and never pushes', () => {
      vi.useFakeTimers();
      history.replaceState(null, '', '/page#intro');
      const replace = vi.spyOn(history, 'replaceState');
      const push = vi.spyOn(history, 'pushState');
      const store = new UrlState(window, 300);
      for (let n = 100; n <= 1000; n += 100) store.write('overfit', overfitSchema, { ...defaults(overfitSchema), trainSize: n }, 5);
      expect(replace).not.toHaveBeenCalled();
      vi.advanceTimersByTime(300);
      expect(replace).toHaveBeenCalledTimes(1);
      expect(push).not.toHaveBeenCalled();
      expect(location.hash.startsWith('#intro&overfit.')).toBe(true);
      expect(store.read('overfit', overfitSchema)).toMatchObject({ settings: { trainSize: 1000 }, seed: 5 });
    });

    it('drops a pending write without throwing when its window is gone before the timer fires', () => {
      vi.useFakeTimers();
      const replace = vi.fn();
      const win = { location: window.location, history: { state: null, replaceState: replace } } as unknown as Pick<Window, 'location' | 'history'>;
      const store = new UrlState(win, 300);
      store.write('overfit', overfitSchema, { ...defaults(overfitSchema), trainSize: 700 }, 5);
      (win as { location: Location | undefined }).location = undefined; // a torn-down jsdom
      expect(() => vi.advanceTimersByTime(300)).not.toThrow();
      expect(replace).not.toHaveBeenCalled();
      store.flush(); // nothing left pending
      expect(replace).not.toHaveBeenCalled();
    });
  });
});

// @vitest-environment jsdom
// <kohonen-map> on the real map run (the chapter's 10 × 10 map, seed 2 from the URL): its config, Step as 50 updates early
// on, playing to the end of the 20,000-update schedule ('finished'), with both errors lower at the end
// than at the start and neighbouring prototypes closer than random pairs.
import { describe, expect, it, vi } from 'vitest';
import { until, q } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LocalTrainer } from './local-trainer';

let trainer = new LocalTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(trainer) }));
// Playing is paced for readers; the test plays as fast as the run goes.
vi.mock('../../../../src/chapters/brains-not-feed-forward/widgets/kohonen-map/pace', async (original) => ({
  ...(await original<typeof import('../../../../src/chapters/brains-not-feed-forward/widgets/kohonen-map/pace')>()),
  updatesPerSecond: () => 1e7,
}));
widgetDom(() => import('../../../../src/chapters/brains-not-feed-forward/widgets/kohonen-map/element'));

const num = (el: Element, id: string) => Number((q(el, id).textContent ?? '').replace(/[%×]/g, ''));

describe('<kohonen-map>', () => {
  it('steps, then plays the whole schedule: the map orders itself and fits', async () => {
    history.replaceState(null, '', '/#som.seed=2');
    trainer = new LocalTrainer();
    const el = await mountWidget('<kohonen-map id="som"></kohonen-map>', 'kohonen-map', { ms: 20_000 });
    expect(trainer.created[0]).toMatchObject({ kind: 'kohonen-map', config: { rows: 10, cols: 10, sigmaStart: 5, steps: 20000, seed: 2, trainSize: 6000 } });
    const start = { q: num(el, 'quantisation'), t: num(el, 'topographic') };
    expect(start.t).toBeGreaterThan(50);
    q(el, 'step').click();
    await until(() => el.dataset.step === '50', 10_000);
    expect(q(el, 'updates').textContent).toBe('50 / 20,000');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 60_000);
    expect(el.dataset.step).toBe('20000'); // exactly: no update past the schedule
    expect(q(el, 'updates').textContent).toBe('20,000 / 20,000');
    expect(num(el, 'quantisation')).toBeLessThan(start.q);
    expect(num(el, 'topographic')).toBeLessThan(start.t);
    expect(num(el, 'ratio')).toBeGreaterThan(2); // the pass band (on 300 held-out digits here)
    expect(q(el, 'schedule').textContent).toBe('0.010 · 0.50');
    expect(q(el, 'status').textContent).toMatch(/^Finished/);
  }, 90_000);
});

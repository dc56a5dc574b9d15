// @vitest-environment jsdom
// <edge-of-chaos> on the real reservoir run (100 units, from the URL): its config, Step as ten time
// steps, a silent network below g = 1 whose running λ approaches ln g, the gain and the input sent live,
// the sweep filling in while playing (its work per step tuned through the run's live key), the size
// restarting the run.
import { describe, expect, it, vi } from 'vitest';
import { until, q } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LocalTrainer } from './local-trainer';

let trainer = new LocalTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(trainer) }));
widgetDom(() => import('../../../../src/chapters/brains-not-feed-forward/widgets/edge-of-chaos/element'));

async function mount(hash: string) {
  trainer = new LocalTrainer();
  history.replaceState(null, '', `/#${hash}`);
  return mountWidget('<edge-of-chaos id="reservoir"></edge-of-chaos>', 'edge-of-chaos', { ms: 20_000 });
}
const signed = (text: string | null) => Number((text ?? '').replace('−', '-').replace('+', ''));

describe('<edge-of-chaos>', () => {
  it('runs the network the URL describes; silent at g = 0.6, its λ settles near ln 0.6', async () => {
    const el = await mount('reservoir.size=100&reservoir.gain=0.6&reservoir.driven=0&reservoir.seed=2');
    expect(trainer.created[0]).toMatchObject({ kind: 'edge-of-chaos', config: { size: 100, gain: 0.6, driven: false, seed: 2 } });
    expect(q(el, 'regime').textContent).toBe('waiting for play');
    for (let i = 0; i < 20; i++) {
      const step = Number(el.dataset.step);
      q(el, 'step').click();
      await until(() => Number(el.dataset.step) === step + 10, 10_000);
    }
    expect(signed(q(el, 'lyapunov-now').textContent)).toBeCloseTo(Math.log(0.6), 1);
    expect(q(el, 'regime').textContent).toMatch(/dying away|silent/);
  }, 60_000);

  it('sends the gain and the input live; the size restarts the run', async () => {
    const el = await mount('reservoir.size=100');
    const gain = el.querySelector<HTMLInputElement>('[data-key="gain"] input')!;
    gain.value = '1.6';
    gain.dispatchEvent(new Event('input'));
    gain.dispatchEvent(new Event('change'));
    const box = el.querySelector<HTMLInputElement>('[data-key="driven"] input')!;
    box.click();
    await until(() => trainer.updates.some((u) => u.gain === 1.6) && trainer.updates.some((u) => u.driven === false));
    await until(() => q(el, 'gain-now').textContent === '1.60');
    expect(trainer.created).toHaveLength(1);
    const size = el.querySelector<HTMLInputElement>('[data-key="size"] input')!;
    size.value = '200';
    size.dispatchEvent(new Event('input'));
    size.dispatchEvent(new Event('change'));
    await until(() => trainer.created.length === 2, 20_000);
    expect(trainer.created[1].config).toMatchObject({ size: 200, gain: 1.6, driven: false });
  }, 60_000);

  it('fills in the sweep while it plays, tuning the sweep’s work per step', async () => {
    const el = await mount('reservoir.size=100');
    q(el, 'play').click();
    await until(() => Number(el.dataset.sweep) >= 1, 50_000);
    q(el, 'play').click();
    await until(() => el.dataset.status === 'ready');
    expect(trainer.updates.some((u) => typeof u.sweepWork === 'number')).toBe(true);
    expect(q(el, 'sweep-note').textContent).toMatch(/Sweep \d+% done \([1-9]\d* of 14 gains/);
    await until(() => /memory capacity highest at g = 0\.5/.test(q(el, 'summary').textContent ?? ''), 4000);
  }, 90_000);
});

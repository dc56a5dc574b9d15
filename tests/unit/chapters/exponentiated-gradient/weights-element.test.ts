// @vitest-environment jsdom
// <eg-weights> against a fake worker (made-up metrics of the right shape): the config from the URL
// (width, σ, excitatory fraction, batch; EG's step 'matched' times the multiplier; the layer shown),
// evaluations on the schedule and at the reproduce table's last step, predictions checked there,
// live step sizes and layer without a restart (and shown at once), the network shown kept on the
// page, the sign-flip counters, the step-0 note, divergence naming the step size.
import { describe, expect, it, vi } from 'vitest';
import type { WeightsLiveConfig, WeightsLiveMetrics, DaleMemberMetrics } from '../../../../src/chapters/exponentiated-gradient/runs/weights-live';
import { accuracyClass, finalStep, flipsClass, nextEvalStep, weightsVerdicts } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-weights/series';
import { flipTop } from '../../../../src/chapters/exponentiated-gradient/widgets/eg-weights/view';
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { q, until } from '../../widgets/dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from '../../widgets/fake-trainer';

const hist = (counts: number[], lo = -5, hi = 5) => ({ lo, hi, counts, below: 0, above: 0 });
const bell = Array.from({ length: 20 }, (_, i) => Math.round(100 * Math.exp(-(((i - 9.5) / 4) ** 2))));

class FakeTrainer extends FakeTrainerBase<WeightsLiveConfig, WeightsLiveMetrics> {
  configs = new Map<number, WeightsLiveConfig>();
  evaluations = 0;
  loss = 0.5;
  /** The network whose test loss is NaN (a blown-up run). */
  blownUp: 'gd' | 'eg' | null = null;

  protected override onCreate(id: number, config: WeightsLiveConfig) {
    this.configs.set(id, { ...config });
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, (options.budgetMs ?? 40) > 1000 ? Infinity : 10);
    return { step, loss: this.loss, diverged: false, steps, stepsPerSec: 100 };
  }
  async evaluate(run: RunRef): Promise<WeightsLiveMetrics> {
    this.evaluations += 1;
    const step = this.steps.get(run.id)!;
    const c = this.configs.get(run.id)!;
    const weights = 784 * c.hidden[0] + c.hidden[0] * 10;
    const moved = step > 0;
    const member = (rule: 'gd' | 'eg'): DaleMemberMetrics => {
      const flips = rule === 'gd' ? Math.round(weights * Math.min(0.12, step / 5_000)) : 0;
      return {
        rule,
        testAccuracy: Math.min(0.93, 0.1 + step / 500) - (rule === 'eg' ? 0.01 : 0),
        testLoss: rule === this.blownUp ? NaN : 1,
        violations: flips,
        violationFraction: flips / weights,
        violationsPerLayer: [Math.round(flips * 0.9), flips - Math.round(flips * 0.9)],
        logMagnitude: hist(bell, -8, 2),
        changes: (['2-norm', 'negative-entropy'] as const).map((potential) => ({
          potential,
          nonGaussianity: moved ? (potential === '2-norm') === (rule === 'gd') ? 0.1 : 0.5 : NaN,
          std: moved ? 1 : 0,
          histogram: hist(moved ? bell : bell.map(() => 0)),
          qq: { theoretical: [-1, 0, 1], sample: moved ? [-1.2, 0, 1.1] : [NaN, NaN, NaN] },
        })),
      };
    };
    return {
      step,
      gdRate: c.gdRate,
      egRate: (c.egRateScale ?? 1) * c.gdRate * 40,
      epoch: (step * c.batchSize) / c.trainSize,
      layer: c.layer,
      initialLogMagnitude: hist(bell, -8, 2),
      members: [member('gd'), member('eg')],
      history: [],
    };
  }
  override async update(run: RunRef, partial: Partial<WeightsLiveConfig>) {
    await super.update(run, partial);
    Object.assign(this.configs.get(run.id)!, partial);
  }
}

let fake = new FakeTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../../src/chapters/exponentiated-gradient/widgets/eg-weights/element'));

async function mount(html = '<eg-weights id="dale"></eg-weights>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'eg-weights', { statuses: ['ready', 'error'] });
}
const input = (el: Element, key: string) => el.querySelector<HTMLInputElement>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;
const choose = (el: Element, key: string, value: string) => {
  const select = input(el, key);
  select.value = value;
  select.dispatchEvent(new Event('change'));
};

describe('the Dale figure’s schedule and verdicts', () => {
  it('scores every 25, 50 then 100 steps and at the last step, five epochs of whole batches', () => {
    expect(finalStep(10_000, 32)).toBe(1565);
    expect([0, 75, 100, 450, 500, 1400, 1500].map((s) => nextEvalStep(s, 1565))).toEqual([25, 100, 150, 500, 600, 1500, 1565]);
    expect(nextEvalStep(1565, 1565)).toBe(1566);
  });
  it('classes the flips and the accuracy gap as the questions do; the flip axis grows in steps', () => {
    expect([0.001, 0.102, 0.124, 0.4].map(flipsClass)).toEqual(['none', 'tenth', 'tenth', 'half']);
    expect([accuracyClass(0.934, 0.925), accuracyClass(0.935, 0.89), accuracyClass(0.8, 0.9)]).toEqual(['same', 'worse', 'better']);
    expect([0, 0.0195, 0.05, 0.124, 0.6].map(flipTop)).toEqual([0.02, 0.05, 0.1, 0.2, 1]);
  });
});

describe('<eg-weights>', () => {
  it('builds the run from the URL: width, σ, excitatory fraction, batch, EG matched × multiplier, the layer', async () => {
    history.replaceState(null, '', '/#dale.hidden=64&dale.log-std=0.5&dale.excitatory=0.6&dale.batch-size=64&dale.eg-scale=2&dale.layer=hidden&dale.seed=4');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ hidden: [64], logStd: 0.5, excitatoryFraction: 0.6, batchSize: 64, egRate: 'matched', egRateScale: 2, gdRate: 0.1, layer: 0, seed: 4, trainSize: 10_000, testSize: 2_000 });
    // Step 0: counters, and a note over the (empty) change charts, which keep their place.
    await until(() => q(el, 'stat-gd-accuracy').textContent !== '–');
    expect(q(el, 'stat-eg-flips').textContent).toBe('0%');
    expect(q(el, 'stat-eg-flips-count').textContent).toBe('none: Dale’s law holds');
    const box = q(el, 'chart-change').querySelector<HTMLElement>('.lm-panel-chart')!;
    expect(box.dataset.empty).toContain('No change yet');
    expect(box.hidden).toBe(false);
    expect(q(el, 'non-gaussianity').textContent).toContain('pixels → hidden');
  });

  it('trains to the last step, scoring on the schedule, and checks the predictions there', async () => {
    const el = await mount('<eg-weights id="dale" batch-size="256"></eg-weights>');
    q(el, 'predict-flips-tenth').click();
    q(el, 'predict-accuracy-worse').click();
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 5000);
    const stops = [...new Set(fake.trainCalls.map((c) => c.untilStep))];
    expect(stops).toEqual([25, 50, 75, 100, 150, 200]); // 5 × ⌈10,000 / 256⌉ = 200
    expect(el.dataset.step).toBe('200');
    expect(q(el, 'predict-flips-result').dataset.verdict).toBe('right');
    expect(q(el, 'predict-flips-result').textContent).toMatch(/^Answer: About one in ten \(2–30%\)\. Gradient descent broke Dale’s law for 4\.0% of its weights/);
    expect(q(el, 'predict-accuracy-result').dataset.verdict).toBe('wrong');
    await until(() => q(el, 'stat-gd-flips-count').textContent === '8,131 of 203,264 weights'); // drawn on the next frame
    expect(q(el, 'chart-flips').querySelectorAll('path.series')).toHaveLength(2);
    const box = q(el, 'chart-change').querySelector<HTMLElement>('.lm-panel-chart')!;
    expect(box.dataset.empty).toBeUndefined();
    // The table: each network's change, smaller in bold.
    const rows = [...q(el, 'non-gaussianity').querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('td')].map((d) => `${d.textContent}${d.dataset.best === 'true' ? '*' : ''}`));
    expect(rows).toEqual([['0.100*', '0.500'], ['0.500', '0.100*']]);
  });

  it('sends step sizes and the layer live, shows them at once; the network shown stays on the page', async () => {
    const el = await mount();
    q(el, 'step').click();
    await until(() => el.dataset.step === '25');
    const before = fake.evaluations;
    const gd = input(el, 'gdRate');
    gd.value = String(Number(gd.value) - 20);
    gd.dispatchEvent(new Event('input'));
    gd.dispatchEvent(new Event('change'));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0]).toEqual({ gdRate: 0.01 });
    await until(() => fake.evaluations > before);
    await until(() => (q(el, 'weights-foot').textContent ?? '').includes('Step sizes: GD 0.010'));
    const eg = input(el, 'egScale');
    eg.value = String(Number(eg.value) + 20);
    eg.dispatchEvent(new Event('input'));
    eg.dispatchEvent(new Event('change'));
    await until(() => fake.updates.length === 2);
    expect(fake.updates[1]).toEqual({ egRateScale: 10 });
    choose(el, 'layer', 'hidden');
    await until(() => fake.updates.length === 3);
    expect(fake.updates[2]).toEqual({ layer: 0 });
    await until(() => (q(el, 'non-gaussianity').textContent ?? '').includes('pixels → hidden'));
    choose(el, 'network', 'gd');
    await until(() => (q(el, 'chart-change').textContent ?? '').includes('GD network'));
    expect(fake.updates).toHaveLength(3);
    expect(fake.created).toHaveLength(1);
    expect(el.dataset.step).toBe('25');
    await until(() => /dale\.network=gd/.test(location.hash), 2000);
  });

  it('restarts for the width; says "diverged" and names the step size of the network that blew up', async () => {
    const el = await mount();
    const hidden = input(el, 'hidden');
    hidden.value = '64';
    hidden.dispatchEvent(new Event('input'));
    hidden.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready', 2000);
    expect(fake.created[1].hidden).toEqual([64]);
    expect(fake.disposed).toEqual([1]);
    fake.loss = 500;
    fake.blownUp = 'eg';
    q(el, 'step').click();
    await until(() => el.dataset.status === 'diverged', 2000);
    // The EG network blew up: the figure names EG's step, not the schema's first step size.
    expect(q(el, 'state').textContent).toContain('The EG network diverged (loss blew up) with EG’s step × 1. Lower it and reset.');
    q(el, 'diverged-reset').click();
    await until(() => fake.created.length === 3 && el.dataset.status === 'ready', 2000);
    fake.blownUp = null;
    q(el, 'step').click();
    await until(() => el.dataset.status === 'diverged', 2000);
    // Neither network's own loss says which blew up: the figure names the reader's last change.
    expect(q(el, 'state').textContent).toContain('after hidden units was set to 64 (default 256). Set it back and reset.');
  });

  it('gives the verdicts from the metrics alone', async () => {
    const f = new FakeTrainer();
    const run = await f.createRun({ name: 'eg-weights' }, { hidden: [256], excitatoryFraction: 0.8, logStd: 1, gdRate: 0.1, egRate: 'matched', biasRate: 0.1, batchSize: 32, seed: 1, trainSize: 10_000, testSize: 2_000, layer: 1, bins: 40, qqCount: 41 });
    f.steps.set(run.id, 1565);
    const v = weightsVerdicts(await f.evaluate(run));
    expect(v.flips.answer).toBe('tenth');
    expect(v.accuracy).toEqual({ answer: 'same', text: 'Test accuracy: gradient descent 93.0%, EG 92.0%.' });
  });
});

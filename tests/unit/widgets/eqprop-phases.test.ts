// @vitest-environment jsdom
// <eqprop-phases> against a fake worker: the phase timeline and the local update read off a trace,
// the config sent to the worker (URL, seed, the learning-rate pair), live β / digit changes that
// re-measure without a reset, the scrubber, the angle chart's reading, and disposal.
import { describe, expect, it, vi } from 'vitest';
import type { EqPropTrace } from '../../../src/chapters/feedback-alignment/runs/eqprop';
import type { EqPropLiveConfig, EqPropSnapshot } from '../../../src/chapters/feedback-alignment/runs/eqprop-live';
import type { RunRef, TrainOptions } from '../../../src/runtime/protocol';
import { contrast, pickHidden, positionAt, positionCount, prediction, unitChanges, weightChange } from '../../../src/chapters/feedback-alignment/widgets/eqprop-phases/phases';
import { until, q } from './dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from './fake-trainer';

/** A trace of a [4, 10] network whose states are simple functions of (phase, t, unit). */
function fakeTrace(beta = 0.1, symmetric = false, T1 = 3, T2 = 2, label = 7): EqPropTrace {
  const units = 14;
  const frames = (n: number, f: (t: number, u: number) => number) => Float32Array.from({ length: n * units }, (_, i) => f(Math.floor(i / units), i % units));
  const free = (t: number, u: number) => (t === 0 ? 0 : Math.min(1, 0.1 + 0.02 * u) * Math.min(1, t / 2));
  const end = (u: number) => free(T1, u);
  const nudge = (sign: number) => (t: number, u: number) => end(u) + sign * t * 0.01 * (u === 4 + label ? 5 : u < 4 ? u - 1.5 : -1);
  return {
    index: 2,
    image: new Float32Array(784).fill(0.5),
    label,
    sizes: [4, 10],
    beta,
    nudging: symmetric ? 'symmetric' : 'one-sided',
    freeSteps: T1,
    nudgedSteps: T2,
    free: frames(T1 + 1, free),
    plus: frames(T2 + 1, nudge(1)),
    minus: symmetric ? frames(T2 + 1, nudge(-1)) : null,
  };
}

describe('reading a trace', () => {
  it('walks free, nudged (+β, then −β when symmetric) and the update', () => {
    const one = fakeTrace(0.1, false, 3, 2);
    expect(positionCount(one)).toBe(3 + 1 + 2 + 1);
    expect(positionAt(one, 0)).toEqual({ phase: 'free', t: 0, steps: 3 });
    expect(positionAt(one, 3)).toEqual({ phase: 'free', t: 3, steps: 3 });
    expect(positionAt(one, 4)).toEqual({ phase: 'plus', t: 1, steps: 2 });
    expect(positionAt(one, 6).phase).toBe('update');
    expect(positionAt(one, 99).phase).toBe('update');
    const sym = fakeTrace(0.1, true, 3, 2);
    expect(positionCount(sym)).toBe(3 + 1 + 2 + 2 + 1);
    expect(positionAt(sym, 7)).toEqual({ phase: 'minus', t: 2, steps: 2 });
  });

  it('turns the two states into Δs and ΔW: (upper − lower)/β one-sided, /2β symmetric', () => {
    const one = fakeTrace(0.1);
    const c = contrast(one);
    expect(c.scale).toBeCloseTo(10);
    const ds = unitChanges(one);
    const k = 4 + 7; // the label's output unit
    expect(ds[k]).toBeCloseTo((c.upper[k] - c.lower[k]) * 10, 5);
    expect(ds[k]).toBeGreaterThan(0);
    expect(weightChange(one, 0, k)).toBeCloseTo((c.upper[0] * c.upper[k] - c.lower[0] * c.lower[k]) * 10, 5);
    const sym = fakeTrace(0.1, true);
    expect(contrast(sym).scale).toBeCloseTo(5);
    // Symmetric: the ±β states straddle the free one, so the same nudge gives the same Δs.
    expect(unitChanges(sym)[k]).toBeCloseTo(ds[k], 4);
  });

  it('shows the hidden units the nudge moves most, in index order, and reads the prediction', () => {
    const t = fakeTrace();
    expect(pickHidden(t, 2)).toEqual([0, 3]); // |u − 1.5| is largest at 0 and 3
    expect(prediction(t)).toBe(9); // the free state grows with the unit index
  });
});

class FakeTrainer extends FakeTrainerBase<EqPropLiveConfig, EqPropSnapshot> {
  evaluations = 0;
  private config: EqPropLiveConfig | null = null;

  protected override onCreate(_id: number, config: EqPropLiveConfig) {
    this.config = { ...config };
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    // A step ('budgetMs' of a minute) reaches untilStep, as the real trainer does; play takes 5 at a time.
    const { step, steps } = await this.advance(run, options, (options.budgetMs ?? 40) > 1000 ? Infinity : 5);
    return { step, loss: NaN, diverged: false, steps, stepsPerSec: 50 };
  }
  async evaluate(run: RunRef): Promise<EqPropSnapshot> {
    this.evaluations++;
    const step = this.steps.get(run.id)!;
    const c = this.config!;
    // As EqPropLive: the run's first evaluation measures the current β alone.
    const curvePending = this.evaluations === 1;
    const betas = curvePending ? [c.beta] : [...new Set([0.01, 0.1, 1, c.beta])].sort((a, b) => a - b);
    return {
      step,
      epoch: step / 160,
      testAccuracy: 0.1 + step / 100,
      testLoss: 0.4,
      diverged: false,
      beta: c.beta,
      trace: { ...fakeTrace(c.beta, c.nudging === 'symmetric', c.freeSteps, c.nudgedSteps), index: c.traceIndex },
      curve: { step, betas, oneSided: betas.map((b) => 30 * b), symmetric: betas.map((b) => 70 * b * b) },
      curvePending,
    };
  }
  override async update(run: RunRef, partial: Partial<EqPropLiveConfig>) {
    await super.update(run, partial);
    Object.assign(this.config!, partial);
  }
}

let fake = new FakeTrainer();
vi.mock('../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../src/chapters/feedback-alignment/widgets/eqprop-phases/element'));

async function mount(html = '<eqprop-phases id="eqprop"></eqprop-phases>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'eqprop-phases');
}

describe('<eqprop-phases>', () => {
  it('sends the URL settings and seed to the worker, with the output layer at half the learning rate', async () => {
    history.replaceState(null, '', '/#eqprop.hidden=64&eqprop.seed=4&eqprop.beta=0.2&eqprop.example=3&eqprop.nudging=symmetric');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ sizes: [784, 64, 10], seed: 4, beta: 0.2, nudging: 'symmetric', traceIndex: 2, learningRates: [0.08, 0.04], freeSteps: 30, nudgedSteps: 10, batchSize: 50 });
    expect(fake.created[0].curveBetas).toContain(0.005);
    expect(q(el, 'angle-one-sided').textContent).toBe('6.0°');
    expect(q(el, 'angle-symmetric').textContent).toBe('2.8°');
    expect(q(el, 'summary').textContent).toMatch(/^step 0, test accuracy 10\.0%; at β = 0\.2 the EP update is 6\.0° .* and 2\.8° symmetric; test digit 3 \(a 7\) settles on 9$/);
    for (const id of ['play', 'step', 'reset', 'projector', 'seed', 'badge', 'export-png', 'export-svg', 'phase-play', 'phase-scrub', 'phase-label', 'angle-chart', 'test-acc']) expect(q(el, id), id).not.toBeNull();
  });

  it('shows its first numbers with the current β’s angle alone, then measures the rest of the sweep unasked', async () => {
    history.replaceState(null, '', '/#eqprop.beta=0.2');
    await mount();
    await until(() => fake.evaluations === 2);
    expect(fake.created).toHaveLength(1);
  });

  it('scrubs through the phases; the update shows Δs and ΔW', async () => {
    history.replaceState(null, '', '/#eqprop.free-steps=3&eqprop.nudged-steps=2&eqprop.nudging=symmetric');
    const el = await mount();
    const scrub = q<HTMLInputElement>(el, 'phase-scrub');
    expect(scrub.max).toBe(String(3 + 1 + 2 + 2));
    const go = (v: number) => {
      scrub.value = String(v);
      scrub.dispatchEvent(new Event('input'));
      return q(el, 'phase-label').textContent ?? '';
    };
    expect(go(2)).toMatch(/^Free phase · iteration 2 of 3/);
    expect(go(4)).toMatch(/^Nudged phase, \+β = 0\.1 · iteration 1 of 2: the output is pulled toward the label 7/);
    expect(go(7)).toMatch(/^Nudged phase, −β = −0\.1 · iteration 2 of 2/);
    expect(go(8)).toMatch(/^Update: .*÷ 2β/);
    const net = el.querySelector('svg.lm-ep-network desc')!;
    expect(net.textContent).toContain('symmetric');
    // Coloured connections at the update (ΔW), neutral during a phase.
    const strokes = () => [...el.querySelectorAll('svg.lm-ep-network .edges-out line')].map((l) => l.getAttribute('stroke'));
    expect(strokes().some((s) => s?.startsWith('rgb('))).toBe(true);
    go(1);
    expect(strokes().every((s) => !s?.startsWith('rgb('))).toBe(true);
  });

  it('applies β, digit and phase lengths live: no reset, a fresh measurement, the URL updated', async () => {
    const el = await mount();
    const evals = fake.evaluations;
    const digit = el.querySelector<HTMLInputElement>('[data-key="example"] input')!;
    digit.value = '5';
    digit.dispatchEvent(new Event('input'));
    await until(() => fake.updates.length === 1 && fake.evaluations > evals);
    expect(fake.updates[0]).toEqual({ traceIndex: 4 });
    expect(fake.created).toHaveLength(1);
    await until(() => (q(el, 'summary').textContent ?? '').includes('test digit 5'));
    const lr = el.querySelector<HTMLInputElement>('[data-key="learningRate"] input')!;
    lr.value = String(Number(lr.value) + 20);
    lr.dispatchEvent(new Event('input'));
    await until(() => fake.updates.length === 2);
    expect(fake.updates[1].learningRates?.[1]).toBeCloseTo(fake.updates[1].learningRates![0] / 2);
    await until(() => location.hash.includes('eqprop.example=5'), 2000);
    const hidden = el.querySelector<HTMLInputElement>('[data-key="hidden"] input')!;
    hidden.value = '64';
    hidden.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2, 2000);
    expect(fake.created[1]).toMatchObject({ sizes: [784, 64, 10], traceIndex: 4 });
  });

  it('steps to the next evaluation, plays, and disposes its run when removed', async () => {
    const el = await mount();
    q(el, 'step').click();
    await until(() => el.dataset.step === '20');
    expect(fake.trainCalls.at(-1)).toMatchObject({ untilStep: 20 });
    expect(q(el, 'test-acc').textContent).toBe('30.0%');
    q(el, 'play').click();
    await until(() => fake.steps.get(1)! >= 40);
    el.remove();
    await until(() => fake.disposed.includes(1));
  });
});

// @vitest-environment jsdom
// <ff-layers> against a fake worker: the config sent (layers × units, URL, seed), one goodness
// chart per layer plus accuracy, the units' tiles, live θ / learning rate without a reset, the
// summary, stepping to the next evaluation, and disposal.
import { describe, expect, it, vi } from 'vitest';
import type { ForwardForwardLiveConfig, ForwardForwardSnapshot } from '../../../src/chapters/feedback-alignment/runs/forward-forward-live';
import type { RunRef, TrainOptions } from '../../../src/runtime/protocol';
import { nextEvalStep } from '../../../src/chapters/feedback-alignment/widgets/ff-layers/element';
import { until, q } from './dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from './fake-trainer';

class FakeTrainer extends FakeTrainerBase<ForwardForwardLiveConfig, ForwardForwardSnapshot> {
  threshold = 2;
  /** Stop the run as ForwardForwardRun does when every ReLU died: diverged, with a finite (flat) loss. */
  silentAt = Infinity;

  protected override onCreate(_id: number, config: ForwardForwardLiveConfig) {
    this.threshold = config.threshold;
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, (options.budgetMs ?? 40) > 1000 ? Infinity : 5);
    return { step, loss: step >= this.silentAt ? 2.25 : 1, diverged: step >= this.silentAt, steps, stepsPerSec: 50 };
  }
  async evaluate(run: RunRef): Promise<ForwardForwardSnapshot> {
    const step = this.steps.get(run.id)!;
    const layers = this.created.at(-1)!.sizes.length - 1;
    const unit = (layer: number, liked: number) => ({ layer, unit: liked * 3, image: new Float32Array(784).fill(liked / 10 - 0.3), labels: Float32Array.from({ length: 10 }, (_, c) => (c === liked ? 0.9 : 0.01)), liked, positive: 3, negative: 1 });
    return {
      step,
      epoch: step / 80,
      testAccuracy: Math.min(0.9, 0.1 + step / 100),
      goodnessPositive: Array.from({ length: layers }, () => 1 + step / 20),
      goodnessNegative: Array.from({ length: layers }, () => 1 - step / 100),
      diverged: false,
      threshold: this.threshold,
      losses: [],
      partial: false,
      units: Array.from({ length: layers }, (_, l) => [0, 1, 2, 3, 4, 5, 6, 7].map((c) => unit(l, c))),
    };
  }
  override async update(run: RunRef, partial: Partial<ForwardForwardLiveConfig>) {
    await super.update(run, partial);
    if (partial.threshold !== undefined) this.threshold = partial.threshold;
  }
}

let fake = new FakeTrainer();
vi.mock('../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../src/chapters/feedback-alignment/widgets/ff-layers/element'));

async function mount(html = '<ff-layers id="ff"></ff-layers>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'ff-layers');
}

describe('<ff-layers>', () => {
  it('evaluates densely early, then every 40 and 80 steps', () => {
    expect([0, 20, 80, 100, 140, 400, 480].map(nextEvalStep)).toEqual([20, 40, 100, 120, 160, 480, 560]);
  });

  it('builds the run from the URL: layers × units, θ, learning rate, seed', async () => {
    history.replaceState(null, '', '/#ff.layers=3&ff.hidden=100&ff.seed=5&ff.threshold=3');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ sizes: [784, 100, 100, 100], threshold: 3, learningRate: 0.03, batchSize: 100, weightStd: 1.41, seed: 5, inspectUnits: 8 });
    // Accuracy, then one goodness chart per layer; one row of units per layer.
    expect(el.querySelectorAll('.lm-ff-panel > svg')).toHaveLength(4);
    expect(el.querySelectorAll('.lm-ff-row')).toHaveLength(3);
    expect(el.querySelectorAll('.lm-ff-row')[0].querySelectorAll('canvas:not(.lm-ff-strip)')).toHaveLength(8);
    expect(el.querySelector('.lm-ff-tile-caption')!.textContent).toBe('likes 0');
    expect(q(el, 'test-acc').textContent).toBe('10.0%');
    expect(q(el, 'summary').textContent).toBe('step 0, test accuracy 10.0%, layer 1 goodness real 1.00 vs fake 1.00, layer 2 goodness real 1.00 vs fake 1.00, layer 3 goodness real 1.00 vs fake 1.00 (threshold 3); layer 1 units like 0, 1, 2, 3, 4, 5, 6, 7; layer 2 units like 0, 1, 2, 3, 4, 5, 6, 7; layer 3 units like 0, 1, 2, 3, 4, 5, 6, 7');
    for (const id of ['play', 'step', 'reset', 'projector', 'seed', 'badge', 'export-png', 'export-svg', 'goodness-gap', 'epoch']) expect(q(el, id), id).not.toBeNull();
  });

  it('a run whose every unit fell silent pauses with that said, blaming the learning rate the reader raised', async () => {
    history.replaceState(null, '', '/#ff.learning-rate=0.3');
    const el = await mount();
    fake.silentAt = 5;
    q(el, 'step').click();
    await until(() => el.dataset.status === 'diverged');
    const text = el.querySelector('[data-state="diverged"]')!.textContent!;
    expect(text).toContain('Training diverged (every unit fell silent: no digit makes any layer fire) with learning rate 0.3. Lower it and reset.');
  });

  it('steps to the next evaluation and draws it; θ and the learning rate apply live', async () => {
    const el = await mount();
    q(el, 'step').click();
    await until(() => el.dataset.step === '20');
    expect(q(el, 'test-acc').textContent).toBe('30.0%');
    expect(q(el, 'goodness-gap').textContent).toBe('+1.20');
    const theta = el.querySelector<HTMLInputElement>('[data-key="threshold"] input')!;
    theta.value = '4';
    theta.dispatchEvent(new Event('input'));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0]).toEqual({ threshold: 4 });
    expect(fake.created).toHaveLength(1);
    const layers = el.querySelector<HTMLInputElement>('[data-key="layers"] input')!;
    layers.value = '1';
    layers.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready', 2000);
    expect(fake.created[1]).toMatchObject({ sizes: [784, 500], threshold: 4 });
    expect(el.querySelectorAll('.lm-ff-panel > svg')).toHaveLength(2);
    expect(el.querySelectorAll('.lm-ff-row')).toHaveLength(1);
    await until(() => location.hash.includes('ff.layers=1'), 2000);
  });

  it('plays, pauses, and disposes its run when removed', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => fake.steps.get(1)! >= 20);
    q(el, 'play').click();
    el.remove();
    await until(() => fake.disposed.includes(1));
  });
});

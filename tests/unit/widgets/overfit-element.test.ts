// @vitest-environment jsdom
// The widget lifecycle end to end against a fake worker: URL restore, transport and keyboard,
// live vs resetting settings, divergence, and disposal when the element is removed.
import { describe, expect, it, vi } from 'vitest';
import type { OverfitConfig, OverfitMetrics } from '../../../src/chapters/introduction/runs/overfit';
import type { RunRef, TrainOptions } from '../../../src/runtime/protocol';
import { until, q } from './dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from './fake-trainer';

class FakeTrainer extends FakeTrainerBase<OverfitConfig, OverfitMetrics> {
  nanAfter = Infinity;

  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, 5);
    const diverged = step > this.nanAfter;
    return { step, loss: diverged ? NaN : 1 / (step + 1), diverged, steps, stepsPerSec: 100 };
  }
  async evaluate(run: RunRef) {
    const step = this.steps.get(run.id)!;
    return { step, epoch: step / 10, trainLoss: 0.1, trainAccuracy: Math.min(1, 0.1 + step / 100), testLoss: 0.5, testAccuracy: Math.min(0.8, 0.1 + step / 150), diverged: false };
  }
  async samples() {
    return { count: 2, rows: 28, cols: 28, images: new Uint8Array(2 * 784), labels: Uint8Array.from([3, 7]), classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
  }
}

let fake = new FakeTrainer();
vi.mock('../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

// jsdom has no 2D canvas: the sample strip's digits paint nothing, which is fine here.
widgetDom(() => import('../../../src/chapters/introduction/widgets/overfit/element'));

async function mount(html = '<overfit-mlp></overfit-mlp>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'overfit-mlp');
}
const press = (target: Element, key: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

describe('<overfit-mlp>', () => {
  it('restores settings and seed from the URL hash over the tag attributes', async () => {
    history.replaceState(null, '', '/#overfit.train-size=1000&overfit.seed=3&overfit.learning-rate=0.01&overfit.hidden=abc');
    const el = await mount('<overfit-mlp train-size="200" hidden="64" seed="9"></overfit-mlp>');
    expect(fake.created[0]).toMatchObject({ trainSize: 1000, seed: 3, learningRate: 0.01, hidden: 256, dataset: 'mnist', testSize: 2000 });
    expect(q<HTMLInputElement>(el, 'seed').value).toBe('3');
    expect(q(el, 'badge').textContent).toBe('WASM · CPU');
    // The step-0 evaluation is drawn before play.
    expect(q(el, 'train-acc').textContent).toBe('10.0%');
  });

  it('exposes every e2e hook', async () => {
    const el = await mount();
    for (const id of ['play', 'step', 'reset', 'projector', 'seed', 'badge', 'summary', 'train-acc', 'test-acc', 'gap', 'status', 'export-png', 'export-svg']) {
      expect(q(el, id), id).not.toBeNull();
    }
  });

  it('plays, pauses, steps to the next evaluation, and resets to the same run', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => fake.steps.get(1)! >= 20);
    expect(el.dataset.status).toBe('playing');
    q(el, 'play').click();
    expect(el.dataset.status).toBe('ready');
    const calls = fake.trainCalls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.trainCalls.length).toBeLessThanOrEqual(calls + 1); // at most the chunk in flight
    const at = fake.steps.get(1)!;
    q(el, 'step').click();
    await until(() => fake.steps.get(1)! > at);
    const last = fake.trainCalls.at(-1)!;
    expect(last.untilStep).toBeGreaterThan(at);
    expect(last.budgetMs).toBeGreaterThan(1000);
    q(el, 'reset').click();
    await until(() => fake.created.length === 2 && el.dataset.status === 'ready');
    expect(fake.disposed).toEqual([1]);
    expect(fake.created[1]).toEqual(fake.created[0]);
    expect(q(el, 'status').textContent).toContain('step 0');
  });

  it('answers Space, → and R while focus is inside; arrows on a slider move the slider', async () => {
    const el = await mount();
    const figure = el.querySelector('.lm-figure')!;
    press(figure, ' ');
    expect(el.dataset.status).toBe('playing');
    press(figure, ' ');
    expect(el.dataset.status).toBe('ready');
    const range = el.querySelector<HTMLInputElement>('[data-key="trainSize"] input')!;
    const before = fake.trainCalls.length;
    press(range, 'ArrowRight');
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.trainCalls.length).toBe(before); // no step: the slider owns its arrows
    press(figure, 'ArrowRight');
    await until(() => fake.trainCalls.length > before);
    press(figure, 'r');
    await until(() => fake.created.length === 2);
  });

  it('applies live settings without a reset and resets for the others', async () => {
    const el = await mount();
    const lr = el.querySelector<HTMLInputElement>('[data-key="learningRate"] input')!;
    lr.value = String(Number(lr.value) + 20);
    lr.dispatchEvent(new Event('input'));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0]).toEqual({ learningRate: 0.01 });
    expect(fake.created).toHaveLength(1);
    const hidden = el.querySelector<HTMLSelectElement>('[data-key="activation"] select')!;
    hidden.value = 'tanh';
    hidden.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2, 2000);
    expect(fake.created[1]).toMatchObject({ activation: 'tanh', learningRate: 0.01 });
    // The URL now holds the whole configuration.
    await until(() => location.hash.includes('overfit.activation=tanh'), 2000);
    expect(location.hash).toContain('overfit.learning-rate=0.01');
    expect(location.hash).toContain('overfit.seed=1');
  });

  it('pauses on divergence and says which setting to lower', async () => {
    const el = await mount();
    fake.nanAfter = 12;
    q(el, 'play').click();
    await until(() => el.dataset.status === 'diverged');
    const state = q(el, 'state');
    expect(state.hidden).toBe(false);
    expect(state.textContent).toContain('Training diverged (loss became NaN) with learning rate 0.001. Lower it and reset.');
    const calls = fake.trainCalls.length;
    q(el, 'play').click(); // refused until reset
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.trainCalls.length).toBe(calls);
    state.querySelector<HTMLButtonElement>('[data-testid="diverged-reset"]')!.click();
    await until(() => el.dataset.status === 'ready');
    expect(state.hidden).toBe(true);
  });

  // Recovery: an error offers Retry (a new run from the settings as they are now) and Defaults (the
  // figure's defaults); a retry that fails again leaves the same two ways out, never a stuck figure.
  it('recovers from a failed start with Retry, from the current settings, even after a second failure', async () => {
    history.replaceState(null, '', '/#overfit.train-size=1000&overfit.seed=3');
    fake = new FakeTrainer();
    fake.failCreates = 2;
    document.body.innerHTML = '<overfit-mlp></overfit-mlp>';
    const el = document.querySelector<HTMLElement>('overfit-mlp')!;
    await until(() => el.dataset.status === 'error');
    const state = q(el, 'state');
    expect(state.textContent).toContain('Training could not start: the worker could not build the run');
    expect(q(state, 'retry')).not.toBeNull();
    expect(q(state, 'defaults')).not.toBeNull();
    // The reader changes a setting while the figure shows the error: Retry uses it.
    const hidden = el.querySelector<HTMLInputElement>('[data-key="hidden"] input')!;
    hidden.value = '64';
    hidden.dispatchEvent(new Event('input'));
    q(state, 'retry').click();
    await until(() => el.dataset.status === 'error' && fake.failCreates === 0);
    q(state, 'retry').click();
    await until(() => el.dataset.status === 'ready');
    expect(state.hidden).toBe(true);
    expect(fake.created.at(-1)).toMatchObject({ trainSize: 1000, hidden: 64, seed: 3 });
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 10);
  });

  it('recovers from a failure mid-training with Defaults: default settings and seed, in the controls and the URL', async () => {
    history.replaceState(null, '', '/#overfit.train-size=1000&overfit.seed=3&overfit.learning-rate=0.5');
    const el = await mount('<overfit-mlp hidden="128"></overfit-mlp>');
    fake.failTrains = 1;
    q(el, 'play').click();
    await until(() => el.dataset.status === 'error');
    expect(q(el, 'state').textContent).toContain('Something went wrong: the run failed mid-training');
    expect(q(el, 'play').hasAttribute('disabled')).toBe(true);
    q(q(el, 'state'), 'defaults').click();
    await until(() => el.dataset.status === 'ready');
    // The tag's attributes are the figure's defaults; the URL's settings are gone.
    expect(fake.created.at(-1)).toMatchObject({ trainSize: 500, hidden: 128, learningRate: 0.001, seed: 1 });
    expect(q<HTMLInputElement>(el, 'seed').value).toBe('1');
    expect(el.querySelector<HTMLInputElement>('[data-key="trainSize"] input')!.value).toBe('500');
    await until(() => location.hash.includes('overfit.train-size=500'), 2000);
    expect(location.hash).toContain('overfit.seed=1');
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 10);
    expect(el.dataset.status).toBe('playing');
  });

  it('rebuilds the run, instead of failing, when a live change meets a restarting setting not yet released', async () => {
    const el = await mount();
    fake.liveKeys = ['learningRate', 'optimizer', 'batchSize'];
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 10);
    // A slider of a setting that restarts, moved but not released; then a live one.
    const hidden = el.querySelector<HTMLInputElement>('[data-key="hidden"] input')!;
    hidden.value = '64';
    hidden.dispatchEvent(new Event('input'));
    const optimizer = el.querySelector<HTMLSelectElement>('[data-key="optimizer"] select')!;
    optimizer.value = 'sgd';
    optimizer.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2 && el.dataset.status === 'playing');
    expect(fake.created[1]).toMatchObject({ hidden: 64, optimizer: 'sgd' });
    expect(q(el, 'state').hidden).toBe(true);
  });

  it('goes on from the same step when the worker replayed its run after a lost GPU context; restarts otherwise', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 20);
    const lost = (rebuilt: number[]) =>
      fake.events.dispatchEvent(new CustomEvent('backend-changed', { detail: { type: 'backend-changed', info: { name: 'cpu', isGpu: false, forced: false, rejected: [] }, why: 'WebGL context lost', lost: 'webgl', rebuilt } }));
    lost([1]);
    const notice = q(el, 'backend-notice');
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/^WebGL context lost: continued on CPU from step \d+\.$/);
    expect(q(el, 'badge').textContent).toContain('CPU');
    const at = Number(el.dataset.step);
    await until(() => Number(el.dataset.step) >= at + 20);
    expect(fake.created).toHaveLength(1);
    expect(el.dataset.status).toBe('playing');
    expect(q(el, 'state').hidden).toBe(true);
    // A run the worker did not keep: a fresh one, still playing.
    lost([]);
    expect(notice.textContent).toBe('WebGL context lost: restarted on CPU.');
    await until(() => fake.created.length === 2 && el.dataset.status === 'playing');
  });

  it('leaves a divergence through Defaults too', async () => {
    history.replaceState(null, '', '/#overfit.learning-rate=5');
    const el = await mount();
    fake.nanAfter = 12;
    q(el, 'play').click();
    await until(() => el.dataset.status === 'diverged');
    fake.nanAfter = Infinity;
    q(q(el, 'state'), 'defaults').click();
    await until(() => el.dataset.status === 'ready');
    expect(fake.created.at(-1)).toMatchObject({ learningRate: 0.001 });
    q(el, 'play').click();
    await until(() => el.dataset.status === 'playing');
  });

  it('keeps the status line on the step → reached, however soon after playing', async () => {
    const el = await mount();
    for (let i = 0; i < 5; i++) {
      q(el, 'play').click();
      await until(() => el.dataset.status === 'playing' && el.dataset.step !== undefined);
      q(el, 'play').click();
      await until(() => el.dataset.status === 'ready');
      const before = Number(el.dataset.step);
      q(el, 'step').click();
      await until(() => Number(el.dataset.step) > before);
      await new Promise((r) => setTimeout(r, 5));
      expect(q(el, 'status').textContent).toBe(`Paused · step ${Number(el.dataset.step).toLocaleString('en-US')}`);
    }
  });

  it('disposes its worker run when removed from the page', async () => {
    const el = await mount();
    q(el, 'play').click();
    await until(() => fake.steps.get(1)! >= 5);
    el.remove();
    await until(() => fake.disposed.includes(1));
    expect(await fake.memory()).toMatchObject({ runs: 0 });
  });

  it('on the embed page (data-lm-embed): projector-sized from the start, F and Page Down left to the page, Space still plays', async () => {
    history.replaceState(null, '', '/#overfit.scene=1');
    const scenes = '<details class="lm-scenes" data-for="overfit" hidden><ol><li data-scene="train-size=100 seed=1"><a href="#overfit.scene=1">One</a></li><li data-scene="train-size=1000 seed=1"><a href="#overfit.scene=2">Two</a></li></ol></details>';
    const el = await mount(`<overfit-mlp id="overfit" data-lm-embed></overfit-mlp>${scenes}`);
    expect(el.classList.contains('lm-projector') && el.classList.contains('lm-embed')).toBe(true);
    expect(q(el, 'scene-note').textContent).toBe('One');
    const figure = el.querySelector('.lm-figure')!;
    press(figure, 'f');
    expect(el.classList.contains('lm-overlay')).toBe(false);
    const down = new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true });
    figure.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(false);
    expect(q(el, 'scene-note').textContent).toBe('One');
    press(figure, ' ');
    await until(() => el.dataset.status === 'playing');
    // Its export group still has the embed link (hidden by CSS on the embed page), named by the id.
    expect(q(el, 'export-embed')?.textContent).toBe('Embed link');
  });
});

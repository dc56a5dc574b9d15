// @vitest-environment jsdom
// <shift-probe> against a fake worker: the run it asks for (from the URL), the gallery, a shift slider
// answered on the page with no worker call, wrap / gallery / drawing sent live, the curves asked for
// until measured, Play sweeping the shift (→ steps it, R rewinds), retraining with Play (trains to each
// epoch, measures, finishes), a new run for the weights, disposal.
import { describe, expect, it, vi } from 'vitest';
import type { ShiftProbeConfig, ShiftProbeMetrics } from '../../../../src/chapters/cnn-pooling/runs/shift-probe';
import type { Live } from '../../../../src/chapters/cnn-pooling/runs/live';
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { NET_IDS } from '../../../../src/chapters/cnn-pooling/nets';
import { FIGURE_NET_IDS } from '../../../../src/chapters/cnn-pooling/widgets/nets-style';
import { until, q } from '../../widgets/dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from '../../widgets/fake-trainer';

type Config = Live<ShiftProbeConfig>;
const SHIFTS = Array.from({ length: 13 }, (_, k) => k - 6);

/** Net j reads the digit right while |shift| ≤ j + 1, then says (label + 1) mod 10. */
function probabilities(label: number, net: number, shift: number): number[] {
  const answer = Math.abs(shift) <= net + 1 ? label : (label + 1) % 10;
  return Array.from({ length: 10 }, (_, c) => (c === answer ? 0.91 : 0.01));
}

class FakeTrainer extends FakeTrainerBase<Config, ShiftProbeMetrics> {
  configs = new Map<number, Config>();
  evaluations = 0;
  /** Evaluations of a run before its curves are measured. */
  pendingFor = 3;
  total = 0;
  samplesAsked = 0;

  protected override onCreate(id: number, config: Config) {
    this.configs.set(id, { ...config });
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, options.steps ?? 5);
    return { step, loss: 0.5, diverged: false, steps, stepsPerSec: 100 };
  }
  async samples() {
    this.samplesAsked++;
    return { count: 20, rows: 28, cols: 28, images: new Uint8Array(20 * 784), labels: Uint8Array.from({ length: 20 }, (_, i) => i >> 1), classNames: [] };
  }
  async evaluate(run: RunRef): Promise<ShiftProbeMetrics> {
    this.evaluations++;
    const c = this.configs.get(run.id)!;
    const step = this.steps.get(run.id)!;
    const retrain = c.weights === 'retrain';
    const drawn = Boolean(c.drawn);
    const label = drawn ? null : c.digit >> 1;
    const measured = this.evaluations >= this.pendingFor;
    const seeds = retrain ? Array.from({ length: c.seeds ?? 1 }, (_, k) => c.seed + k) : [1];
    return {
      step,
      total: retrain ? this.total * seeds.length : 0,
      seeds,
      stepsPerSeed: retrain ? this.total : 0,
      training: retrain && step < this.total * seeds.length ? Math.floor(step / this.total) : -1,
      loss: 0.5,
      nets: [...NET_IDS],
      labels: NET_IDS.map((id) => id),
      wrap: c.wrap,
      digit: { slot: drawn ? null : c.digit, label, image: c.drawn ?? Array.from({ length: 784 }, (_, i) => (i % 28 === 14 ? 1 : 0)) },
      probabilities: NET_IDS.map((_, j) => SHIFTS.map((s) => probabilities(label ?? 4, j, s))),
      curves: { shifts: SHIFTS, digits: c.curveDigits, seeds: seeds.map((seed, k) => ({ seed, step, done: measured ? c.curveDigits : 16, accuracy: NET_IDS.map((_, j) => SHIFTS.map((s) => 0.9 - Math.abs(s) / (10 + j) - 0.01 * k)) })) },
      pending: !measured,
      probeMs: 1,
      curveMs: 1,
      diverged: false,
    };
  }
  override async update(run: RunRef, partial: Partial<Config>) {
    await super.update(run, partial);
    Object.assign(this.configs.get(run.id)!, partial);
  }
}

let fake = new FakeTrainer();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));
widgetDom(() => import('../../../../src/chapters/cnn-pooling/widgets/shift-probe/element'));

async function mount(html = '<shift-probe id="probe"></shift-probe>', before?: (f: FakeTrainer) => void) {
  fake = new FakeTrainer();
  before?.(fake);
  return mountWidget(html, 'shift-probe', { statuses: ['ready', 'error'] });
}
const control = <T extends HTMLElement = HTMLInputElement>(el: Element, key: string) => el.querySelector<T>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;
const slide = (input: HTMLInputElement, value: number) => {
  input.value = String(value);
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('change'));
};

describe('<shift-probe>', () => {
  it('names the nets as the runs do', () => {
    expect(FIGURE_NET_IDS).toEqual(NET_IDS);
  });

  it('asks for the run the URL describes, shows the gallery and every net’s answer, and measures the curves to the end', async () => {
    history.replaceState(null, '', '/#probe.digit=6&probe.wrap=1&probe.curve-digits=300&probe.seed=4');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ weights: 'pretrained', digit: 6, wrap: true, curveDigits: 300, seed: 4, seeds: 1, drawn: null });
    expect(fake.created[0].modelsUrl).toMatch(/\/models\/cnn-pooling\/$/);
    expect(fake.samplesAsked).toBe(1);
    expect(el.querySelectorAll('[data-testid^="digit-"]')).toHaveLength(20);
    expect(q(el, 'digit-6').getAttribute('aria-pressed')).toBe('true');
    expect(el.dataset.answers).toBe('33333');
    expect(q(el, 'answer-mlp').textContent).toBe('3');
    expect(q(el, 'verdict').textContent).toBe('Not moved: 5 of 5 networks read the test digit as 3.');
    // The shift slider and wrap toggle sit in the figure, under the moved digit.
    expect(el.querySelector('.sp-controls [data-key="shift"]')).not.toBeNull();
    expect(el.querySelector('.sp-controls [data-key="wrap"]')).not.toBeNull();
    // Pending curves: the figure keeps asking until they are measured.
    await until(() => el.dataset.pending === 'false');
    expect(fake.evaluations).toBeGreaterThanOrEqual(3);
    expect(q(el, 'curve-note').textContent).toBe('Measured on 300 held-out test digits, wrapped shifts.');
    expect(el.querySelectorAll('[data-testid="curves"] path.series')).toHaveLength(6); // five nets and the marker
    expect(q(el, 'acc-max').textContent).toBe('test digits at 0 px: 90.0%');
  });

  it('answers a shift on the page, with no worker call, and keeps it in the URL', async () => {
    const el = await mount();
    await until(() => el.dataset.pending === 'false');
    await until(() => el.dataset.pending === 'false');
    const [updates, evaluations] = [fake.updates.length, fake.evaluations];
    slide(control(el, 'shift'), 3);
    // MLP (|s| ≤ 1) and max-pool (≤ 2) are wrong at +3; the others still read 1.
    expect(el.dataset.answers).toBe('22111');
    expect(q(el, 'answer-mlp').dataset.right).toBe('false');
    expect(q(el, 'verdict').textContent).toBe('Moved +3 px: 3 of 5 networks read the test digit as 1.');
    expect(q(el, 'acc-max').textContent).toBe('test digits at +3 px: 62.7%');
    expect(Number(el.dataset.answerMs)).toBeGreaterThan(0); // timed (the end-to-end test holds it under a frame)
    expect(el.querySelector('[data-testid="strip-mlp"] [data-current="true"]')!.getAttribute('data-shift')).toBe('3');
    expect([fake.updates.length, fake.evaluations]).toEqual([updates, evaluations]);
    await until(() => location.hash.includes('probe.shift=3'));
    // A click on a strip cell moves the slider there.
    (el.querySelector('[data-testid="strip-gap"] [data-shift="-5"]') as HTMLElement).click();
    expect(control(el, 'shift').value).toBe('-5');
    expect(el.dataset.answers).toBe('22221');
  });

  it('sends wrap, a gallery pick and a drawing live, without a new run', async () => {
    const el = await mount();
    const box = control(el, 'wrap');
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await until(() => fake.updates.some((u) => u.wrap === true));
    q(el, 'digit-9').click();
    await until(() => fake.updates.some((u) => u.digit === 9));
    await until(() => el.dataset.answers === '44444');
    // Draw with the keyboard: Space paints the cell under the cursor.
    const pad = q(el, 'draw-pad');
    pad.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    await until(() => fake.updates.some((u) => Array.isArray(u.drawn)));
    await until(() => (q(el, 'verdict').textContent ?? '').includes('your drawing'));
    expect(fake.created).toHaveLength(1);
    // The drawing is not a gallery digit any more.
    expect(el.querySelector('[aria-pressed="true"].sp-thumb')).toBeNull();
  });

  it('Play sweeps the digit to +6 px and finishes; → moves one pixel; R goes back to 0', async () => {
    const el = await mount('<shift-probe id="probe" shift="3"></shift-probe>');
    await until(() => el.dataset.pending === 'false');
    q(el, 'step').click();
    await until(() => el.dataset.shift === '4');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 5000);
    expect(control(el, 'shift').value).toBe('6');
    q(el, 'reset').click();
    await until(() => el.dataset.shift === '0');
    expect(el.dataset.status).toBe('ready');
  });

  it('retrains here: Play trains to each epoch, measures there, and finishes; the weights choice makes a new run', async () => {
    history.replaceState(null, '', '/#probe.weights=retrain&probe.seeds=2&probe.seed=7');
    const el = await mount(undefined, (f) => {
      f.total = 30;
      f.pendingFor = 1;
    });
    expect(fake.created[0]).toMatchObject({ weights: 'retrain', seeds: 2, seed: 7 });
    expect(q(el, 'progress').hidden).toBe(false);
    expect(q(el, 'progress').textContent).toContain('Fresh networks from seed 7 (seed 1 of 2: 7, 8): press Play');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 8000);
    expect(Number(el.dataset.step)).toBe(60);
    // Every chunk stops at an epoch (20 steps here: 60 steps in all, 3 epochs per seed).
    const stops = [...new Set(fake.trainCalls.map((c) => c.untilStep))];
    expect(stops).toEqual([20, 40, 60]);
    expect(q(el, 'progress').textContent).toContain('Trained here from seed 7 and 1 more');
    expect(q(el, 'curve-note').textContent).toContain('Mean of 2 seeds (7, 8)');
    expect(el.querySelectorAll('[data-testid="curves"] path.band')).toHaveLength(5);
    // Reset while retraining: fresh nets from the seed.
    q(el, 'reset').click();
    await until(() => fake.created.length === 2);
    const weights = control<HTMLSelectElement>(el, 'weights');
    weights.value = 'pretrained';
    weights.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 3, 2000);
    expect(fake.created[2]).toMatchObject({ weights: 'pretrained', seeds: 1 });
    expect(fake.disposed).toEqual([1, 2]);
  });

  it('recovers from errors: Retry rebuilds from the current settings, Defaults from the defaults', async () => {
    history.replaceState(null, '', '/#probe.weights=retrain&probe.seeds=2&probe.seed=7&probe.digit=9');
    const el = await mount(undefined, (f) => {
      f.failCreates = 2;
      f.total = 30;
      f.pendingFor = 1;
    });
    expect(el.dataset.status).toBe('error');
    const state = q(el, 'state');
    expect(state.textContent).toContain('the worker could not build the run');
    q(state, 'retry').click();
    await until(() => el.dataset.status === 'error' && fake.failCreates === 0);
    q(state, 'retry').click();
    await until(() => el.dataset.status === 'ready');
    expect(state.hidden).toBe(true);
    expect(fake.created.at(-1)).toMatchObject({ weights: 'retrain', seeds: 2, seed: 7, digit: 9 });
    // Training fails mid-way: Defaults brings back the shipped nets, digit and seed.
    fake.failTrains = 1;
    q(el, 'play').click();
    await until(() => el.dataset.status === 'error');
    expect(state.textContent).toContain('the run failed mid-training');
    q(state, 'defaults').click();
    await until(() => el.dataset.status === 'ready');
    expect(fake.created.at(-1)).toMatchObject({ weights: 'pretrained', seeds: 1, seed: 1, digit: 2 });
    expect(control<HTMLSelectElement>(el, 'weights').value).toBe('pretrained');
    await until(() => location.hash.includes('probe.weights=pretrained'), 2000);
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 5000);
  });

  it('falls back to defaults on a malformed hash, and disposes its run when removed', async () => {
    history.replaceState(null, '', '/#probe.shift=banana&probe.digit=-4&probe.weights=nonsense');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ weights: 'pretrained', digit: 0 });
    expect(control(el, 'shift').value).toBe('0');
    el.remove();
    await until(() => fake.disposed.includes(1));
  });
});

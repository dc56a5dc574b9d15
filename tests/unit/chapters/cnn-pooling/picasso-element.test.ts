// @vitest-environment jsdom
// <picasso-faces> against a fake worker: the run from the URL, the t slider answered on the page with
// no worker call, the face / digit sent live, the tally counted to the end, Play moving the parts to
// the twin, retraining (Play trains first), disposal.
import { describe, expect, it, vi } from 'vitest';
import type { PicassoConfig, PicassoMetrics } from '../../../../src/chapters/cnn-pooling/runs/picasso';
import type { Live } from '../../../../src/chapters/cnn-pooling/runs/live';
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { NET_IDS } from '../../../../src/chapters/cnn-pooling/nets';
import { until, q } from '../../widgets/dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from '../../widgets/fake-trainer';

type Config = Live<PicassoConfig>;
const T = Array.from({ length: 21 }, (_, k) => k / 20);

class FakeTrainer extends FakeTrainerBase<Config, PicassoMetrics> {
  configs = new Map<number, Config>();
  evaluations = 0;
  total = 0;

  protected override onCreate(id: number, config: Config) {
    this.configs.set(id, { ...config });
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, options.steps ?? 4);
    return { step, loss: 0.5, diverged: false, steps, stepsPerSec: 100 };
  }
  async evaluate(run: RunRef): Promise<PicassoMetrics> {
    this.evaluations++;
    const c = this.configs.get(run.id)!;
    const n = Math.min(c.scoreImages, 100 * this.evaluations);
    return {
      step: this.steps.get(run.id)!,
      total: c.weights === 'retrain' ? this.total : 0,
      training: -1,
      loss: 0.5,
      nets: [...NET_IDS],
      labels: [...NET_IDS],
      // Net j says "face" while t < 0.2 (j + 1); the global-pool net (j = 3) always does.
      face: { index: c.face, t: T, images: T.map(() => new Array(784).fill(0)), pFace: NET_IDS.map((id, j) => T.map((t) => (id === 'gap' || t < 0.2 * (j + 1) ? 0.9 : 0.1))) },
      digit: { slot: c.digit, label: 7, original: new Array(784).fill(0), swapped: new Array(784).fill(0), originalTop: [7, 7, 7, 7, 7], swappedTop: [5, 2, 2, 7, 2], originalConfidence: [0.9, 0.9, 0.9, 0.9, 0.9], swappedConfidence: [0.4, 0.4, 0.3, 0.97, 0.5] },
      tally: { facesAsFace: [1, 1, 1, 1, 1], scrambledAsFace: [0.3, 0.66, 0.76, 1, 0.62], keepsLabel: [0.14, 0.15, 0.17, 0.26, 0.18], faces: n, digits: n, facesTotal: c.scoreImages, digitsTotal: c.scoreImages },
      pending: n < c.scoreImages,
      probeMs: 1,
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
widgetDom(() => import('../../../../src/chapters/cnn-pooling/widgets/picasso-faces/element'));

async function mount(html = '<picasso-faces id="picasso"></picasso-faces>', before?: (f: FakeTrainer) => void) {
  fake = new FakeTrainer();
  before?.(fake);
  return mountWidget(html, 'picasso-faces', { statuses: ['ready', 'error'] });
}
const control = <T extends HTMLElement = HTMLInputElement>(el: Element, key: string) => el.querySelector<T>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;

describe('<picasso-faces>', () => {
  it('asks for the run the URL describes, answers the t slider on the page, and counts the tally to the end', async () => {
    history.replaceState(null, '', '/#picasso.face=4&picasso.digit=3&picasso.score-images=300&picasso.t=0.3');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ face: 3, digit: 2, scoreImages: 300, weights: 'pretrained', seed: 1 });
    expect('t' in fake.created[0]).toBe(false);
    expect(el.dataset.faces).toBe('01111');
    expect(q(el, 'verdict').textContent).toBe('Parts moved 0.30 of the way: 4 of 5 networks say “face”.');
    await until(() => el.dataset.pending === 'false');
    expect(fake.evaluations).toBe(3);
    expect(q(el, 'tally-note').textContent).toContain('300 fresh faces and their scrambled twins; 300 held-out digits');
    expect(q(el, 'tally-gap-1').textContent).toBe('100%');
    expect(q(el, 'digit-answers').querySelector('tr[data-net="gap"] td:last-child')!.textContent).toBe('7 (97%)');
    // The slider lives under the face, and a move is answered without the worker.
    expect(el.querySelector('.pc-controls [data-key="t"]')).not.toBeNull();
    const before = [fake.updates.length, fake.evaluations];
    const t = control(el, 't');
    t.value = '1';
    t.dispatchEvent(new Event('input'));
    expect(el.dataset.faces).toBe('00010');
    expect(q(el, 'verdict').textContent).toBe('Its scrambled twin: 1 of 5 networks say “face”.');
    expect(q(el, 'p-face-gap').textContent).toBe('90%');
    expect([fake.updates.length, fake.evaluations]).toEqual(before);
    await until(() => location.hash.includes('picasso.t=1'));
  });

  it('sends the face and the digit live; Play moves the parts to the twin and finishes; R goes back to the face', async () => {
    const el = await mount();
    const face = control(el, 'face');
    face.value = '5';
    face.dispatchEvent(new Event('input'));
    face.dispatchEvent(new Event('change'));
    await until(() => fake.updates.some((u) => u.face === 4));
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 8000);
    expect(control(el, 't').value).toBe('1');
    q(el, 'reset').click();
    await until(() => el.dataset.t === '0.00');
    expect(fake.created).toHaveLength(1);
  });

  it('retraining: Play trains the ten nets first, then moves the parts', async () => {
    history.replaceState(null, '', '/#picasso.weights=retrain&picasso.seed=3');
    const el = await mount(undefined, (f) => (f.total = 12));
    expect(fake.created[0]).toMatchObject({ weights: 'retrain', seed: 3 });
    expect(q(el, 'status').textContent).toMatch(/^Untrained · step 0 of 12/);
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 8000);
    expect(Number(el.dataset.step)).toBe(12);
    expect([...new Set(fake.trainCalls.map((c) => c.untilStep))]).toEqual([4, 8, 12]);
    expect(control(el, 't').value).toBe('0');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished' && control(el, 't').value === '1', 8000);
    el.remove();
    await until(() => fake.disposed.includes(1));
  });
});

// @vitest-environment jsdom
// <equivariance-grid> against a fake worker: the run from the URL, three heat maps filled in as the
// grid is measured, a click on a cell picks the close-up (sent live, kept in the URL), the close-up's
// numbers, Play sweeping the close-up's shift, a new run for the weights, disposal.
import { describe, expect, it, vi } from 'vitest';
import type { EquivarianceConfig, EquivarianceMetrics } from '../../../../src/chapters/cnn-pooling/runs/equivariance';
import type { Live } from '../../../../src/chapters/cnn-pooling/runs/live';
import type { RunRef, TrainOptions } from '../../../../src/runtime/protocol';
import { until, q } from '../../widgets/dom-helpers';
import { FakeTrainerBase, mountWidget, widgetDom } from '../../widgets/fake-trainer';

type Config = Live<EquivarianceConfig>;
const LAYERS = [
  ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
  ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
  ['conv 1', 'pool 1', 'conv 2', 'conv 3', 'global average', 'output'],
];

class FakeTrainer extends FakeTrainerBase<Config, EquivarianceMetrics> {
  configs = new Map<number, Config>();
  evaluations = 0;
  /** Grids with no rows yet (as a run may answer before it has measured anything). */
  unmeasured = false;

  protected override onCreate(id: number, config: Config) {
    this.configs.set(id, { ...config });
  }
  async train(run: RunRef, options: TrainOptions = {}) {
    const { step, steps } = await this.advance(run, options, options.steps ?? 5);
    return { step, loss: 0.5, diverged: false, steps, stepsPerSec: 100 };
  }
  async evaluate(run: RunRef): Promise<EquivarianceMetrics> {
    this.evaluations++;
    const c = this.configs.get(run.id)!;
    const done = Math.min(c.images, 64 * this.evaluations);
    const net = c.detailNet ?? 0;
    const layer = Math.min(LAYERS[net].length - 1, c.detailLayer ?? 1);
    return {
      step: this.steps.get(run.id)!,
      total: c.weights === 'retrain' ? 30 : 0,
      training: -1,
      loss: 0.5,
      nets: ['max', 'blur', 'gap'],
      labels: ['CNN, max-pool', 'CNN, MaxBlurPool', 'CNN, global average pool'],
      // E grows with the layer and, at pool layers, is zero at even shifts.
      grids: LAYERS.map((layers, k) => ({ layers, shifts: [0, 1, 2, 3, 4, 5, 6], error: this.unmeasured ? [] : layers.map((name, l) => [0, 1, 2, 3, 4, 5, 6].map((s) => (name.startsWith('pool') && s % 2 === 0 ? 0 : (s * (l + 1)) / (20 * (k + 1))))) })),
      images: c.images,
      done,
      pending: done < c.images,
      wrap: c.wrap,
      detail: { net, layer, shift: c.detailShift ?? 1, digit: c.detailDigit ?? 0, image: new Array(784).fill(0), label: LAYERS[net][layer], width: 12, height: 12, channel: 2, channels: 8, stride: 2, shifted: new Array(144).fill(0.5), expected: new Array(144).fill(0.4), error: 0.25 },
      ms: 1,
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
widgetDom(() => import('../../../../src/chapters/cnn-pooling/widgets/equivariance-grid/element'));

async function mount(html = '<equivariance-grid id="eq"></equivariance-grid>') {
  fake = new FakeTrainer();
  return mountWidget(html, 'equivariance-grid', { statuses: ['ready', 'error'] });
}
const control = <T extends HTMLElement = HTMLInputElement>(el: Element, key: string) => el.querySelector<T>(`[data-key="${key}"] input, [data-key="${key}"] select`)!;

describe('<equivariance-grid>', () => {
  it('loads, and summarises, grids not measured yet (a hostile link once made this throw)', async () => {
    fake = new FakeTrainer();
    fake.unmeasured = true;
    document.body.innerHTML = '<equivariance-grid id="eq"></equivariance-grid>';
    const el = document.querySelector<HTMLElement>('equivariance-grid')!;
    await until(() => el.dataset.status === 'ready' || el.dataset.status === 'error');
    expect(el.dataset.status).toBe('ready');
    expect(q(el, 'summary').textContent).toContain('output at 1 px –, at 6 px –');
  });

  it('asks for the run the URL describes and fills in three heat maps as the grid is measured', async () => {
    history.replaceState(null, '', '/#eq.images=300&eq.wrap=1&eq.net=gap&eq.layer=5&eq.shift=3&eq.digit=7&eq.seed=2');
    const el = await mount();
    expect(fake.created[0]).toMatchObject({ images: 300, wrap: true, detailNet: 2, detailLayer: 4, detailShift: 3, detailDigit: 7, seed: 2, weights: 'pretrained' });
    await until(() => el.dataset.pending === 'false');
    expect(fake.evaluations).toBe(5); // 64 digits per evaluation here, to 300
    expect(q(el, 'grid-note').textContent).toContain('Measured on 300 held-out test digits, wrap-around shifts.');
    for (const id of ['max', 'blur', 'gap']) expect(q(el, `grid-${id}`).querySelectorAll('g.cells rect')).toHaveLength(7 * (id === 'gap' ? 6 : 5));
    // Values in the cells; the close-up's cell framed in its net's map.
    expect(q(el, 'grid-max').querySelector('g.values text')!.textContent).toBe('0.00');
    expect(q(el, 'grid-gap').querySelector('.eq-frame')).not.toBeNull();
    expect(q(el, 'grid-max').querySelector('.eq-frame')).toBeNull();
    expect(q(el, 'detail-title').textContent).toBe('Close-up: CNN, global average pool · global average · shifted 3 px · test digit 7');
    expect(q(el, 'detail-note').textContent).toContain('stride 2: a move of 3 px is 1.50 map pixels; channel 3 of 8');
    expect(q(el, 'detail-note').dataset.error).toBe('0.2500');
    expect(q(el, 'summary').textContent).toContain('CNN, max-pool: pool 1 at 1 px 0.10, at 2 px 0.00');
  });

  it('a click on a cell picks the close-up, live, and the URL keeps it', async () => {
    const el = await mount();
    const rects = q(el, 'grid-blur').querySelectorAll('g.cells rect');
    (rects[3 * 7 + 5] as SVGRectElement).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await until(() => fake.updates.some((u) => u.detailNet === 1 && u.detailLayer === 3 && u.detailShift === 5));
    expect(control<HTMLSelectElement>(el, 'net').value).toBe('blur');
    expect(control(el, 'layer').value).toBe('4');
    await until(() => location.hash.includes('eq.net=blur') && location.hash.includes('eq.shift=5'));
    await until(() => q(el, 'grid-blur').querySelector('.eq-frame') !== null);
    expect(fake.created).toHaveLength(1);
  });

  it('Play sweeps the close-up’s shift to 6 px and finishes; R goes back to 1 px; the weights make a new run', async () => {
    const el = await mount('<equivariance-grid id="eq" shift="4"></equivariance-grid>');
    q(el, 'play').click();
    await until(() => el.dataset.status === 'finished', 5000);
    expect(fake.updates.map((u) => u.detailShift).filter((s) => s !== undefined)).toEqual([5, 6]);
    q(el, 'reset').click();
    await until(() => fake.configs.get(1)!.detailShift === 1);
    const weights = control<HTMLSelectElement>(el, 'weights');
    weights.value = 'retrain';
    weights.dispatchEvent(new Event('change'));
    await until(() => fake.created.length === 2, 2000);
    expect(fake.created[1].weights).toBe('retrain');
    expect(fake.disposed).toEqual([1]);
    el.remove();
    await until(() => fake.disposed.includes(2));
  });
});

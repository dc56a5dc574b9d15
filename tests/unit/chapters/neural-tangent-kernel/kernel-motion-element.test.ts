// @vitest-environment jsdom
// <ntk-kernel-motion> over the real kernel-motion run in process: the seven widths it asks for, the
// log–log chart (a dot and a square per width, the 1/√width line), the heatmaps, the heatmaps' width
// changed live and redrawn at once, the learning rate live; and the chart's two pure helpers against
// closed forms.
import { describe, expect, it, vi } from 'vitest';
import { KernelMotionRun, type KernelMotionConfig, type KernelMotionMetrics } from '../../../../src/chapters/neural-tangent-kernel/runs/kernel-motion';
import { logSlope, referenceConstant } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/view';
import { q, until as waitUntil } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LiveTrainer, setControl } from './live-trainer';

const make = () => new LiveTrainer<KernelMotionConfig, KernelMotionMetrics>((c) => new KernelMotionRun(c));
let fake = make();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/element'), { stubCanvas: false });

const until = (check: () => boolean, ms = 8000) => waitUntil(check, ms);

async function mount(hash = '#km.networks=1') {
  fake = make();
  history.replaceState(null, '', `/${hash}`);
  return mountWidget('<ntk-kernel-motion id="km"></ntk-kernel-motion>', 'ntk-kernel-motion', { statuses: ['ready', 'error'], ms: 8000 });
}

describe('<ntk-kernel-motion>', () => {
  it('trains seven widths side by side and draws how far each moved, with the 1/√width line and the heatmaps', async () => {
    const el = await mount('#km.networks=2&km.heatmap-width=300&km.seed=4');
    expect(fake.created[0]).toMatchObject({ widths: [10, 30, 100, 300, 1000, 3000, 10000], members: 2, heatmapWidth: 300, seed: 4, stepSize: 0.5, probeCount: 24 });
    expect(q(el, 'stat-narrow').textContent).toBe('–'); // nothing has moved at step 0
    for (let i = 0; i < 3; i++) {
      q(el, 'step').click();
      await until(() => el.dataset.step === String(i + 1));
    }
    const chart = q(el, 'chart-motion');
    await until(() => chart.querySelectorAll('.layer-dots path').length === 14);
    expect(chart.querySelectorAll('.layer-members circle')).toHaveLength(14);
    expect(chart.querySelector('.layer-reference path')!.getAttribute('d')).toMatch(/^M/);
    const moved = el.dataset.kernelChange!.split(',').map(Number);
    expect(moved).toHaveLength(7);
    expect(moved[6]).toBeLessThan(moved[0] / 10);
    await until(() => /%$/.test(q(el, 'stat-wide').textContent ?? ''));
    // Heatmaps: 24 × 24 cells for each of the four ring maps, 4 × 4 with their values for the training points.
    const maps = q(el, 'kernel-maps');
    expect(maps.querySelectorAll('[data-map="before"] .cells rect')).toHaveLength(576 + 16);
    expect(maps.querySelectorAll('[data-map="limit"] text')).toHaveLength(16);
    await until(() => (maps.textContent ?? '').includes('width 300'));
    await until(() => /step 3, learning rate 0\.5\. Kernel moved by width 10: .*log–log slope -?\d/.test(q(el, 'summary').textContent ?? ''), 5000);
  });

  it('changes the heatmaps’ width live and redraws them at once; the learning rate live too', async () => {
    const el = await mount();
    q(el, 'step').click();
    await until(() => el.dataset.step === '1');
    setControl(el, 'heatmapWidth', '10000');
    await until(() => el.dataset.heatmapWidth === '10000');
    expect(fake.updates).toEqual([{ heatmapWidth: 10000 }]);
    expect(fake.created).toHaveLength(1);
    await until(() => (q(el, 'kernel-maps').textContent ?? '').includes('width 10,000'));
    setControl(el, 'networks', '2');
    await until(() => fake.created.length === 2);
    expect(fake.created[1]).toMatchObject({ members: 2, heatmapWidth: 10000 });
  });
});

describe('the log–log helpers', () => {
  const widths = [10, 100, 1000, 10000];
  it('the slope of c/√width is −½ and the reference constant is c', () => {
    const values = widths.map((w) => 0.3 / Math.sqrt(w));
    expect(logSlope(widths, values)).toBeCloseTo(-0.5, 12);
    expect(referenceConstant(widths, values)).toBeCloseTo(0.3, 12);
  });
  it('fits only from width 100 up, and says NaN without two points', () => {
    const values = [5, 0.01, 0.001, 0.0001]; // slope −1 from 100 on; the narrow point is off the line
    expect(logSlope(widths, values)).toBeCloseTo(-1, 12);
    expect(logSlope(widths, [1, 0, 0, 0])).toBeNaN();
  });
});

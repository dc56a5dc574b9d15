// @vitest-environment jsdom
// <ntk-eigen> over the real eigen-directions run in process: the network it asks for, four direction
// rows with bars, outlines and the theory's ticks, the log chart growing with the run, the largest
// miss from the theory, the learning rate live and the basis restarting; and the view's helpers.
import { describe, expect, it, vi } from 'vitest';
import { EigenDirectionsRun, type EigenDirectionsConfig, type EigenDirectionsMetrics } from '../../../../src/chapters/neural-tangent-kernel/runs/eigen-directions';
import { eigenSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/schema';
import { decayDomain, largestMiss, theoryMiss } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/view';
import { findSetting, type NumberSetting } from '../../../../src/settings/schema';
import { toLogPosition } from '../../../../src/widgets/base/format';
import { q, until as waitUntil } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LiveTrainer, setControl } from './live-trainer';

const make = () => new LiveTrainer<EigenDirectionsConfig, EigenDirectionsMetrics>((c) => new EigenDirectionsRun(c));
let fake = make();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));

widgetDom(() => import('../../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/element'), { stubCanvas: false });

const until = (check: () => boolean, ms = 8000) => waitUntil(check, ms);

async function mount(hash = '') {
  fake = make();
  history.replaceState(null, '', `/${hash}`);
  return mountWidget('<ntk-eigen id="e"></ntk-eigen>', 'ntk-eigen', { statuses: ['ready', 'error'], ms: 8000 });
}

describe('<ntk-eigen>', () => {
  it('draws four directions with bars, outlines and ticks, and the error history on a log chart', async () => {
    const el = await mount('#e.width=2000&e.seed=2');
    expect(fake.created[0]).toMatchObject({ width: 2000, kernel: 'empirical', seed: 2, stepSize: 0.5, gridSize: 121 });
    const bars = q(el, 'bars');
    expect(bars.querySelectorAll('.direction')).toHaveLength(4);
    await until(() => /λ₁ = \d\.\d{3} · error × 0\.\d\d per step/.test(bars.textContent ?? ''));
    for (let i = 0; i < 6; i++) {
      q(el, 'step').click();
      await until(() => el.dataset.step === String(i + 1));
    }
    // Each coordinate of a wide network's error is where the theory puts it, to a small part of the start.
    const now = el.dataset.projections!.split(',').map(Number);
    const theory = el.dataset.predicted!.split(',').map(Number);
    now.forEach((p, k) => expect(Math.abs(p - theory[k])).toBeLessThan(0.02));
    expect(Number(el.dataset.miss)).toBeGreaterThan(0);
    expect(Number(el.dataset.miss)).toBeLessThan(0.02);
    const decay = q(el, 'chart-decay');
    await until(() => decay.querySelectorAll('.layer-network path').length === 4 && (decay.querySelector('.layer-network path')!.getAttribute('d') ?? '').split('L').length === 7);
    expect(decay.querySelectorAll('.layer-theory path')).toHaveLength(4);
    expect(decay.querySelector('.layer-network path')!.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){6}$/);
    expect(q(el, 'stat-miss').textContent).toMatch(/%$/);
    await until(() => (q(el, 'summary').textContent ?? '').includes('step 6, width 2,000, learning rate 0.5'), 5000);
  });

  it('takes the learning rate live, and restarts for the basis', async () => {
    const el = await mount('#e.width=100');
    setControl(el, 'stepSize', String(toLogPosition(findSetting(eigenSchema, 'stepSize') as NumberSetting, 0.05)));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0].stepSize).toBeCloseTo(0.05, 2);
    setControl(el, 'basis', 'analytic');
    await until(() => fake.created.length === 2);
    expect(fake.created[1]).toMatchObject({ kernel: 'analytic', stepSize: fake.updates[0].stepSize, width: 100 });
  });
});

describe('the eigen view’s helpers', () => {
  const metrics = (step: number, projections: number[], predicted: number[], initial = [3, 0, 4, 0]) => ({ step, projections, predicted, initial }) as unknown as EigenDirectionsMetrics;
  it('measures the miss from the theory against the start’s whole error', () => {
    // ‖r₀‖ = 5; the worst coordinate is 0.5 off.
    expect(theoryMiss(metrics(3, [0.1, 0.2, 0.5, 0], [0.1, 0.3, 1, 0]))).toBeCloseTo(0.1, 14);
    expect(largestMiss([metrics(1, [1, 0, 0, 0], [1.25, 0, 0, 0]), metrics(2, [0, 0, 0, 0], [0, 0, 0, 0.05])])).toBeCloseTo(0.05, 14);
  });
  it('grows the log chart’s x axis with the run until every coordinate is below 1e-10', () => {
    const run = [metrics(0, [1, 1, 1, 1], []), metrics(30, [1e-3, 1e-11, 1e-11, 1e-11], []), metrics(55, [1e-11, 1e-12, 0, 1e-11], []), metrics(80, [0, 0, 0, 0], [])];
    expect(decayDomain(run.slice(0, 1))).toBe(20);
    expect(decayDomain(run.slice(0, 2))).toBe(30);
    expect(decayDomain(run)).toBe(55);
  });
});

// @vitest-environment jsdom
// <ntk-lazy-rich> over the real lazy-rich run in process: two networks from one paired start (an even
// width), their cards, units and petals on the circle, the curves over kernel regression, the rich one
// moving its kernel and features far more after a few steps; the learning rate live, α restarting;
// and the spread and regime helpers.
import { describe, expect, it, vi } from 'vitest';
import { LazyRichRun, type LazyRichConfig, type LazyRichMetrics } from '../../../../src/chapters/neural-tangent-kernel/runs/lazy-rich';
import { spread as tableSpread } from '../../../../src/chapters/neural-tangent-kernel/lazy-rich-table';
import { spread } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/circle';
import { evenWidth } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/config';
import { lazyRichSchema } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/schema';
import { alphaText, regimeName } from '../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/view';
import { findSetting, type NumberSetting } from '../../../../src/settings/schema';
import { toLogPosition } from '../../../../src/widgets/base/format';
import { q, until as waitUntil } from '../../widgets/dom-helpers';
import { mountWidget, widgetDom } from '../../widgets/fake-trainer';
import { LiveTrainer, setControl } from './live-trainer';

const make = () => new LiveTrainer<LazyRichConfig, LazyRichMetrics>((c) => new LazyRichRun(c));
let fake = make();
vi.mock('../../../../src/runtime/client', () => ({ getTrainer: () => Promise.resolve(fake) }));
vi.mock('../../../../src/chapters/neural-tangent-kernel/widgets/common/schedule', async (original) => ({
  ...(await original<typeof import('../../../../src/chapters/neural-tangent-kernel/widgets/common/schedule')>()),
  FLOW_PACE: [[Infinity, 1e9]],
}));

widgetDom(() => import('../../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/element'), { stubCanvas: false });

const until = (check: () => boolean, ms = 10_000) => waitUntil(check, ms);
const position = (key: string, value: number) => String(toLogPosition(findSetting(lazyRichSchema, key) as NumberSetting, value));

async function mount(hash = '') {
  fake = make();
  history.replaceState(null, '', `/${hash}`);
  return mountWidget('<ntk-lazy-rich id="lr"></ntk-lazy-rich>', 'ntk-lazy-rich', { statuses: ['ready', 'error'], ms: 8000 });
}

describe('<ntk-lazy-rich>', () => {
  it('starts two networks at zero from one paired start, and the small-α one moves far more', async () => {
    const el = await mount('#lr.width=401&lr.rich-alpha=0.05&lr.learning-rate=0.5');
    expect(fake.created[0]).toMatchObject({ width: 402, alphas: [1, 0.05], init: 'paired', stepSize: 0.05, sampleUnits: 64, densityBins: 36 });
    await until(() => q(el, 'alpha-left').textContent === 'α = 1');
    expect(q(el, 'alpha-right').textContent).toBe('α = 0.05');
    // Both compute zero at the start; the units and petals are drawn.
    expect(q(el, 'gap-left').textContent).toMatch(/%$/);
    expect(q(el, 'gap-right').textContent).toBe(q(el, 'gap-left').textContent);
    expect(q(el, 'units-right').querySelectorAll('.units circle')).toHaveLength(64);
    expect(q(el, 'units-right').querySelectorAll('.density-now path')).toHaveLength(36);
    expect(q(el, 'units-left').querySelectorAll('.points circle')).toHaveLength(4);
    q(el, 'play').click();
    await until(() => Number(el.dataset.step) >= 150);
    q(el, 'play').click();
    await until(() => el.dataset.status === 'ready');
    const [lazy, rich] = el.dataset.kernelChange!.split(',').map(Number);
    expect(rich).toBeGreaterThan(5 * lazy);
    const [lazySpread, richSpread] = el.dataset.spread!.split(',').map(Number);
    expect(richSpread).toBeLessThan(lazySpread);
    expect(q(el, 'curve-right').querySelectorAll('.layer-curves path')).toHaveLength(3);
    await until(() => /α = 1: kernel moved [\d.]+%, .*α = 0\.05: kernel moved/.test(q(el, 'summary').textContent ?? ''), 5000);
  });

  it('takes the learning rate live and restarts for α and the width', async () => {
    const el = await mount('#lr.width=100');
    setControl(el, 'stepSize', position('stepSize', 0.2));
    await until(() => fake.updates.length === 1);
    expect(fake.updates[0].stepSize).toBeCloseTo(0.2, 1);
    setControl(el, 'richAlpha', position('richAlpha', 0.1));
    await until(() => fake.created.length === 2);
    expect(fake.created[1]).toMatchObject({ alphas: [1, 0.1], width: 100, stepSize: fake.updates[0].stepSize });
  });
});

describe('the lazy-rich helpers', () => {
  it('spread is the table’s exp(entropy)/bins: 1 when even, 1/bins when all in one', () => {
    expect(spread([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(1, 14);
    expect(spread([0, 1, 0, 0])).toBeCloseTo(0.25, 14);
    const mixed = [0.1, 0.2, 0.3, 0.4];
    expect(spread(mixed)).toBeCloseTo(tableSpread(Float64Array.from(mixed)), 14);
  });
  it('names the scales and keeps the width even', () => {
    expect(regimeName(1 / Math.sqrt(1000), 1000)).toMatch(/mean-field/);
    expect(regimeName(1, 1000)).toBe('NTK scaling');
    expect(regimeName(10, 1000)).toBe('lazier than NTK');
    expect(regimeName(0.005, 1000)).toBe('beyond mean-field');
    expect(regimeName(0.2, 1000)).toBe('between NTK and mean-field');
    expect([evenWidth(11), evenWidth(1), evenWidth(1000)]).toEqual([12, 2, 1000]);
    expect([alphaText(0.0316), alphaText(1), alphaText(10)]).toEqual(['0.032', '1', '10']);
  });
});

/**
 * The kernel-motion drawing: live numbers, a log–log chart of how far each width has moved its kernel
 * and its weights (the mean over its networks, and each network faintly) with a line ∝ 1/√width
 * through the kernel points, and the heatmaps (maps.ts). A pure function of the latest metrics.
 */
import type { KernelMotionMetrics } from '../../runs/kernel-motion';
import { h } from '../../../../widgets/base/dom';
import { attrs, createPlot, curvePath, pool, type Plot } from '../common/plot';
import { chartSize, fixed, inProjector, percent, percentText, stat, statRow, stepLabel, type Stat } from '../common/layout';
import { groupNumber, t } from '../../../../i18n/t';
import { KernelMaps } from './maps';
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import { describeData } from '../../../../viz/dataTable';
import { motionTables } from '../common/tables';

const Y_DOMAIN = [1e-3, 3] as const;
/** The chart's series; each label goes through t() where it is written. */
export const SERIES = {
  kernel: { label: 'kernel ‖Θₜ − Θ₀‖ / ‖Θ₀‖', color: 'var(--c0, #0072b2)', dash: '' },
  weights: { label: 'weights ‖θₜ − θ₀‖ / ‖θ₀‖', color: 'var(--c1, #d55e00)', dash: '5 3' },
  reference: { label: '∝ 1/√width', color: 'var(--muted, #5f5f5f)', dash: '2 4' },
} as const;

/** The slope of log y against log width, fitted over the widths from `from` up (NaN if fewer than two finite points). */
export function logSlope(widths: readonly number[], values: readonly number[], from = 100): number {
  const pts = widths.map((w, i) => [Math.log(w), Math.log(values[i])] as const).filter(([lw, lv], i) => widths[i] >= from && Number.isFinite(lv) && Number.isFinite(lw));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  const sxy = pts.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = pts.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return sxy / sxx;
}

/** c such that c/√width passes through the kernel points in the least-squares sense of the logs (NaN without points). */
export function referenceConstant(widths: readonly number[], values: readonly number[]): number {
  const logs = widths.map((w, i) => Math.log(values[i] * Math.sqrt(w))).filter(Number.isFinite);
  return logs.length ? Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) : NaN;
}

export class KernelMotionView {
  readonly element: HTMLElement;
  private readonly chartBox: HTMLElement;
  private readonly mapsBox: HTMLElement;
  private readonly body: HTMLElement;
  private readonly stats: Record<'step' | 'narrow' | 'wide' | 'slope', Stat>;
  private plot: Plot | null = null;
  private maps: KernelMaps | null = null;
  private latest: KernelMotionMetrics | null = null;
  /** The projector layout the charts were drawn for ('' on the page). */
  private projectorKey = '';

  constructor() {
    this.stats = {
      step: stat(stepLabel(), 'stat-step'),
      narrow: stat(t('Kernel moved, {n} units', { n: groupNumber(10) }), 'stat-narrow'),
      wide: stat(t('Kernel moved, {n} units', { n: groupNumber(10000) }), 'stat-wide'),
      slope: stat(t('Log–log slope, kernel'), 'stat-slope', t('fit, widths ≥ {n}', { n: 100 })),
    };
    // lm-fill: in projector mode each box takes its share of the free height and is drawn at its size (ntk.css).
    this.chartBox = h('div', { class: 'lm-chart ntk-chart lm-fill', attrs: { 'data-testid': 'chart-motion' } });
    this.mapsBox = h('div', { class: 'ntk-maps lm-fill', attrs: { 'data-testid': 'kernel-maps' } });
    this.body = h('div', { class: 'ntk-motion-body' }, [this.chartBox, this.mapsBox]);
    this.element = h('div', { class: 'ntk-motion' }, [statRow(Object.values(this.stats)), this.body]);
    describeData(this.element, () => motionTables(t('Kernel and weight change against width'), this.latest));
  }

  get charts(): SVGSVGElement[] {
    return [this.plot?.svg, this.maps?.svg].filter((s): s is SVGSVGElement => Boolean(s));
  }

  fit(host: Element, available: number): void {
    // In projector mode on a wide screen the heatmaps stand beside the chart (ntk.css: 62% / 38%).
    // Projector mode: side by side whatever the width, each drawn at its box's size with the projector's font.
    const side = inProjector(host) && (available >= 1000 || projectorFrame(this.chartBox) !== null);
    this.body.classList.toggle('ntk-side', side);
    const p = projectorFrame(this.chartBox);
    const q = p && projectorFrame(this.mapsBox);
    const key = p && q ? `${p.width}×${p.height}|${q.width}×${q.height}` : '';
    if (key && key === this.projectorKey) return;
    this.projectorKey = key;
    const chartColumn = side ? Math.floor((available - 24) * 0.62) : available;
    const mapsColumn = side ? available - 24 - chartColumn : available;
    const { width, height } = p ?? chartSize(host, chartColumn, available < 500 ? 0.78 : 0.4, side ? 0.5 : 0.36, 640);
    const narrow = width < 500;
    const series = Object.values(SERIES).map((s) => ({ label: t(s.label), color: s.color, dash: s.dash, kind: 'line' as const }));
    this.plot = createPlot({
      title: t('Relative change of the tangent kernel and of the weights during training, against width, on log–log axes'),
      width,
      height,
      font: p?.fontSize,
      margin: { top: p ? legendMargin(series.map((s) => s.label), width, 56, 14, p.fontSize) : narrow ? 46 : 30, left: 56 },
      x: { domain: [7, 14000], log: true, label: t('width (hidden units)'), ticks: [10, 100, 1000, 10000] },
      y: { domain: Y_DOMAIN, log: true, label: t('relative change since the start'), ticks: [1e-3, 1e-2, 0.1, 1], format: (v) => percentText(String(Number((100 * v).toPrecision(v >= 0.01 ? 2 : 1)))) },
    });
    this.plot.legend(series);
    for (const name of ['reference', 'members', 'lines', 'dots']) this.plot.layer(name);
    this.chartBox.replaceChildren(this.plot.svg);
    this.maps = q ? new KernelMaps(q.width, 4, { height: q.height, font: q.fontSize }) : side ? new KernelMaps(Math.min(mapsColumn, 560), 4) : new KernelMaps(mapsColumn);
    this.mapsBox.replaceChildren(this.maps.svg);
    this.draw(this.latest);
  }

  draw(m: KernelMotionMetrics | null): void {
    this.latest = m;
    const at = (w: number, values: number[] | undefined) => (m && values ? values[m.widths.indexOf(w)] : undefined);
    this.stats.step.set(m ? groupNumber(m.step) : '–');
    this.stats.narrow.set(m && m.step > 0 ? percent(at(10, m.kernelChange)) : '–');
    this.stats.wide.set(m && m.step > 0 ? percent(at(10000, m.kernelChange)) : '–');
    const slope = m ? logSlope(m.widths, m.kernelChange) : NaN;
    this.stats.slope.set(Number.isFinite(slope) ? fixed(slope, 2).replace('-', '−') : '–');
    const plot = this.plot;
    if (!plot) return;
    if (!m) {
      for (const name of ['reference', 'members', 'lines', 'dots']) plot.layer(name).replaceChildren();
      return;
    }
    if (this.maps) this.maps.update(m.heatmaps);
    const c = referenceConstant(m.widths, m.kernelChange);
    const [ref] = pool(plot.layer('reference'), 'path', 1, { fill: 'none', stroke: SERIES.reference.color, 'stroke-width': 1.5, 'stroke-dasharray': SERIES.reference.dash });
    ref.setAttribute('d', Number.isFinite(c) ? curvePath(plot, [7, 14000], [c / Math.sqrt(7), c / Math.sqrt(14000)], true) : '');
    const members = m.kernelChangeMembers.flatMap((row, i) => row.map((v) => [m.widths[i], v] as const)).filter(([, v]) => v > 0 && Number.isFinite(v));
    pool(plot.layer('members'), 'circle', members.length, { r: 2.5, fill: SERIES.kernel.color, 'fill-opacity': 0.35 }).forEach((dot, i) => attrs(dot, { cx: plot.x(members[i][0]), cy: plot.y(members[i][1]) }));
    const [kernelLine, weightLine] = pool(plot.layer('lines'), 'path', 2, { fill: 'none', 'stroke-width': 1.8, class: 'series' });
    attrs(kernelLine, { d: curvePath(plot, m.widths, m.kernelChange, true), stroke: SERIES.kernel.color });
    attrs(weightLine, { d: curvePath(plot, m.widths, m.weightChange, true), stroke: SERIES.weights.color, 'stroke-dasharray': SERIES.weights.dash });
    const dots = m.widths.flatMap((w, i) => [
      { w, v: m.kernelChange[i], kind: 'kernel' as const },
      { w, v: m.weightChange[i], kind: 'weights' as const },
    ]).filter((d) => d.v > 0 && Number.isFinite(d.v));
    pool(plot.layer('dots'), 'path', dots.length, { 'stroke-width': 1.5 }).forEach((p, i) => {
      const d = dots[i];
      const x = plot.x(d.w);
      const y = plot.y(Math.max(Y_DOMAIN[0], Math.min(Y_DOMAIN[1], d.v)));
      const r = 4.5;
      const shape = d.kind === 'kernel' ? `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0` : `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}z`;
      attrs(p, { d: shape, fill: d.kind === 'kernel' ? SERIES.kernel.color : 'var(--bg, #fff)', stroke: d.kind === 'kernel' ? 'var(--bg, #fff)' : SERIES.weights.color });
    });
    plot.desc.textContent = m.widths.map((w, i) => t('width {width}: kernel {kernel}, weights {weights}', { width: w, kernel: percent(m.kernelChange[i]), weights: percent(m.weightChange[i]) })).join('; ');
  }
}

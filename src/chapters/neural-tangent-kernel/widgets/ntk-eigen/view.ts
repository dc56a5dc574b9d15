/**
 * The eigen-directions drawing: live numbers; the direction bars (bars.ts); a log chart of each
 * coordinate's size |⟨vₖ, r⟩| over the steps, the network's (solid) against the linear theory's
 * (dashed), where geometric decay is a straight line; and the network's curve on the circle.
 * The history of evaluations is the element's; this draws it.
 */
import type { EigenDirectionsMetrics } from '../../runs/eigen-directions';
import { h } from '../../../../widgets/base/dom';
import { angleAxis, attrs, createPlot, curvePath, pool, type Plot } from '../common/plot';
import { chartSize, inProjector, percent, small, stat, statRow, stepLabel, type Stat } from '../common/layout';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { DIRECTION_COLORS, DirectionBars } from './bars';
import { legendMargin, projectorFrame, type ChartFrame } from '../../../../widgets/base/panels';
import { describeData } from '../../../../viz/dataTable';
import { eigenTables } from '../common/tables';

/** Below this the coordinates are float64 rounding noise: the log chart's floor. */
const FLOOR = 1e-10;
const THEORY = 'var(--fg, #1b1b1b)';
/** The log chart's legend, in the page's language. */
const legend = () => [...DIRECTION_COLORS.map((color, k) => ({ label: t('direction {k}', { k: k + 1 }), color, dash: '', kind: 'line' as const })), { label: t('theory'), color: THEORY, dash: '4 3', kind: 'line' as const }];

/** The largest gap between a coordinate and the theory's, relative to the start's whole error ‖r₀‖. */
export function theoryMiss(m: EigenDirectionsMetrics): number {
  const norm = Math.hypot(...m.initial);
  return norm > 0 ? Math.max(...m.projections.map((p, k) => Math.abs(p - m.predicted[k]))) / norm : 0;
}

/** The largest miss over a run's evaluations. */
export function largestMiss(history: readonly EigenDirectionsMetrics[]): number {
  return history.reduce((worst, m) => Math.max(worst, theoryMiss(m)), 0);
}

/** The chart's last step: the first evaluation where every coordinate is below the floor, else the latest (at least 20). */
export function decayDomain(history: readonly EigenDirectionsMetrics[]): number {
  const done = history.find((m) => m.step > 0 && m.projections.every((p) => Math.abs(p) < FLOOR));
  return Math.max(20, done ? done.step : (history.at(-1)?.step ?? 0));
}

export class EigenView {
  readonly element: HTMLElement;
  private readonly barsBox: HTMLElement;
  private readonly decayBox: HTMLElement;
  private readonly curveBox: HTMLElement;
  private readonly stats: Record<'step' | 'loss' | 'miss', Stat>;
  private bars: DirectionBars | null = null;
  private decay: Plot | null = null;
  private curve: Plot | null = null;
  private history: readonly EigenDirectionsMetrics[] = [];
  private decaySize: { width: number; height: number; font?: number } = { width: 320, height: 282 };
  /** The projector layout the charts were drawn for ('' on the page). */
  private projectorKey = '';
  private decayLast = -1;

  constructor() {
    this.stats = {
      step: stat(stepLabel(), 'stat-step'),
      loss: stat(t('Training error'), 'stat-loss'),
      miss: stat(t('Miss from the theory'), 'stat-miss', t('largest so far, of the start')),
    };
    // lm-fill: in projector mode the bars and the log chart take the free height, drawn at their size (ntk.css).
    this.barsBox = h('div', { class: 'ntk-panel lm-fill', attrs: { 'data-testid': 'bars' } });
    this.decayBox = h('div', { class: 'ntk-panel lm-fill', attrs: { 'data-testid': 'chart-decay' } });
    this.curveBox = h('div', { class: 'ntk-panel ntk-eigen-curve', attrs: { 'data-testid': 'chart-network' } });
    const note = h('p', { class: 'ntk-note', text: t('Bar: the error along the direction now. Outline: at the start. Tick: where the linear theory says it is now.') });
    this.element = h('div', { class: 'ntk-eigen' }, [statRow(Object.values(this.stats)), h('div', { class: 'ntk-eigen-grid' }, [h('div', {}, [this.barsBox, note]), this.decayBox]), this.curveBox]);
    describeData(this.element, () => eigenTables(this.history));
  }

  get charts(): SVGSVGElement[] {
    return [this.bars?.svg, this.decay?.svg, this.curve?.svg].filter((s): s is SVGSVGElement => Boolean(s));
  }

  fit(host: Element, available: number): void {
    // In projector mode the bars and the log chart are drawn at their boxes' size with the projector's font (the curve is hidden: ntk.css).
    const p = projectorFrame(this.barsBox);
    const q = p && projectorFrame(this.decayBox);
    const key = p && q ? `${p.width}×${p.height}|${q.width}×${q.height}` : '';
    if (key && key === this.projectorKey) return;
    this.projectorKey = key;
    const twoColumns = available >= 680 || q !== null;
    const column = twoColumns ? Math.floor((available - 24) / 2) : available;
    const design = inProjector(host) ? Math.min(column, 620) : column;
    this.bars = p ? new DirectionBars(p.width, { height: p.height, font: p.fontSize }) : new DirectionBars(design);
    this.barsBox.replaceChildren(this.bars.svg);
    const curve = chartSize(host, available, twoColumns ? 0.26 : 0.55, 0.2);
    this.curve = createPlot({
      title: t('The network’s function on the circle and the training points'),
      ...curve,
      margin: { top: 12 },
      x: angleAxis(),
      y: { domain: [-2, 2], label: 'f(γ)', ticks: [-1, 0, 1] },
    });
    this.curveBox.replaceChildren(this.curve.svg);
    this.element.querySelector('.ntk-eigen-grid')?.classList.toggle('ntk-two', twoColumns);
    this.buildDecay(host, design, twoColumns, q);
    this.draw(this.history);
  }

  draw(history: readonly EigenDirectionsMetrics[]): void {
    this.history = history;
    const m = history.at(-1);
    this.stats.step.set(m ? groupNumber(m.step) : '–');
    this.stats.loss.set(m ? small(m.loss) : '–', t('mean squared error on the four training points'));
    this.stats.miss.set(m && m.step > 0 ? percent(largestMiss(history)) : '–');
    if (!m) return;
    this.bars?.update(m);
    this.drawDecay(history);
    this.drawCurve(m);
  }

  private buildDecay(host: Element, width: number, twoColumns: boolean, frame: ChartFrame | null): void {
    this.decaySize = frame ? { width: frame.width, height: frame.height, font: frame.fontSize } : { width, height: twoColumns ? 34 + 4 * 62 : chartSize(host, width, 0.7, 0.3).height };
    this.makeDecay(decayDomain(this.history));
  }

  private makeDecay(last: number): void {
    const { width, height, font } = this.decaySize;
    const items = legend();
    const plot = createPlot({
      title: t('Size of the training error along each eigen-direction over the steps: the network and the linear theory'),
      width,
      height,
      font,
      margin: { top: font ? legendMargin(items.map((l) => l.label), width, 50, 14, font) : 44, left: 50 },
      x: { domain: [0, last], label: t('step') },
      y: { domain: [FLOOR, 3], log: true, label: t('|error along direction| (log)'), ticks: [1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1] },
    });
    plot.legend(items);
    plot.layer('network');
    plot.layer('theory');
    this.decayLast = last;
    this.decay = plot;
    this.decayBox.replaceChildren(plot.svg);
  }

  private drawDecay(history: readonly EigenDirectionsMetrics[]): void {
    // The x axis grows with the run until everything is learned.
    const last = decayDomain(history);
    if (last !== this.decayLast) this.makeDecay(last);
    const plot = this.decay;
    if (!plot) return;
    const steps = history.map((m) => m.step);
    const floor = (v: number) => Math.max(FLOOR * 0.5, Math.abs(v));
    pool(plot.layer('network'), 'path', 4, { fill: 'none', 'stroke-width': 3, class: 'series' }).forEach((p, k) => {
      attrs(p, { d: curvePath(plot, steps, history.map((m) => floor(m.projections[k])), true), stroke: DIRECTION_COLORS[k] });
    });
    pool(plot.layer('theory'), 'path', 4, { fill: 'none', 'stroke-width': 1.3, 'stroke-dasharray': '4 3', stroke: THEORY }).forEach((p, k) => {
      p.setAttribute('d', curvePath(plot, steps, history.map((m) => floor(m.predicted[k])), true));
    });
    const directions = history.at(-1)?.projections.map((p, k) => t('direction {k} at {value}', { k: k + 1, value: localNumber(Math.abs(p).toExponential(1)) })).join(', ') ?? '';
    plot.desc.textContent = t('Over {n} steps: {directions}', { n: groupNumber(steps.at(-1) ?? 0), directions });
  }

  private drawCurve(m: EigenDirectionsMetrics): void {
    const plot = this.curve;
    if (!plot) return;
    const [zero, line] = pool(plot.layer('curve'), 'path', 2, { fill: 'none' });
    attrs(zero, { d: curvePath(plot, [-Math.PI, Math.PI], [0, 0]), stroke: 'var(--border, #d9d9d9)' });
    attrs(line, { d: curvePath(plot, m.grid, m.network), stroke: 'var(--fg, #1b1b1b)', 'stroke-width': 1.8, class: 'series' });
    pool(plot.layer('points'), 'circle', m.trainAngles.length, { r: 4.5, fill: 'var(--fg, #1b1b1b)', stroke: 'var(--bg, #fff)', 'stroke-width': 2 }).forEach((c, i) => attrs(c, { cx: plot.x(m.trainAngles[i]), cy: plot.y(m.targets[i]) }));
    plot.desc.textContent = t('The network after {step} steps; training error {loss}.', { step: groupNumber(m.step), loss: small(m.loss) });
  }
}

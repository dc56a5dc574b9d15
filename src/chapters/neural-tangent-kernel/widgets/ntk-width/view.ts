/**
 * The width slider's drawing: the live numbers above, and one chart of functions on the circle:
 * the networks (solid), each one's kernel twin (dashed: the infinite-width network from the same start
 * after the same steps), the theory's band now (mean ± 1 sd over starts), kernel regression's mean
 * (t → ∞), and the four training points. A pure function of the latest metrics and the highlight.
 */
import type { WidthEnsembleMetrics } from '../../runs/width-ensemble';
import { h } from '../../../../widgets/base/dom';
import { angleAxis, attrs, bandPath, createPlot, curvePath, pool, type Plot } from '../common/plot';
import { chartSize, percent, small, stat, statRow, stepLabel, type Stat } from '../common/layout';
import { groupNumber, isFrench, localNumber, t } from '../../../../i18n/t';
import { legendMargin, projectorFrame } from '../../../../widgets/base/panels';
import { TriedWidths } from './tried';
import type { LegendItem } from '../../../../viz/legend';
import { describeData } from '../../../../viz/dataTable';
import { widthTables } from '../common/tables';

/** A network has fitted its four points below this mean squared error (the reproduce table's criterion). */
export const FITTED_MSE = 1e-6;
const Y_LIMIT = 2.5;

export const STYLE = {
  network: { color: 'var(--c0, #0072b2)', dash: '' },
  twin: { color: 'var(--c1, #d55e00)', dash: '4 3' },
  mean: { color: 'var(--muted, #5f5f5f)', dash: '7 4' },
  band: { color: 'var(--c0, #0072b2)', dash: '' },
} as const;

/** The chart's legend, in the page's language. */
const legend = (): LegendItem[] => [
  { label: t('network'), color: STYLE.network.color, dash: '', kind: 'line' },
  { label: t('its kernel twin'), color: STYLE.twin.color, dash: STYLE.twin.dash, kind: 'line' },
  { label: t('kernel regression (mean)'), color: STYLE.mean.color, dash: STYLE.mean.dash, kind: 'line' },
  { label: t('infinite width now: mean ± 1 sd'), color: STYLE.band.color, dash: '', kind: 'band' },
];

export class WidthView {
  readonly element: HTMLElement;
  private readonly box: HTMLElement;
  private readonly triedBox: HTMLElement;
  private readonly body: HTMLElement;
  readonly tried = new TriedWidths();
  private readonly stats: Record<'step' | 'loss' | 'gap' | 'fitted', Stat>;
  private plot: Plot | null = null;
  private highlight = 0;
  private latest: WidthEnsembleMetrics | null = null;
  /** The projector layout the charts were drawn for ('' on the page). */
  private projectorKey = '';

  constructor() {
    this.stats = {
      step: stat(stepLabel(), 'stat-step'),
      loss: stat(t('Training error (mean)'), 'stat-loss'),
      gap: stat(t('Gap to their twins'), 'stat-gap'),
      fitted: stat(t('Fit all four points'), 'stat-fitted'),
    };
    // lm-fill: in projector mode each box takes its share of the free height and its chart is drawn at its size (ntk.css).
    this.box = h('div', { class: 'lm-chart ntk-chart lm-fill', attrs: { 'data-testid': 'chart-functions' } });
    this.triedBox = h('div', { class: 'lm-chart ntk-chart lm-fill', attrs: { 'data-testid': 'chart-tried' } });
    this.body = h('div', { class: 'ntk-width-body' }, [this.box, this.triedBox]);
    this.element = h('div', { class: 'ntk-width' }, [statRow(Object.values(this.stats)), this.body]);
    describeData(this.element, () => widthTables(this.plot?.svg.getAttribute('aria-label') || t('Trained networks f(γ) on the circle'), this.latest));
  }

  get charts(): SVGSVGElement[] {
    return [this.plot?.svg, this.tried.svg].filter((s): s is SVGSVGElement => Boolean(s));
  }

  /** Rebuild the charts for this width (and the height that goes with it in this host): the widths run so far beside the functions from 860 px, below them on narrower screens. */
  fit(host: Element, available: number): void {
    const side = available >= 860;
    this.body.classList.toggle('ntk-side', side);
    // Projector mode: both charts at their boxes' size (the screen's free height) and the projector's font.
    const p = projectorFrame(this.box);
    const q = p && projectorFrame(this.triedBox);
    const key = p && q ? `${p.width}×${p.height}|${q.width}×${q.height}` : '';
    if (key && key === this.projectorKey) return;
    this.projectorKey = key;
    const main = side ? Math.round((available - 20) * 0.74) : available;
    const { width, height } = p ?? chartSize(host, main, main < 500 ? 0.8 : 0.56, 0.38);
    const scale = main / width;
    if (q) this.tried.fit(q.width, q.height, q.fontSize);
    else if (side) this.tried.fit(Math.round((available - 20 - main) / scale), height);
    else this.tried.fit(width, Math.round(width * 0.45));
    this.triedBox.replaceChildren(this.tried.svg!);
    const items = legend();
    const plot = createPlot({
      title: t('Trained networks f(γ) on the circle, their kernel twins, and the infinite-width band'),
      width,
      height,
      font: p?.fontSize,
      margin: { top: p ? legendMargin(items.map((l) => l.label), width, 52, 14, p.fontSize) : width < 500 ? 46 : 30 },
      x: angleAxis(),
      y: { domain: [-Y_LIMIT, Y_LIMIT], label: 'f(γ)', ticks: [-2, -1, 0, 1, 2] },
    });
    plot.legend(items);
    for (const name of ['band', 'zero', 'mean', 'twins', 'networks', 'focus', 'points']) plot.layer(name);
    this.plot = plot;
    this.box.replaceChildren(plot.svg);
    this.draw(this.latest);
  }

  setHighlight(k: number): void {
    this.highlight = k;
    this.draw(this.latest);
  }

  draw(m: WidthEnsembleMetrics | null): void {
    this.latest = m;
    this.drawStats(m);
    const plot = this.plot;
    if (!plot) return;
    const zero = pool(plot.layer('zero'), 'line', 1, { stroke: 'var(--border, #d9d9d9)', 'stroke-width': 1 })[0];
    attrs(zero, { x1: 0, x2: plot.innerWidth, y1: plot.y(0), y2: plot.y(0) });
    if (!m) {
      for (const name of ['band', 'mean', 'twins', 'networks', 'focus', 'points']) plot.layer(name).replaceChildren();
      plot.desc.textContent = t('No networks yet.');
      return;
    }
    const lo = m.bandMean.map((v, i) => v - m.bandSd[i]);
    const hi = m.bandMean.map((v, i) => v + m.bandSd[i]);
    const [band] = pool(plot.layer('band'), 'path', 1, { fill: STYLE.band.color, 'fill-opacity': 0.16, stroke: 'none' });
    band.setAttribute('d', bandPath(plot, m.grid, lo, hi));
    const [mean] = pool(plot.layer('mean'), 'path', 1, { fill: 'none', stroke: STYLE.mean.color, 'stroke-width': 1.6, 'stroke-dasharray': STYLE.mean.dash });
    mean.setAttribute('d', curvePath(plot, m.grid, m.limitMean));
    const focus = this.highlight >= 1 && this.highlight <= m.networks.length ? this.highlight - 1 : -1;
    const faded = focus >= 0 ? 0.25 : 0.9;
    pool(plot.layer('twins'), 'path', m.kernelPaths.length, { fill: 'none', stroke: STYLE.twin.color, 'stroke-width': 1.3, 'stroke-dasharray': STYLE.twin.dash }).forEach((p, k) => {
      attrs(p, { d: curvePath(plot, m.grid, m.kernelPaths[k]), 'stroke-opacity': faded });
    });
    pool(plot.layer('networks'), 'path', m.networks.length, { fill: 'none', stroke: STYLE.network.color, 'stroke-width': 1.5 }).forEach((p, k) => {
      attrs(p, { d: curvePath(plot, m.grid, m.networks[k]), 'stroke-opacity': faded });
    });
    const bold = pool(plot.layer('focus'), 'path', focus >= 0 ? 2 : 0, { fill: 'none', class: 'series' });
    if (focus >= 0) {
      attrs(bold[0], { d: curvePath(plot, m.grid, m.kernelPaths[focus]), stroke: STYLE.twin.color, 'stroke-width': 2.6, 'stroke-dasharray': STYLE.twin.dash });
      attrs(bold[1], { d: curvePath(plot, m.grid, m.networks[focus]), stroke: STYLE.network.color, 'stroke-width': 3 });
    }
    pool(plot.layer('points'), 'circle', m.trainAngles.length, { r: 5, fill: 'var(--fg, #1b1b1b)', stroke: 'var(--bg, #fff)', 'stroke-width': 2 }).forEach((c, i) => {
      attrs(c, { cx: plot.x(m.trainAngles[i]), cy: plot.y(m.targets[i]) });
    });
    plot.desc.textContent = describe(m);
  }

  private drawStats(m: WidthEnsembleMetrics | null): void {
    this.stats.step.set(m ? groupNumber(m.step) : '–');
    this.stats.loss.set(m ? small(m.loss) : '–', t('mean over the networks of the mean squared error on the four points'));
    this.stats.gap.set(m ? percent(m.gap) : '–', t('root-mean-square distance between each network and its kernel twin over the circle, relative to the targets’ size; mean over the networks'));
    this.stats.fitted.set(m ? t('{n} of {total}', { n: fittedCount(m), total: m.networks.length }) : '–');
  }
}

export function fittedCount(m: Pick<WidthEnsembleMetrics, 'memberLoss'>): number {
  return m.memberLoss.filter((l) => l < FITTED_MSE).length;
}

function describe(m: WidthEnsembleMetrics): string {
  return t('{n} networks of width {width} after {step} steps, drawn over the angle from −π to π with their kernel twins; the four training points at γ = {angles}.', {
    n: m.networks.length,
    width: groupNumber(m.width),
    step: groupNumber(m.step),
    angles: m.trainAngles.map((a) => localNumber(String(a))).join(isFrench() ? ' ; ' : ', '),
  });
}

/**
 * A histogram of a flat array of values (weights, gradients, activations), binned by d3-array
 * and redrawn in place: one `<rect>` per bin, reused across updates. Non-finite values are
 * counted, reported in the summary and otherwise left out.
 */
import { bin, mean, median } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { createAxes } from './axes';
import { finiteExtent, padDegenerate, type Domain } from './domain';
import { formatInteger, formatNumber, type Format } from './format';
import { seriesColor } from './palette';
import { t } from '../i18n/t';
import { createSvgRoot, frame, resolveDocument, svgEl, type ChartOptions } from './svg';
import { describeData } from './dataTable';

export interface HistogramOptions extends ChartOptions {
  xLabel?: string;
  /** Default 'Count'. */
  yLabel?: string;
  /** A bin-count hint (nice thresholds) or explicit thresholds. Default 20. */
  thresholds?: number | readonly number[];
  /** Fixed x domain; values outside it are counted in the summary, not drawn. Default: the data's (niced) extent. */
  domain?: Domain;
  /** Fixed top of the y axis, so successive updates compare; default: the tallest bin. */
  yMax?: number;
  /** Bar colour; default palette slot 0. */
  color?: string;
  /** Formats x values in ticks and summary. Default `formatNumber`. */
  format?: Format;
  /** What the values are, plural, for the summary. Default 'values'. */
  noun?: string;
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface Histogram {
  readonly element: SVGSVGElement;
  /** Rebins and redraws, reusing the bars already there. */
  update(values: ArrayLike<number>): void;
  /** The bins last drawn. */
  bins(): readonly HistogramBin[];
  summary(): string;
}

const MARGIN = { top: 12, right: 16, bottom: 36, left: 56 };

export function histogram(options: HistogramOptions): Histogram {
  const doc = resolveDocument(options.document);
  const f = frame(options.width ?? 360, options.height ?? 220, options.margin, MARGIN, options.fontSize);
  const { svg, desc, plot } = createSvgRoot(doc, f, options.title, 'viz-histogram');
  const bars = svgEl(doc, 'g', { class: 'bars', fill: options.color ?? seriesColor(0) }, plot);
  const axes = createAxes(doc, plot, f, { xLabel: options.xLabel, yLabel: options.yLabel ?? 'Count' });
  const format = options.format ?? formatNumber;
  const noun = t(options.noun ?? 'values');

  let current: HistogramBin[] = [];
  let finite: number[] = [];
  let nonFinite = 0;
  let outside = 0;

  function update(values: ArrayLike<number>): void {
    finite = [];
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
    nonFinite = values.length - finite.length;

    const binner = bin();
    if (options.domain) binner.domain(padDegenerate(options.domain));
    else {
      const e = finiteExtent([finite]);
      if (e && e[0] === e[1]) binner.domain(padDegenerate(e));
    }
    const t = options.thresholds ?? 20;
    if (typeof t === 'number') binner.thresholds(t);
    else binner.thresholds([...t]);
    const raw = finite.length || options.domain ? binner(finite) : [];
    current = raw.map((b) => ({ x0: b.x0 as number, x1: b.x1 as number, count: b.length }));
    outside = finite.length - current.reduce((s, b) => s + b.count, 0);
    draw();
  }

  function draw(): void {
    const xd: [number, number] = current.length
      ? [current[0].x0, current[current.length - 1].x1]
      : padDegenerate(options.domain ?? [0, 1]);
    const x = scaleLinear().domain(xd).range([0, f.innerWidth]);
    const top = options.yMax ?? Math.max(1, ...current.map((b) => b.count));
    const y = scaleLinear().domain([0, top]).range([f.innerHeight, 0]).nice();
    axes.render(x, y, format, (v) => (Number.isInteger(v) ? formatInteger(v) : ''));
    select(bars)
      .selectAll<SVGRectElement, HistogramBin>('rect')
      .data(current)
      .join((enter) => enter.append('rect'))
      .attr('x', (b) => x(b.x0) + 0.5)
      .attr('width', (b) => Math.max(0, x(b.x1) - x(b.x0) - 1))
      .attr('y', (b) => y(Math.min(b.count, top)))
      .attr('height', (b) => f.innerHeight - y(Math.min(b.count, top)));
    desc.textContent = summary();
  }

  function summary(): string {
    const parts: string[] = [];
    const n = finite.length;
    const lo = finiteExtent([finite]);
    if (!lo) parts.push(t('No {noun}.', { noun }));
    else {
      parts.push(
        t('{n} {noun} from {lo} to {hi}; mean {mean}, median {median}.', {
          n: formatInteger(n),
          noun,
          lo: format(lo[0]),
          hi: format(lo[1]),
          mean: format(mean(finite) as number),
          median: format(median(finite) as number),
        }),
      );
      const tallest = current.reduce<HistogramBin | undefined>((m, b) => (!m || b.count > m.count ? b : m), undefined);
      if (tallest && tallest.count > 0) {
        parts.push(t('Tallest bin: {lo} to {hi}, {n} {noun}.', { lo: format(tallest.x0), hi: format(tallest.x1), n: formatInteger(tallest.count), noun }));
      }
    }
    if (outside > 0) parts.push(t('{n} outside the plotted range.', { n: formatInteger(outside) }));
    if (nonFinite > 0) parts.push(t('{n} non-finite left out.', { n: formatInteger(nonFinite) }));
    return parts.join(' ');
  }

  // A row per bin: its edges (named after the x axis) and its count.
  const of = options.xLabel ? ` (${t(options.xLabel)})` : '';
  describeData(svg, () => [{
    title: svg.getAttribute('aria-label') ?? '',
    columns: [t('From') + of, t('To') + of, t(options.yLabel ?? 'Count')],
    rows: current.map((b) => [b.x0, b.x1, b.count]),
  }]);
  draw();
  return { element: svg, update, bins: () => current, summary };
}

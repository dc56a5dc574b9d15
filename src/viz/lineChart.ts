/**
 * A line chart of named series that grow while a model trains, with optional bands (mean ± spread).
 *
 * Appending only mutates arrays; nothing is drawn until the caller calls `render()`, at most once
 * per animation frame (see `frameThrottle`). Non-finite points are kept in the data but drawn as
 * gaps and left out of domains and summaries. The y domain is fixed or automatic; the x domain
 * grows to cover the data.
 */
import { area, line } from 'd3-shape';
import { scaleLinear, scaleLog } from 'd3-scale';
import { createAxes } from './axes';
import { padDegenerate, type Domain } from './domain';
import { formatNumber, type Format } from './format';
import { renderLegend, type LegendItem } from './legend';
import { seriesColor, seriesDash } from './palette';
import { createSvgRoot, frame, resolveDocument, svgEl, type ChartOptions } from './svg';
import { lineTables, plottedExtents, seriesSentence, type SeriesData } from './lineData';
import { describeData } from './dataTable';
import { t } from '../i18n/t';

export interface SeriesOptions {
  /** Legend and summary name; default: the key. */
  label?: string;
  /** Any CSS colour; default: the next palette slot, `var(--cN, <Okabe–Ito>)`. */
  color?: string;
  /** SVG stroke-dasharray; default: the slot's pattern. */
  dash?: string;
  /** Adds the best value so far to the summary: "(max 98.0%)". */
  best?: 'max' | 'min';
  /** Formats this series' y values in the summary; default: the chart's `yFormat`. */
  format?: Format;
}

export interface LineChartOptions extends ChartOptions {
  xLabel?: string;
  yLabel?: string;
  /** Fixed y domain; default: fitted to the data, bands included. */
  yDomain?: Domain;
  /** Smallest x extent shown; it grows to cover the data. Default: the data's extent. */
  xDomain?: Domain;
  /** 'log' drops y <= 0 values as it drops non-finite ones. */
  yScale?: 'linear' | 'log';
  /** Declared series: their order fixes the legend order and colour slots. */
  series?: Record<string, SeriesOptions>;
  /** Formats y ticks and summary values (e.g. `formatPercent`). Default: `formatNumber`. */
  yFormat?: Format;
  xFormat?: Format;
  /** The x quantity's name in the summary, as in "at step 400". Default 'step'. */
  xName?: string;
}

export interface LineChartData {
  series?: Record<string, { x: ArrayLike<number>; y: ArrayLike<number> }>;
  bands?: Record<string, { x: ArrayLike<number>; lo: ArrayLike<number>; hi: ArrayLike<number> }>;
}

export interface LineChart {
  readonly element: SVGSVGElement;
  /** Adds one point to a series (created on first use). Draws nothing until `render()`. */
  append(key: string, x: number, y: number): void;
  /** Replaces a series' points, as parallel arrays or as [x, y] pairs. Draws nothing until `render()`. */
  setSeries(key: string, xs: ArrayLike<number>, ys: ArrayLike<number>): void;
  setSeries(key: string, points: ReadonlyArray<readonly [number, number]>): void;
  /** Replaces the band under a series key (or a band of its own). Draws nothing until `render()`. */
  setBand(key: string, xs: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): void;
  /** Replaces all data (keys left out are emptied, keeping their colours) and renders. */
  update(data: LineChartData): void;
  /** Empties every series and band; colour slots stay, so a rerun looks the same. */
  clear(): void;
  /** Redraws scales, axes, paths, legend and the SVG's `<desc>`. */
  render(): void;
  /** Plain-English summary of what is plotted, for screen readers. */
  summary(): string;
}

interface Entry extends SeriesData {
  key: string;
  color: string;
  dash: string;
  hasLine: boolean;
  hasBand: boolean;
  path?: SVGPathElement;
  bandPath?: SVGPathElement;
}

const MARGIN = { top: 28, right: 16, bottom: 36, left: 60 };

export function lineChart(options: LineChartOptions): LineChart {
  const doc = resolveDocument(options.document);
  const f = frame(options.width ?? 480, options.height ?? 280, options.margin, MARGIN, options.fontSize);
  const { svg, desc, plot } = createSvgRoot(doc, f, options.title, 'viz-line-chart');
  const axes = createAxes(doc, plot, f, options);
  // A nested <svg> clips marks to the plot area without needing a document-unique clipPath id.
  const marks = svgEl(doc, 'svg', { class: 'marks', width: f.innerWidth, height: f.innerHeight, overflow: 'hidden' }, plot);
  const bandLayer = svgEl(doc, 'g', { class: 'bands' }, marks);
  const lineLayer = svgEl(doc, 'g', { class: 'lines' }, marks);
  const legend = svgEl(doc, 'g', { class: 'legend', transform: `translate(${f.margin.left},${Math.round(10 * f.font / 11)})` }, svg);

  const log = options.yScale === 'log';
  const yFormat = options.yFormat ?? formatNumber;
  const xFormat = options.xFormat ?? formatNumber;
  const xName = t(options.xName ?? 'step');
  const entries = new Map<string, Entry>();
  let legendDirty = true;
  let indices = new Uint32Array(0);

  function entry(key: string): Entry {
    let e = entries.get(key);
    if (!e) {
      const o = options.series?.[key] ?? {};
      const slot = entries.size;
      e = {
        key, label: t(o.label ?? key), best: o.best, format: o.format,
        color: o.color ?? seriesColor(slot), dash: o.dash ?? seriesDash(slot),
        xs: [], ys: [], bandX: [], lo: [], hi: [], hasLine: false, hasBand: false,
      };
      entries.set(key, e);
      legendDirty = true;
    }
    return e;
  }
  for (const key of Object.keys(options.series ?? {})) entry(key).hasLine = true;
  // The table view reads the arrays as they are when it opens: nothing is copied per frame.
  describeData(svg, () => lineTables(svg.getAttribute('aria-label') ?? '', options.xLabel ? t(options.xLabel) : xName, entries.values()));

  function markLine(e: Entry): void {
    if (!e.hasLine) legendDirty = true;
    e.hasLine = true;
  }

  const okY = (v: number) => Number.isFinite(v) && (!log || v > 0);

  function indexRange(n: number): Uint32Array {
    if (indices.length < n) {
      indices = new Uint32Array(Math.max(n, indices.length * 2));
      for (let i = 0; i < indices.length; i++) indices[i] = i;
    }
    return indices.subarray(0, n);
  }

  function domains(): { x: Domain; y: Domain } {
    const e = plottedExtents(entries.values(), okY);
    const o = options.xDomain;
    const x: Domain = e.x && o ? [Math.min(e.x[0], o[0]), Math.max(e.x[1], o[1])] : e.x ?? o ?? [0, 1];
    let y: Domain = options.yDomain ?? e.y ?? (log ? [1, 10] : [0, 1]);
    if (log && y[0] === y[1]) y = [y[0] / 2, y[1] * 2];
    return { x: padDegenerate(x), y: padDegenerate(y) };
  }

  function render(): void {
    const d = domains();
    const x = scaleLinear().domain(d.x).range([0, f.innerWidth]);
    const y = (log ? scaleLog() : scaleLinear()).domain(d.y).range([f.innerHeight, 0]);
    if (!options.yDomain) y.nice();
    const logTicks = log ? y.tickFormat(axes.yTicks) : null;
    axes.render(x, y, options.xFormat ?? null, logTicks ? (v) => (logTicks(v) ? yFormat(v) : '') : options.yFormat ?? null);

    for (const e of entries.values()) {
      if (e.hasBand) {
        e.bandPath ??= svgEl(doc, 'path', { class: 'band', fill: e.color, 'fill-opacity': 0.2, stroke: 'none' }, bandLayer);
        const band = area<number>()
          .defined((i) => Number.isFinite(e.bandX[i]) && okY(e.lo[i]) && okY(e.hi[i]))
          .x((i) => x(e.bandX[i]))
          .y0((i) => y(e.lo[i]))
          .y1((i) => y(e.hi[i]));
        e.bandPath.setAttribute('d', band(indexRange(Math.min(e.bandX.length, e.lo.length, e.hi.length))) ?? '');
      }
      if (e.hasLine) {
        e.path ??= svgEl(doc, 'path', {
          class: 'series', fill: 'none', stroke: e.color, 'stroke-width': 1.75,
          'stroke-linejoin': 'round', 'stroke-linecap': 'round', 'stroke-dasharray': e.dash || null,
        }, lineLayer);
        const path = line<number>()
          .defined((i) => Number.isFinite(e.xs[i]) && okY(e.ys[i]))
          .x((i) => x(e.xs[i]))
          .y((i) => y(e.ys[i]));
        e.path.setAttribute('d', path(indexRange(Math.min(e.xs.length, e.ys.length))) ?? '');
      }
    }
    if (legendDirty) {
      const items: LegendItem[] = [...entries.values()].map((e) => ({
        label: e.label, color: e.color, dash: e.dash, kind: e.hasLine ? 'line' : 'band',
      }));
      renderLegend(doc, legend, items, f.width - f.margin.left - f.margin.right, f.font);
      legendDirty = false;
    }
    desc.textContent = summary();
  }

  function summary(): string {
    const sentences: string[] = [];
    for (const e of entries.values()) {
      const s = seriesSentence(e, { yFormat: e.format ?? yFormat, xFormat, xName, keep: okY });
      if (s) sentences.push(s);
    }
    return sentences.length ? sentences.join(' ') : t('No data yet.');
  }

  function setSeries(key: string, a: ArrayLike<number> | ReadonlyArray<readonly [number, number]>, b?: ArrayLike<number>): void {
    const e = entry(key);
    markLine(e);
    if (b) {
      e.xs = Array.from(a as ArrayLike<number>);
      e.ys = Array.from(b);
    } else {
      const points = a as ReadonlyArray<readonly [number, number]>;
      e.xs = points.map((p) => p[0]);
      e.ys = points.map((p) => p[1]);
    }
  }

  function setBand(key: string, xs: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): void {
    const e = entry(key);
    if (!e.hasBand) legendDirty = true;
    e.hasBand = true;
    e.bandX = Array.from(xs);
    e.lo = Array.from(lo);
    e.hi = Array.from(hi);
  }

  function clear(): void {
    for (const e of entries.values()) {
      e.xs = [];
      e.ys = [];
      e.bandX = [];
      e.lo = [];
      e.hi = [];
    }
  }

  return {
    element: svg,
    append(key, x, y) {
      const e = entry(key);
      markLine(e);
      e.xs.push(x);
      e.ys.push(y);
    },
    setSeries,
    setBand,
    update(data) {
      clear();
      for (const [key, s] of Object.entries(data.series ?? {})) setSeries(key, s.x, s.y);
      for (const [key, b] of Object.entries(data.bands ?? {})) setBand(key, b.x, b.lo, b.hi);
      render();
    },
    clear,
    render,
    summary,
  };
}

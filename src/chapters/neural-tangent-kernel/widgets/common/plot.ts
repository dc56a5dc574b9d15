/**
 * The chapter's chart scaffold: an accessible SVG (title, desc; src/viz/svg.ts) with linear or log
 * axes at chosen ticks, a plot area that clips its marks, a legend row above it, and path helpers
 * (d3-shape) that leave gaps at non-finite points. Angles γ ∈ [−π, π] get ticks at multiples of π/2.
 * Views draw into named layers; nothing here knows about networks.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import { createSvgRoot, frame, svgEl, type Margin } from '../../../../viz/svg';
import { renderLegend, type LegendItem } from '../../../../viz/legend';
import { isFrench, t } from '../../../../i18n/t';

export interface AxisSpec {
  domain: readonly [number, number];
  log?: boolean;
  label?: string;
  /** Tick values; default: about one per 70 px. */
  ticks?: readonly number[];
  format?: (v: number) => string;
}

export type Scale = (v: number) => number;

export interface Plot {
  readonly svg: SVGSVGElement;
  readonly desc: SVGDescElement;
  readonly innerWidth: number;
  readonly innerHeight: number;
  x: Scale;
  y: Scale;
  /** A group inside the clipped plot area, created on first use, in call order. */
  layer(name: string): SVGGElement;
  /** A group over the plot area that is not clipped (labels at the edges). */
  readonly overlay: SVGGElement;
  /** New y domain (and ticks): redraws the y axis. */
  setY(spec: AxisSpec): void;
  legend(items: readonly LegendItem[]): void;
}

const PI_LABELS = new Map([
  [-Math.PI, '−π'],
  [-Math.PI / 2, '−π/2'],
  [0, '0'],
  [Math.PI / 2, 'π/2'],
  [Math.PI, 'π'],
]);

/** The angle axis of every function-on-the-circle chart (a function: its label is in the page's language). */
export function angleAxis(): AxisSpec {
  return { domain: [-Math.PI, Math.PI], ticks: [...PI_LABELS.keys()], format: (v) => PI_LABELS.get(v) ?? v.toFixed(1), label: t('angle γ on the circle') };
}

/** 1e-3 → "0.001", 1e-5 → "1e-5", 1000 → "1,000" (French: "0,001", "1 000"). */
export function tickNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(0).replace('e+', 'e');
  return Number(v.toPrecision(3)).toLocaleString(isFrench() ? 'fr-FR' : 'en-US');
}

function scaleFor(spec: AxisSpec, range: [number, number]) {
  return (spec.log ? scaleLog() : scaleLinear()).domain([...spec.domain]).range(range);
}

function ticksFor(spec: AxisSpec, scale: ReturnType<typeof scaleFor>, pixels: number): number[] {
  if (spec.ticks) return [...spec.ticks];
  if (spec.log) {
    const [lo, hi] = spec.domain;
    const out: number[] = [];
    for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(10 ** e);
    const every = Math.max(1, Math.ceil(out.length / Math.max(2, Math.floor(pixels / 40))));
    return out.filter((_, i) => i % every === 0);
  }
  return scale.ticks(Math.max(2, Math.round(pixels / 70)));
}

/**
 * `font`: the text's size in SVG units (default 11). Margins (given for 11), the legend and the axes
 * scale with it: projector mode draws a chart at its screen size with the projector's font (chartFont).
 */
export function createPlot(options: { title: string; width: number; height: number; margin?: Partial<Margin>; x: AxisSpec; y: AxisSpec; font?: number }): Plot {
  const doc = document;
  const f = frame(options.width, options.height, options.margin, { top: 30, right: 14, bottom: 38, left: 52 }, options.font);
  const k = f.font / 11;
  const { svg, desc, plot } = createSvgRoot(doc, f, options.title, 'viz-ntk');
  const xg = svgEl(doc, 'g', { class: 'axis axis-x', transform: `translate(0,${f.innerHeight})` }, plot);
  const yg = svgEl(doc, 'g', { class: 'axis axis-y' }, plot);
  const label = (text: string | undefined, attrs: Record<string, string | number>) => {
    if (text) svgEl(doc, 'text', { class: 'axis-label', 'text-anchor': 'middle', fill: 'currentColor', ...attrs }, plot).textContent = text;
  };
  // Descenders and a rotated label's glyph box reach past the em: kept 4 units (at 11 px) inside the chart.
  label(options.x.label, { x: f.innerWidth / 2, y: f.innerHeight + f.margin.bottom - Math.round(4 * k) });
  const yLabel = svgEl(doc, 'text', { class: 'axis-label', transform: `translate(${Math.max(2, Math.round(4 * k - 2)) - f.margin.left},${f.innerHeight / 2}) rotate(-90)`, dy: '0.71em', 'text-anchor': 'middle', fill: 'currentColor' }, plot);
  const marks = svgEl(doc, 'svg', { class: 'marks', width: f.innerWidth, height: f.innerHeight, overflow: 'hidden' }, plot);
  const overlay = svgEl(doc, 'g', { class: 'overlay' }, plot);
  const legendG = svgEl(doc, 'g', { class: 'legend', transform: `translate(${f.margin.left},${Math.round(10 * k)})` }, svg);
  // d3-axis writes font-size 10 on each axis: a chart laid out with larger text gets its ticks at that size.
  const tickFont = (g: SVGGElement) => {
    if (k > 1) g.setAttribute('font-size', String(f.font));
  };
  const layers = new Map<string, SVGGElement>();

  const xScale = scaleFor(options.x, [0, f.innerWidth]);
  const xAxis = axisBottom(xScale).tickValues(ticksFor(options.x, xScale, f.innerWidth / k)).tickFormat((v) => (options.x.format ?? tickNumber)(+v));
  select(xg).call(xAxis);
  tickFont(xg);

  const result: Plot = {
    svg,
    desc,
    innerWidth: f.innerWidth,
    innerHeight: f.innerHeight,
    x: (v) => xScale(v),
    y: (v) => v,
    overlay,
    layer(name) {
      let g = layers.get(name);
      if (!g) {
        g = svgEl(doc, 'g', { class: `layer-${name}` }, marks);
        layers.set(name, g);
      }
      return g;
    },
    setY(spec) {
      const yScale = scaleFor(spec, [f.innerHeight, 0]);
      result.y = (v) => yScale(v);
      select(yg).call(axisLeft(yScale).tickValues(ticksFor(spec, yScale, f.innerHeight / k)).tickFormat((v) => (spec.format ?? tickNumber)(+v)));
      tickFont(yg);
      yLabel.textContent = spec.label ?? '';
    },
    legend(items) {
      renderLegend(doc, legendG, items, f.innerWidth, f.font);
    },
  };
  result.setY(options.y);
  return result;
}

/** The SVG path of a curve through (xs[i], ys[i]), with gaps where a value is not finite (or ≤ 0 on a log axis). */
export function curvePath(plot: Plot, xs: ArrayLike<number>, ys: ArrayLike<number>, logY = false): string {
  const ok = (i: number) => Number.isFinite(xs[i]) && Number.isFinite(ys[i]) && (!logY || ys[i] > 0);
  const clampY = (v: number) => Math.max(-1e4, Math.min(1e4, plot.y(v)));
  return line<number>().defined(ok).x((i) => plot.x(xs[i])).y((i) => clampY(ys[i]))(Array.from({ length: Math.min(xs.length, ys.length) }, (_, i) => i)) ?? '';
}

/** The SVG path of the band between lo and hi over xs. */
export function bandPath(plot: Plot, xs: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): string {
  const ok = (i: number) => Number.isFinite(xs[i]) && Number.isFinite(lo[i]) && Number.isFinite(hi[i]);
  const clampY = (v: number) => Math.max(-1e4, Math.min(1e4, plot.y(v)));
  return area<number>().defined(ok).x((i) => plot.x(xs[i])).y0((i) => clampY(lo[i])).y1((i) => clampY(hi[i]))(Array.from({ length: xs.length }, (_, i) => i)) ?? '';
}

/** Keep exactly `count` children of `tag` in `g` (reused across redraws), created with `attrs`. */
export function pool<K extends keyof SVGElementTagNameMap>(g: SVGGElement, tag: K, count: number, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K][] {
  const items = [...g.children].filter((c) => c.tagName.toLowerCase() === tag) as SVGElementTagNameMap[K][];
  while (items.length < count) items.push(svgEl(document, tag, attrs, g));
  while (items.length > count) items.pop()!.remove();
  return items;
}

/** Set SVG attributes (null removes one). */
export function attrs(el: Element, values: Record<string, string | number | null>): void {
  for (const [k, v] of Object.entries(values)) {
    if (v === null) el.removeAttribute(k);
    else el.setAttribute(k, String(v));
  }
}

import { t } from '../i18n/t';
/**
 * The document and SVG plumbing every primitive shares. The document is injected (default
 * `globalThis.document`), so primitives render in a page, in jsdom, or in a detached document.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Options every SVG chart takes. */
export interface ChartOptions {
  /** The document to create elements in; default `globalThis.document`. */
  document?: Document;
  /** Pixel size of the whole figure, margins included. */
  width?: number;
  height?: number;
  margin?: Partial<Margin>;
  /**
   * Font size of the chart's text, in the SVG's units (default 11). Margins, tick spacing and the
   * legend scale with it, so a figure laid out at its screen size (projector mode reads
   * `--lm-chart-font`) gets large text with room for it.
   */
  fontSize?: number;
  /** Short name of the figure: the SVG's `<title>` and `aria-label`. */
  title: string;
}

export function resolveDocument(doc?: Document): Document {
  const d = doc ?? globalThis.document;
  if (!d) throw new Error('viz: no document; pass { document } when rendering outside a page.');
  return d;
}

/** Creates an SVG element with attributes (null/undefined attributes are skipped). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs: Record<string, string | number | null | undefined> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const el = doc.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  if (parent) parent.appendChild(el);
  return el;
}

export interface Frame {
  width: number;
  height: number;
  margin: Margin;
  /** The text's font size; margins given for the default 11 are scaled by font / 11. */
  font: number;
  /** Plot area, inside the margins. */
  innerWidth: number;
  innerHeight: number;
}

export const DEFAULT_FONT = 11;

export function frame(width: number, height: number, margin: Partial<Margin> | undefined, defaults: Margin, font = DEFAULT_FONT): Frame {
  const k = font / DEFAULT_FONT;
  const given = { ...defaults, ...margin };
  const m = k === 1 ? given : { top: Math.round(given.top * k), right: Math.round(given.right * k), bottom: Math.round(given.bottom * k), left: Math.round(given.left * k) };
  return {
    width,
    height,
    margin: m,
    font,
    innerWidth: Math.max(1, width - m.left - m.right),
    innerHeight: Math.max(1, height - m.top - m.bottom),
  };
}

export interface SvgRoot {
  svg: SVGSVGElement;
  /** The `<desc>`: primitives keep the current text summary in it. */
  desc: SVGDescElement;
  /** The plot-area group, translated by the margins. */
  plot: SVGGElement;
}

/**
 * An accessible SVG root: role="img", aria-label, `<title>` and `<desc>` (first children, as
 * screen readers expect), explicit width/height plus a viewBox so it scales down in narrow columns.
 */
export function createSvgRoot(doc: Document, f: Frame, englishTitle: string, className: string): SvgRoot {
  const title = t(englishTitle);
  const svg = svgEl(doc, 'svg', {
    width: f.width,
    height: f.height,
    viewBox: `0 0 ${f.width} ${f.height}`,
    role: 'img',
    'aria-label': title,
    class: `viz ${className}`,
    'font-family': 'var(--font-sans, system-ui, sans-serif)',
    'font-size': f.font,
  });
  svg.style.maxWidth = '100%';
  svg.style.height = 'auto';
  svgEl(doc, 'title', {}, svg).textContent = title;
  const desc = svgEl(doc, 'desc', {}, svg);
  const plot = svgEl(doc, 'g', { class: 'plot', transform: `translate(${f.margin.left},${f.margin.top})` }, svg);
  return { svg, desc, plot };
}

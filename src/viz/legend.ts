/**
 * Legends drawn in SVG (so they export with the figure): swatches for named series, each with its
 * colour and dash pattern, and a stepped colour ramp for heatmaps.
 */
import { svgEl } from './svg';
import { rgbString, type ColorMap } from './palette';
import type { Domain } from './domain';
import type { Format } from './format';
import { t } from '../i18n/t';

export interface LegendItem {
  label: string;
  color: string;
  /** SVG stroke-dasharray ('' for solid). */
  dash: string;
  /** 'line': a stroke sample; 'band': a filled box (mean ± spread). */
  kind: 'line' | 'band';
}

const SWATCH_11 = 22;
/** Text width estimate per character at font-size 11; jsdom and detached nodes cannot measure. */
const CHAR_WIDTH = 6.2;

/** Replaces the children of `g` with a left-to-right legend that wraps at `maxWidth`; sized for text of `font` (default 11). */
export function renderLegend(doc: Document, g: SVGGElement, items: readonly LegendItem[], maxWidth: number, font = 11): void {
  g.replaceChildren();
  const k = font / 11;
  const SWATCH = Math.round(SWATCH_11 * k);
  let x = 0;
  let y = 0;
  for (const item of items) {
    const label = t(item.label);
    const w = SWATCH + 6 * k + label.length * CHAR_WIDTH * k + 14 * k;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += 16 * k;
    }
    const entry = svgEl(doc, 'g', { class: 'legend-item', transform: `translate(${x},${y})` }, g);
    if (item.kind === 'band') {
      svgEl(doc, 'rect', { x: 0, y: -5 * k, width: SWATCH, height: 10 * k, fill: item.color, 'fill-opacity': 0.25, stroke: item.color, 'stroke-dasharray': item.dash || null }, entry);
    } else {
      svgEl(doc, 'line', { x1: 0, x2: SWATCH, y1: 0, y2: 0, stroke: item.color, 'stroke-width': 2 * Math.sqrt(k), 'stroke-dasharray': item.dash || null }, entry);
    }
    svgEl(doc, 'text', { x: SWATCH + 6 * k, y: 0, dy: '0.35em', fill: 'currentColor' }, entry).textContent = label;
    x += w;
  }
}

/** Replaces the children of `g` with a stepped ramp of `map` over `domain`, labelled at both ends. */
export function renderColorRamp(
  doc: Document,
  g: SVGGElement,
  map: ColorMap,
  domain: Domain,
  width: number,
  format: Format,
  steps = 32,
  font = 11,
): void {
  g.replaceChildren();
  const k = font / 11;
  const w = width / steps;
  for (let i = 0; i < steps; i++) {
    svgEl(doc, 'rect', { x: i * w, y: 0, width: w + 0.5, height: 8 * k, fill: rgbString(map((i + 0.5) / steps)) }, g);
  }
  svgEl(doc, 'text', { x: 0, y: 20 * k, fill: 'currentColor' }, g).textContent = format(domain[0]);
  svgEl(doc, 'text', { x: width, y: 20 * k, 'text-anchor': 'end', fill: 'currentColor' }, g).textContent = format(domain[1]);
}

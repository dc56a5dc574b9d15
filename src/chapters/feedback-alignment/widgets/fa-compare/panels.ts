/**
 * Pieces both feedback-alignment figures share: each rule's fixed colour and dash (the same rule
 * looks the same in every chart of the chapter), a titled chart panel, a top margin that leaves
 * room for a wrapped legend, a line swatch, chart widths that follow the column, and one SVG
 * holding several charts for export.
 */
import { seriesColor, seriesDash, toSVGString } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { COMPARE_RULES } from './schema';

export interface RuleStyle {
  rule: string;
  short: string;
  label: string;
  color: string;
  dash: string;
}

export function ruleStyle(rule: string): RuleStyle {
  const i = Math.max(0, COMPARE_RULES.findIndex((r) => r.rule === rule));
  const r = COMPARE_RULES[i];
  return { rule, short: r.short, label: r.label, color: seriesColor(i), dash: seriesDash(i) };
}

/** Dash per hidden layer (layer 1 solid) where a chart draws every layer of a rule in the rule's colour. */
export const LAYER_DASH = ['', '7 4', '2 3'] as const;

/** The 90° reference line: orthogonal to backprop's signal, i.e. no better than a random direction. */
export const REFERENCE = { color: 'var(--muted, #5f5f5f)', dash: '3 4' } as const;

/** A top margin that fits lineChart's legend of these labels (legend.ts wraps at the plot width). */
export function legendMargin(labels: string[], width: number, left = 60, right = 16): number {
  const max = width - left - right;
  let x = 0;
  let rows = 1;
  for (const label of labels) {
    const w = 22 + 6 + label.length * 6.2 + 14;
    if (x > 0 && x + w > max) {
      x = 0;
      rows += 1;
    }
    x += w;
  }
  return 16 + rows * 16;
}

/** A short inline line sample in a rule's colour and dash (for the scoreboard). */
export function swatch(color: string, dash: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 28 8');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '8');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'fa-swatch');
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: '1', x2: '27', y1: '4', y2: '4', stroke: color, 'stroke-width': '3', 'stroke-linecap': 'round' })) line.setAttribute(k, v);
  if (dash) line.setAttribute('stroke-dasharray', dash);
  svg.append(line);
  return svg;
}

export interface ChartPanel {
  element: HTMLElement;
  /** The chart goes in here. */
  box: HTMLElement;
  /** A line under the chart for "switch FA on to see this" and similar. */
  note: HTMLElement;
}

export function chartPanel(title: string, subtitle: string, testId: string): ChartPanel {
  const box = h('div', { class: 'lm-chart fa-chart' });
  const note = h('p', { class: 'fa-note', attrs: { hidden: true } });
  const element = h('section', { class: 'fa-panel', attrs: { 'data-testid': testId, 'aria-label': title } }, [
    h('p', { class: 'fa-panel-title' }, [h('span', { text: title }), h('span', { class: 'fa-panel-sub', text: subtitle })]),
    box,
    note,
  ]);
  return { element, box, note };
}

export function showNote(panel: ChartPanel, text: string | null): void {
  panel.note.hidden = !text;
  panel.note.textContent = text ?? '';
  panel.box.hidden = Boolean(text);
}

/**
 * Layout width of one chart in the panel grid: two columns from 600 px (fa-compare.css: two 18rem
 * tracks and a 1.5rem gap), else one; kept within [min, max] (CSS scales the SVG to its cell).
 */
export function panelWidth(grid: HTMLElement, min = 300, max = 560): { width: number; columns: number } {
  const available = Math.round(grid.clientWidth);
  if (available <= 0) return { width: max, columns: 2 };
  const columns = available >= 600 ? 2 : 1;
  const width = columns === 2 ? Math.floor((available - 24) / 2) : available;
  return { width: Math.max(min, Math.min(max, width)), columns };
}

/** Chart height for a layout width: flatter in projector mode, so a full screen holds every chart. */
export function chartHeight(width: number, columns: number, host: Element): number {
  const projector = host.closest('.lm-projector') !== null;
  return Math.round(width * (projector ? 0.4 : columns === 1 ? 0.68 : 0.6));
}

/**
 * One standalone SVG of several charts in a grid (export): each chart serialised with its on-screen
 * colours resolved, placed in its cell under its panel title, on a background of the page colour.
 */
export function composeFigure(charts: { svg: SVGSVGElement; title: string }[], columns: number, title: string, colors: { background: string; text: string }): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const gap = 16;
  const heading = 24;
  const sizes = charts.map((c) => ({ w: Number(c.svg.getAttribute('width')) || 480, h: (Number(c.svg.getAttribute('height')) || 280) + heading }));
  const cellW = Math.max(...sizes.map((s) => s.w));
  const rows = Math.ceil(charts.length / columns);
  const rowH = Array.from({ length: rows }, (_, r) => Math.max(...sizes.slice(r * columns, r * columns + columns).map((s) => s.h)));
  const width = columns * cellW + (columns - 1) * gap;
  const height = rowH.reduce((a, b) => a + b, 0) + (rows - 1) * gap;
  const el = (tag: string, attrs: Record<string, string | number>, parent: Element) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    parent.append(node);
    return node;
  };
  const root = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ width, height, viewBox: `0 0 ${width} ${height}`, class: 'viz', 'font-family': 'system-ui, sans-serif' })) root.setAttribute(k, String(v));
  el('title', {}, root).textContent = title;
  el('rect', { x: 0, y: 0, width, height, fill: colors.background || '#ffffff' }, root);
  const parser = new DOMParser();
  let y = 0;
  charts.forEach((chart, i) => {
    const row = Math.floor(i / columns);
    const col = i % columns;
    if (col === 0 && row > 0) y += rowH[row - 1] + gap;
    const x = col * (cellW + gap);
    el('text', { x: x + 4, y: y + 16, fill: colors.text || '#000000', 'font-size': 14, 'font-weight': 600 }, root).textContent = chart.title;
    const parsed = parser.parseFromString(toSVGString(chart.svg), 'image/svg+xml').documentElement;
    const copy = document.importNode(parsed, true) as unknown as SVGSVGElement;
    copy.setAttribute('x', String(x));
    copy.setAttribute('y', String(y + heading));
    root.append(copy);
  });
  return root;
}

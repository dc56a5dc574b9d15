/**
 * Pieces a figure of several charts needs, whatever it plots: a titled chart panel (with a note that
 * can stand in for the chart), chart widths that follow the figure's column (one to three columns),
 * a height for a width (flatter in projector mode, so a full screen holds every chart), a top margin
 * that leaves room for lineChart's wrapped legend, an inline line swatch for a legend in HTML, and
 * one standalone SVG of several charts for export. Styles: panels.css.
 */
import './panels.css';
import { toSVGString } from '../../viz';
import { h } from './dom';
import { t } from '../../i18n/t';

export interface ChartPanel {
  element: HTMLElement;
  /** The chart goes in here. */
  box: HTMLElement;
  /** A line under the chart ("switch X on to see this"); when shown by showNote, the chart hides. */
  note: HTMLElement;
  /** The panel's title text (export uses it). */
  title: HTMLElement;
}

export function chartPanel(title: string, subtitle: string, testId: string): ChartPanel {
  const box = h('div', { class: 'lm-chart lm-panel-chart' });
  const note = h('p', { class: 'lm-panel-note', attrs: { hidden: true } });
  const heading = h('span', { text: t(title) });
  const element = h('section', { class: 'lm-panel', attrs: { 'data-testid': testId, 'aria-label': t(title) } }, [
    h('p', { class: 'lm-panel-title' }, [heading, h('span', { class: 'lm-panel-sub', text: t(subtitle) })]),
    box,
    note,
  ]);
  return { element, box, note, title: heading };
}

/** Show `text` in place of the panel's chart, or (null) the chart again. */
export function showNote(panel: ChartPanel, text: string | null): void {
  panel.note.hidden = !text;
  panel.note.textContent = text ?? '';
  panel.box.hidden = Boolean(text);
}

/**
 * Layout width of one chart in a grid of panels (panels.css: `.lm-panels` with `data-columns`): as many
 * columns as fit at `minColumn` px each (gap 24 px), at most `maxColumns`; the width kept within
 * [min, max] (CSS scales the SVG to its cell).
 */
export function panelWidth(grid: HTMLElement, { maxColumns = 2, minColumn = 288, min = 260, max = 560 } = {}): { width: number; columns: number } {
  const available = Math.round(grid.clientWidth);
  if (available <= 0) return { width: max, columns: maxColumns };
  const columns = Math.max(1, Math.min(maxColumns, Math.floor((available + 24) / (minColumn + 24))));
  const width = Math.floor((available - 24 * (columns - 1)) / columns);
  grid.dataset.columns = String(columns);
  return { width: Math.max(min, Math.min(max, width)), columns };
}

/** Chart height for a layout width: `ratio` of it, flatter in projector mode. */
export function chartHeight(width: number, host: Element, { ratio = 0.62, projectorRatio = 0.45, min = 170 } = {}): number {
  const projector = host.closest('.lm-projector') !== null;
  return Math.max(min, Math.round(width * (projector ? projectorRatio : ratio)));
}

/**
 * The font size a chart in `host` lays its text out at (viz `fontSize`): 11 on the page; in projector
 * mode `--lm-chart-font` (projector.css: 24 px on a 1080-line screen), for a chart drawn at its
 * screen size (no CSS scaling), so its ticks, titles and legend read from the back of the room.
 */
export function chartFont(host: Element): number {
  if (!host.closest('.lm-projector')) return 11;
  const px = parseFloat(getComputedStyle(host).getPropertyValue('--lm-chart-font'));
  return Number.isFinite(px) && px > 11 ? Math.ceil(px * 2) / 2 : 11;
}

/** A chart's layout size and font. */
export interface ChartFrame {
  width: number;
  height: number;
  fontSize: number;
}

/**
 * In projector mode, the size CSS gives a chart box marked `lm-fill` (projector.css: it takes the
 * free space, its SVG laid over it) and the projector's chart font: draw the chart at exactly this,
 * so nothing scales its text down. Null on the page, or while the box has no size.
 */
export function projectorFrame(box: HTMLElement): ChartFrame | null {
  if (!box.closest('.lm-projector')) return null;
  const width = Math.floor(box.clientWidth);
  const height = Math.floor(box.clientHeight);
  if (width < 50 || height < 50) return null;
  return { width, height, fontSize: chartFont(box) };
}

/**
 * A top margin that fits lineChart's legend of these labels (legend.ts wraps at the plot width), in
 * units of 11 px text (the chart scales margins by its font / 11); `font` is the chart's font size.
 */
export function legendMargin(labels: readonly string[], width: number, left = 60, right = 16, font = 11): number {
  const max = (width * 11) / font - left - right;
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

/** A short inline line sample in a series' colour and dash (for a legend or a scoreboard in HTML). */
export function swatch(color: string, dash: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 28 8');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '8');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'lm-swatch');
  const line = document.createElementNS(ns, 'line');
  for (const [k, v] of Object.entries({ x1: '1', x2: '27', y1: '4', y2: '4', stroke: color, 'stroke-width': '3', 'stroke-linecap': 'round' })) line.setAttribute(k, v);
  if (dash) line.setAttribute('stroke-dasharray', dash);
  svg.append(line);
  return svg;
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

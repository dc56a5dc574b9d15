/**
 * Pieces both feedback-alignment figures share: each rule's fixed colour and dash (the same rule
 * looks the same in every chart of the chapter), a titled chart panel, a top margin that leaves
 * room for a wrapped legend, a line swatch, chart widths that follow the column, and one SVG
 * holding several charts for export.
 */
import { seriesColor, seriesDash } from '../../../../viz';
import { h } from '../../../../widgets/base/dom';
import { COMPARE_RULES } from './schema';
import { t } from '../../../../i18n/t';

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
  return { rule, short: t(r.short), label: t(r.label), color: seriesColor(i), dash: seriesDash(i) };
}

/** Dash per hidden layer (layer 1 solid) where a chart draws every layer of a rule in the rule's colour. */
export const LAYER_DASH = ['', '7 4', '2 3'] as const;

/** The 90° reference line: orthogonal to backprop's signal, i.e. no better than a random direction. */
export const REFERENCE = { color: 'var(--muted, #5f5f5f)', dash: '3 4' } as const;

// The same legend margin and multi-chart export every figure of several charts uses.
export { composeFigure, legendMargin, projectorFrame } from '../../../../widgets/base/panels';

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
  const box = h('div', { class: 'lm-chart fa-chart lm-fill' });
  const note = h('p', { class: 'fa-note', attrs: { hidden: true } });
  const element = h('section', { class: 'fa-panel', attrs: { 'data-testid': testId, 'aria-label': t(title) } }, [
    h('p', { class: 'fa-panel-title' }, [h('span', { text: t(title) }), h('span', { class: 'fa-panel-sub', text: t(subtitle) })]),
    box,
    note,
  ]);
  return { element, box, note };
}

export function showNote(panel: ChartPanel, text: string | null): void {
  panel.note.hidden = !text;
  panel.note.textContent = text ? t(text) : '';
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

/**
 * The eigen-directions as rows of one SVG: for each direction k, its shape round the circle
 * (Θ(γ, X) vₖ / λₖ, through vₖ at the training points), its eigenvalue and per-step factor, and a
 * bar for the training error's coordinate ⟨vₖ, r⟩ now, over an outline of where it started and with a
 * tick where the linear theory puts it, Πₛ (1 − ηₛλₖ) ⟨vₖ, r₀⟩.
 */
import type { EigenDirectionsMetrics } from '../../runs/eigen-directions';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { attrs, pool } from '../common/plot';
import { localNumber, t } from '../../../../i18n/t';

export const DIRECTION_COLORS = ['var(--c0, #0072b2)', 'var(--c1, #d55e00)', 'var(--c2, #009e73)', 'var(--c3, #cc79a7)'];

interface Row {
  shape: SVGPathElement;
  points: SVGGElement;
  label: SVGTextElement;
  start: SVGRectElement;
  now: SVGRectElement;
  tick: SVGLineElement;
  value: SVGTextElement;
}

export class DirectionBars {
  readonly svg: SVGSVGElement;
  private readonly desc: SVGDescElement;
  private readonly rows: Row[] = [];
  private readonly shapeWidth: number;
  private readonly barX: number;
  private readonly barWidth: number;
  private readonly rowHeight: number;
  private readonly font: number;

  /** `width` wide, rows 62 high at 11 px text; projector mode gives `fit`: the box's height, shared by the rows, and the font (the rows' parts scale with it). */
  constructor(width: number, fit?: { height: number; font: number }) {
    const k = fit ? fit.font / 11 : 1;
    const head = Math.round(34 * k);
    this.font = fit ? fit.font : 11;
    this.rowHeight = fit ? Math.max(Math.round(56 * k), Math.floor((fit.height - head) / 4)) : 62;
    const f = frame(width, head + 4 * this.rowHeight, { top: 0, right: 0, bottom: 0, left: 0 }, { top: 0, right: 0, bottom: 0, left: 0 });
    const root = createSvgRoot(document, f, t('The training error along each eigen-direction of the kernel: now, at the start, and the linear theory'), 'viz-ntk viz-ntk-bars');
    this.svg = root.svg;
    this.desc = root.desc;
    this.shapeWidth = Math.min(Math.round(120 * k), Math.round(width * 0.26));
    this.barX = this.shapeWidth + Math.round(14 * k);
    this.barWidth = width - this.barX - 4;
    const head11 = svgEl(document, 'g', { class: 'head', 'font-size': this.font, fill: 'currentColor' }, root.plot);
    svgEl(document, 'text', { x: 0, y: 12 * k }, head11).textContent = width < 480 * k ? t('direction') : t('direction on the circle');
    svgEl(document, 'text', { x: this.barX, y: 12 * k }, head11).textContent = width < 480 * k ? t('error along it') : t('training error along it');
    const mid = this.barX + this.barWidth / 2;
    svgEl(document, 'line', { x1: mid, x2: mid, y1: 22 * k, y2: head + 4 * this.rowHeight, stroke: 'var(--border, #d9d9d9)' }, root.plot);
    // A row's parts, placed for 62 units at 11 px, scaled to its font and centred in its height.
    const inner = (this.rowHeight - 62 * k) / 2;
    for (let r = 0; r < 4; r++) {
      const y = head - 4 * k + r * this.rowHeight;
      const g = svgEl(document, 'g', { class: `direction direction-${r + 1}`, transform: `translate(0,${y})` }, root.plot);
      svgEl(document, 'rect', { x: 0, y: 4 * k, width: this.shapeWidth, height: this.rowHeight - 10 * k, fill: 'none', stroke: 'var(--border, #d9d9d9)', rx: 3 }, g);
      svgEl(document, 'line', { x1: 0, x2: this.shapeWidth, y1: 4 * k + (this.rowHeight - 10 * k) / 2, y2: 4 * k + (this.rowHeight - 10 * k) / 2, stroke: 'var(--border, #d9d9d9)', 'stroke-dasharray': '2 3' }, g);
      const color = DIRECTION_COLORS[r];
      this.rows.push({
        shape: svgEl(document, 'path', { fill: 'none', stroke: color, 'stroke-width': 2 * Math.sqrt(k) }, g),
        points: svgEl(document, 'g', { fill: color }, g),
        label: svgEl(document, 'text', { x: this.barX, y: inner + 16 * k, fill: 'currentColor', 'font-size': fit ? this.font : 11.5 }, g),
        start: svgEl(document, 'rect', { y: inner + 24 * k, height: 22 * k, fill: color, 'fill-opacity': 0.12, stroke: color, 'stroke-dasharray': '3 2' }, g),
        now: svgEl(document, 'rect', { y: inner + 27 * k, height: 16 * k, fill: color }, g),
        tick: svgEl(document, 'line', { y1: inner + 20 * k, y2: inner + 50 * k, stroke: 'var(--fg, #1b1b1b)', 'stroke-width': 2.5 * Math.sqrt(k) }, g),
        value: svgEl(document, 'text', { y: inner + 39 * k, fill: 'currentColor', 'font-size': this.font, 'font-variant-numeric': 'tabular-nums' }, g),
      });
    }
  }

  update(m: EigenDirectionsMetrics): void {
    const range = Math.max(1e-9, ...m.initial.map(Math.abs)) * 1.08;
    const mid = this.barX + this.barWidth / 2;
    const xOf = (v: number) => mid + (Math.max(-range, Math.min(range, v)) / range) * (this.barWidth / 2);
    const span = (a: number, b: number) => ({ x: Math.min(xOf(a), xOf(b)), width: Math.max(0.5, Math.abs(xOf(a) - xOf(b))) });
    const k = this.font / 11;
    const h = this.rowHeight - 10 * k;
    const shapeMax = Math.max(1e-9, ...m.directionShapes.flat().map(Math.abs));
    this.rows.forEach((row, d) => {
      const sx = (g: number) => ((g + Math.PI) / (2 * Math.PI)) * this.shapeWidth;
      const sy = (v: number) => 4 * k + h / 2 - (v / shapeMax) * (h / 2 - 3 * k);
      row.shape.setAttribute('d', m.grid.map((g, q) => `${q ? 'L' : 'M'}${sx(g).toFixed(1)},${sy(m.directionShapes[d][q]).toFixed(1)}`).join(''));
      pool(row.points, 'circle', m.trainAngles.length, { r: 2.8 * Math.sqrt(k) }).forEach((c, i) => attrs(c, { cx: sx(m.trainAngles[i]), cy: sy(m.eigenvectors[d][i]) }));
      const factor = 1 - m.rates[d];
      row.label.textContent = t('{lambda} = {value} · error × {factor} per step', { lambda: `λ${subscript(d + 1)}`, value: localNumber(m.eigenvalues[d].toFixed(3)), factor: localNumber(factor.toFixed(2)) });
      attrs(row.start, span(0, m.initial[d]));
      attrs(row.now, span(0, m.projections[d]));
      const tick = xOf(m.predicted[d]);
      attrs(row.tick, { x1: tick, x2: tick });
      const value = m.projections[d];
      const right = value >= 0;
      // The number past the bar's end; where it has no room there, on the other side of the zero line
      // (which the bar leaves empty), never over the bar: its colour is not the number's ground.
      const text = formatSigned(value);
      const room = text.length * 0.62 * this.font + 5;
      const outside = right ? xOf(value) + room <= this.barX + this.barWidth : xOf(value) - room >= this.barX;
      const x = outside ? xOf(value) + (right ? 5 : -5) : mid + (right ? -5 : 5);
      attrs(row.value, { x, 'text-anchor': right === outside ? 'start' : 'end' });
      row.value.textContent = text;
    });
    this.desc.textContent = m.eigenvalues
      .map((l, k) => t('direction {k}, eigenvalue {value}: error {now} now, {start} at the start, theory {theory}', { k: k + 1, value: localNumber(l.toFixed(3)), now: formatSigned(m.projections[k]), start: formatSigned(m.initial[k]), theory: formatSigned(m.predicted[k]) }))
      .join('; ');
  }
}

export function formatSigned(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const text = a === 0 ? '0' : a >= 0.01 ? a.toFixed(2) : a.toExponential(0);
  return localNumber(v < 0 && a > 0 ? `−${text}` : text);
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

/**
 * The eigen-directions as rows of one SVG: for each direction k, its shape round the circle
 * (Θ(γ, X) vₖ / λₖ, through vₖ at the training points), its eigenvalue and per-step factor, and a
 * bar for the training error's coordinate ⟨vₖ, r⟩ now, over an outline of where it started and with a
 * tick where the linear theory puts it, Πₛ (1 − ηₛλₖ) ⟨vₖ, r₀⟩.
 */
import type { EigenDirectionsMetrics } from '../../runs/eigen-directions';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { attrs, pool } from '../common/plot';

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
  private readonly rowHeight = 62;

  constructor(width: number) {
    const f = frame(width, 34 + 4 * this.rowHeight, { top: 0, right: 0, bottom: 0, left: 0 }, { top: 0, right: 0, bottom: 0, left: 0 });
    const root = createSvgRoot(document, f, 'The training error along each eigen-direction of the kernel: now, at the start, and the linear theory', 'viz-ntk viz-ntk-bars');
    this.svg = root.svg;
    this.desc = root.desc;
    this.shapeWidth = Math.min(120, Math.round(width * 0.26));
    this.barX = this.shapeWidth + 14;
    this.barWidth = width - this.barX - 4;
    const head = svgEl(document, 'g', { class: 'head', 'font-size': 11, fill: 'currentColor' }, root.plot);
    svgEl(document, 'text', { x: 0, y: 12 }, head).textContent = width < 480 ? 'direction' : 'direction on the circle';
    svgEl(document, 'text', { x: this.barX, y: 12 }, head).textContent = width < 480 ? 'error along it' : 'training error along it';
    const mid = this.barX + this.barWidth / 2;
    svgEl(document, 'line', { x1: mid, x2: mid, y1: 22, y2: 34 + 4 * this.rowHeight, stroke: 'var(--border, #d9d9d9)' }, root.plot);
    for (let k = 0; k < 4; k++) {
      const y = 30 + k * this.rowHeight;
      const g = svgEl(document, 'g', { class: `direction direction-${k + 1}`, transform: `translate(0,${y})` }, root.plot);
      svgEl(document, 'rect', { x: 0, y: 4, width: this.shapeWidth, height: this.rowHeight - 10, fill: 'none', stroke: 'var(--border, #d9d9d9)', rx: 3 }, g);
      svgEl(document, 'line', { x1: 0, x2: this.shapeWidth, y1: 4 + (this.rowHeight - 10) / 2, y2: 4 + (this.rowHeight - 10) / 2, stroke: 'var(--border, #d9d9d9)', 'stroke-dasharray': '2 3' }, g);
      const color = DIRECTION_COLORS[k];
      this.rows.push({
        shape: svgEl(document, 'path', { fill: 'none', stroke: color, 'stroke-width': 2 }, g),
        points: svgEl(document, 'g', { fill: color }, g),
        label: svgEl(document, 'text', { x: this.barX, y: 16, fill: 'currentColor', 'font-size': 11.5 }, g),
        start: svgEl(document, 'rect', { y: 24, height: 22, fill: color, 'fill-opacity': 0.12, stroke: color, 'stroke-dasharray': '3 2' }, g),
        now: svgEl(document, 'rect', { y: 27, height: 16, fill: color }, g),
        tick: svgEl(document, 'line', { y1: 20, y2: 50, stroke: 'var(--fg, #1b1b1b)', 'stroke-width': 2.5 }, g),
        value: svgEl(document, 'text', { y: 39, fill: 'currentColor', 'font-size': 11, 'font-variant-numeric': 'tabular-nums' }, g),
      });
    }
  }

  update(m: EigenDirectionsMetrics): void {
    const range = Math.max(1e-9, ...m.initial.map(Math.abs)) * 1.08;
    const mid = this.barX + this.barWidth / 2;
    const xOf = (v: number) => mid + (Math.max(-range, Math.min(range, v)) / range) * (this.barWidth / 2);
    const span = (a: number, b: number) => ({ x: Math.min(xOf(a), xOf(b)), width: Math.max(0.5, Math.abs(xOf(a) - xOf(b))) });
    const h = this.rowHeight - 10;
    const shapeMax = Math.max(1e-9, ...m.directionShapes.flat().map(Math.abs));
    this.rows.forEach((row, k) => {
      const sx = (g: number) => ((g + Math.PI) / (2 * Math.PI)) * this.shapeWidth;
      const sy = (v: number) => 4 + h / 2 - (v / shapeMax) * (h / 2 - 3);
      row.shape.setAttribute('d', m.grid.map((g, q) => `${q ? 'L' : 'M'}${sx(g).toFixed(1)},${sy(m.directionShapes[k][q]).toFixed(1)}`).join(''));
      pool(row.points, 'circle', m.trainAngles.length, { r: 2.8 }).forEach((c, i) => attrs(c, { cx: sx(m.trainAngles[i]), cy: sy(m.eigenvectors[k][i]) }));
      const factor = 1 - m.rates[k];
      row.label.textContent = `λ${subscript(k + 1)} = ${m.eigenvalues[k].toFixed(3)} · error × ${factor.toFixed(2)} per step`;
      attrs(row.start, span(0, m.initial[k]));
      attrs(row.now, span(0, m.projections[k]));
      const t = xOf(m.predicted[k]);
      attrs(row.tick, { x1: t, x2: t });
      const value = m.projections[k];
      const right = value >= 0;
      attrs(row.value, { x: right ? Math.min(xOf(value) + 5, this.barX + this.barWidth - 34) : Math.max(xOf(value) - 5, this.barX + 34), 'text-anchor': right ? 'start' : 'end' });
      row.value.textContent = formatSigned(value);
    });
    this.desc.textContent = m.eigenvalues.map((l, k) => `direction ${k + 1}, eigenvalue ${l.toFixed(3)}: error ${formatSigned(m.projections[k])} now, ${formatSigned(m.initial[k])} at the start, theory ${formatSigned(m.predicted[k])}`).join('; ');
  }
}

export function formatSigned(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const text = a === 0 ? '0' : a >= 0.01 ? a.toFixed(2) : a.toExponential(0);
  return v < 0 && a > 0 ? `−${text}` : text;
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

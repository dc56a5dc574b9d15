/**
 * The hidden units on the circle. Unit i computes ‖wᵢ‖·relu(cos(γ − φᵢ)), a bump centred on the angle
 * φᵢ of its weight vector, and the output weighs it by s·aᵢ. Each sampled unit is a dot at angle φᵢ,
 * at a distance from the centre ∝ √‖wᵢ‖, coloured by the sign of s·aᵢ, of area ∝ its share of the
 * output |s aᵢ|·‖wᵢ‖, with a trail from where it started. Round the outside, the share of the output
 * per sector of angle (all units): filled now, outlined at the start. The training points sit on the
 * input circle. One SVG, updated in place.
 */
import type { RegimeMetrics } from '../../runs/lazy-rich';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { attrs, pool } from '../common/plot';
import { localNumber, t } from '../../../../i18n/t';

export const SIGN_COLORS = { positive: 'var(--c0, #0072b2)', negative: 'var(--c1, #d55e00)' } as const;

export class UnitCircle {
  readonly svg: SVGSVGElement;
  private readonly desc: SVGDescElement;
  private readonly center: number;
  private readonly ring: number;
  private readonly outer: number;
  private readonly layers: Record<'start' | 'now' | 'points' | 'trails' | 'units', SVGGElement>;

  /** `size` square; `font`: the angle labels' size (10 on the page; projector mode gives its own, and the ring makes room for it). */
  constructor(size: number, title: string, font = 10) {
    const k = font / 10;
    const f = frame(size, size, { top: 0, right: 0, bottom: 0, left: 0 }, { top: 0, right: 0, bottom: 0, left: 0 });
    const root = createSvgRoot(document, f, title, 'viz-ntk viz-ntk-units');
    this.svg = root.svg;
    this.desc = root.desc;
    this.center = size / 2;
    this.outer = size / 2 - 16 * k;
    this.ring = this.outer * 0.7;
    const g = root.plot;
    svgEl(document, 'circle', { cx: this.center, cy: this.center, r: this.ring, fill: 'none', stroke: 'var(--border, #d9d9d9)', 'stroke-width': 1.5 }, g);
    for (const [angle, text] of [[0, '0'], [Math.PI / 2, 'π/2'], [Math.PI, 'π'], [-Math.PI / 2, '−π/2']] as const) {
      const [x, y] = this.point(angle, this.outer + 9 * k);
      svgEl(document, 'text', { x, y, 'text-anchor': 'middle', dy: '0.35em', fill: 'var(--muted, #5f5f5f)', 'font-size': font }, g).textContent = text;
    }
    this.layers = {
      start: svgEl(document, 'g', { class: 'density-start', fill: 'none', stroke: 'var(--muted, #5f5f5f)', 'stroke-width': 1, 'stroke-dasharray': '2 2' }, g),
      now: svgEl(document, 'g', { class: 'density-now', fill: 'var(--muted, #5f5f5f)', 'fill-opacity': 0.45 }, g),
      points: svgEl(document, 'g', { class: 'points', fill: 'var(--fg, #1b1b1b)', stroke: 'var(--bg, #fff)', 'stroke-width': 1.5 }, g),
      trails: svgEl(document, 'g', { class: 'trails', 'stroke-width': 1, 'stroke-opacity': 0.55 }, g),
      units: svgEl(document, 'g', { class: 'units', 'fill-opacity': 0.85, stroke: 'var(--bg, #fff)', 'stroke-width': 0.75 }, g),
    };
  }

  update(regime: RegimeMetrics, trainAngles: readonly number[], densityScale: number): void {
    const { unitsStart: a, unitsNow: b } = regime;
    const normScale = Math.max(1e-9, ...a.norm, ...b.norm);
    const mass = (u: typeof a, i: number) => Math.abs(u.readout[i]) * u.norm[i];
    const massScale = Math.max(1e-12, ...a.norm.map((_, i) => mass(a, i)), ...b.norm.map((_, i) => mass(b, i)));
    // √: the many small units spread out instead of piling up at the centre.
    const radius = (norm: number) => (this.ring - 8) * Math.sqrt(norm / normScale);
    const count = b.angle.length;
    pool(this.layers.trails, 'line', count).forEach((line, i) => {
      const [x1, y1] = this.point(a.angle[i], radius(a.norm[i]));
      const [x2, y2] = this.point(b.angle[i], radius(b.norm[i]));
      attrs(line, { x1, y1, x2, y2, stroke: b.readout[i] >= 0 ? SIGN_COLORS.positive : SIGN_COLORS.negative });
    });
    pool(this.layers.units, 'circle', count).forEach((dot, i) => {
      const [cx, cy] = this.point(b.angle[i], radius(b.norm[i]));
      attrs(dot, { cx, cy, r: 1.6 + 5.5 * Math.sqrt(mass(b, i) / massScale), fill: b.readout[i] >= 0 ? SIGN_COLORS.positive : SIGN_COLORS.negative });
    });
    pool(this.layers.points, 'circle', trainAngles.length, { r: 4 }).forEach((dot, i) => {
      const [cx, cy] = this.point(trainAngles[i], this.ring);
      attrs(dot, { cx, cy });
    });
    this.petals(this.layers.start, regime.densityStart, densityScale);
    this.petals(this.layers.now, regime.densityNow, densityScale);
    this.desc.textContent = t("{count} hidden units as dots at the angle of their weight vector; the output's weight per sector of angle spreads over {start} of the circle at the start and {now} now (1: evenly).", {
      count,
      start: localNumber(spread(regime.densityStart).toFixed(2)),
      now: localNumber(spread(regime.densityNow).toFixed(2)),
    });
  }

  private petals(g: SVGGElement, density: readonly number[], scale: number): void {
    const bins = density.length;
    const base = this.ring + 3;
    const room = this.outer - base;
    pool(g, 'path', bins).forEach((path, k) => {
      const from = -Math.PI + (2 * Math.PI * k) / bins;
      const to = from + (2 * Math.PI) / bins;
      const r = base + room * Math.min(1, density[k] / scale);
      const [x1, y1] = this.point(from, base);
      const [x2, y2] = this.point(from, r);
      const [x3, y3] = this.point(to, r);
      const [x4, y4] = this.point(to, base);
      path.setAttribute('d', `M${x1},${y1}L${x2},${y2}A${r},${r} 0 0,0 ${x3},${y3}L${x4},${y4}A${base},${base} 0 0,1 ${x1},${y1}Z`);
    });
  }

  /** Screen coordinates of the point at `angle` (counter-clockwise from the right) and `radius`. */
  private point(angle: number, radius: number): [number, number] {
    return [Number((this.center + radius * Math.cos(angle)).toFixed(2)), Number((this.center - radius * Math.sin(angle)).toFixed(2))];
  }
}

/** exp(entropy) / bins of a distribution over bins: 1 when even, small when gathered (lazy-rich-table.ts's spread). */
export function spread(density: readonly number[]): number {
  let entropy = 0;
  for (const p of density) if (p > 0) entropy -= p * Math.log(p);
  return density.length ? Math.exp(entropy) / density.length : NaN;
}

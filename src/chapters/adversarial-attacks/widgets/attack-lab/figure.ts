/**
 * The attack lab as one exportable SVG: clean digit, perturbation and attacked digit side by side
 * (pixels as squares, so they stay crisp at any size), both prediction bar charts and the verdict.
 */
import type { AttackLabSnapshot } from '../../runs/lab-snapshot';
import { colorMaps, type ColorMap } from '../../../../viz';
import { rgbString } from '../../../../viz/palette';
import { svgEl } from '../../../../viz/svg';
import { BARS_WIDTH } from './bars';
import { verdictText, type LabContext, type LabView } from './view';
import { localNumber, t } from '../../../../i18n/t';

const CELL = 5;
const IMG = 28 * CELL;
const GAP = 40;

function pixels(doc: Document, parent: SVGElement, values: ArrayLike<number>, map: ColorMap, lo: number, hi: number, x: number, y: number): void {
  const g = svgEl(doc, 'g', { transform: `translate(${x},${y})` }, parent);
  svgEl(doc, 'rect', { width: IMG, height: IMG, fill: rgbString(map(lo < 0 ? 0.5 : 0)) }, g);
  for (let i = 0; i < 784; i++) {
    const v = (values[i] - lo) / (hi - lo);
    if (Math.abs(values[i] - (lo < 0 ? 0 : lo)) < 1e-4) continue;
    svgEl(doc, 'rect', { x: (i % 28) * CELL, y: Math.floor(i / 28) * CELL, width: CELL + 0.2, height: CELL + 0.2, fill: rgbString(map(v)) }, g);
  }
  svgEl(doc, 'rect', { width: IMG, height: IMG, fill: 'none', stroke: '#888', 'stroke-width': 0.5 }, g);
}

export function buildLabFigure(doc: Document, snap: AttackLabSnapshot, ctx: LabContext, view: LabView): SVGSVGElement {
  const width = 3 * IMG + 2 * GAP + 40;
  const top = 56;
  const height = top + IMG + 30 + 175 + 20;
  const svg = svgEl(doc, 'svg', { class: 'viz', width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'system-ui, sans-serif', 'font-size': 12 });
  svgEl(doc, 'rect', { width, height, fill: '#ffffff' }, svg);
  const text = (x: number, y: number, content: string, attrs: Record<string, string | number> = {}) => {
    svgEl(doc, 'text', { x, y, fill: '#1b1b1b', ...attrs }, svg).textContent = content;
  };
  text(20, 22, verdictText(snap, ctx), { 'font-weight': 600, 'font-size': 13 });
  const x0 = 20;
  const xs = [x0, x0 + IMG + GAP, x0 + 2 * (IMG + GAP)];
  const f = snap.frame;
  const eta = Float32Array.from(snap.image, (v, i) => (f ? f.adversarial[i] - v : 0));
  const e = Math.max(ctx.epsilon, 1e-6);
  const epsilon = localNumber(String(ctx.epsilon));
  text(xs[0], top - 8, t('clean digit x'));
  text(xs[1], top - 8, t('perturbation η (±{epsilon})', { epsilon }));
  text(xs[2], top - 8, t('attacked digit x̃ = x + η'));
  pixels(doc, svg, snap.image, colorMaps.ink, 0, 1, xs[0], top);
  pixels(doc, svg, eta, colorMaps.diverging, -e, e, xs[1], top);
  pixels(doc, svg, f ? f.adversarial : snap.image, colorMaps.ink, 0, 1, xs[2], top);
  text(xs[0] + IMG + GAP / 2, top + IMG / 2 + 6, '+', { 'text-anchor': 'middle', 'font-size': 22 });
  text(xs[1] + IMG + GAP / 2, top + IMG / 2 + 6, '=', { 'text-anchor': 'middle', 'font-size': 22 });
  const barsY = top + IMG + 24;
  for (const [bars, x] of [
    [view.cleanBars.element, xs[0]],
    [view.advBars.element, xs[2]],
  ] as const) {
    const copy = bars.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', String(x - 4));
    copy.setAttribute('y', String(barsY));
    copy.setAttribute('width', String(BARS_WIDTH));
    svg.append(copy);
  }
  const caption = { model: ctx.modelName, attack: ctx.attack.toUpperCase(), epsilon, target: ctx.target };
  text(xs[0], height - 8, ctx.target >= 0 ? t('{model}, {attack}, ε = {epsilon}, target {target} · Local Minimum', caption) : t('{model}, {attack}, ε = {epsilon} · Local Minimum', caption), { fill: '#555', 'font-size': 11 });
  return svg;
}

/**
 * How far EP's estimate is from the true gradient: the angle between them (degrees) against β on a
 * log axis, one-sided and symmetric, measured in the worker on the current weights; a marker at
 * the β the reader has chosen. 0° is the gradient itself; 90° carries no information.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import type { AngleCurve } from '../../runs/eqprop-live';
import { describeData, seriesColor, textColor } from '../../../../viz';
import { renderLegend } from '../../../../viz/legend';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { localNumber, t } from '../../../../i18n/t';

export const BETA_RANGE: [number, number] = [0.005, 1];
const TICKS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
export const ANGLE_SERIES = {
  oneSided: { label: 'one-sided', color: seriesColor(1), dash: '6 3' },
  symmetric: { label: 'symmetric', color: seriesColor(0), dash: '' },
} as const;
/** The series' colours for text (the numbers at the marker). */
const ANGLE_TEXT = { oneSided: textColor(seriesColor(1)), symmetric: textColor(seriesColor(0)) } as const;

export interface AngleChart {
  readonly element: SVGSVGElement;
  update(curve: AngleCurve | null, beta: number): void;
  summary(): string;
}

function interpolate(curve: AngleCurve, values: number[], beta: number): number {
  const b = curve.betas;
  const i = b.indexOf(beta);
  if (i >= 0) return values[i];
  const j = b.findIndex((v) => v > beta);
  if (j <= 0) return values[j < 0 ? b.length - 1 : 0];
  const t = Math.log(beta / b[j - 1]) / Math.log(b[j] / b[j - 1]);
  return values[j - 1] + t * (values[j] - values[j - 1]);
}

/** `font`: the text's size (11 on the page; projector mode's larger size scales the margins with it). */
export function angleChart(width: number, height: number, doc: Document = document, font = 11): AngleChart {
  const f = frame(width, height, { top: 30, right: 16, bottom: 38, left: 56 }, { top: 0, right: 0, bottom: 0, left: 0 }, font);
  const k = font / 11;
  const { svg, desc, plot } = createSvgRoot(doc, f, t('Angle between the EP estimate and the true gradient, against β'), 'lm-ep-angle');
  const x = scaleLog().domain(BETA_RANGE).range([0, f.innerWidth]);
  const y = scaleLinear().range([f.innerHeight, 0]);
  const xg = svgEl(doc, 'g', { class: 'axis axis-x', transform: `translate(0,${f.innerHeight})` }, plot);
  const yg = svgEl(doc, 'g', { class: 'axis axis-y' }, plot);
  svgEl(doc, 'text', { x: f.innerWidth / 2, y: f.innerHeight + 32 * k, 'text-anchor': 'middle', fill: 'currentColor' }, plot).textContent = t('nudge strength β (log scale)');
  svgEl(doc, 'text', { transform: `translate(${Math.round(-44 * k)},${f.innerHeight / 2}) rotate(-90)`, 'text-anchor': 'middle', fill: 'currentColor' }, plot).textContent = t('angle to true gradient');
  const ninety = svgEl(doc, 'line', { x1: 0, x2: f.innerWidth, stroke: 'var(--muted, #5f5f5f)', 'stroke-dasharray': '2 3' }, plot);
  const ninetyLabel = svgEl(doc, 'text', { x: 4, dy: '1.1em', fill: 'var(--muted, #5f5f5f)', 'font-size': k > 1 ? font : 10 }, plot);
  ninetyLabel.textContent = t('90°: no information');
  const marks = svgEl(doc, 'g', { class: 'marks' }, plot);
  const marker = svgEl(doc, 'line', { y1: 0, y2: f.innerHeight, stroke: 'currentColor', 'stroke-width': 1.25 }, plot);
  // Large text: the marker's label halfway down, clear of the 90° note along the top.
  const markerLabel = svgEl(doc, 'text', { y: k > 1 ? Math.round(f.innerHeight * 0.4) : 14, fill: 'currentColor', 'font-weight': 600, 'paint-order': 'stroke', stroke: 'var(--bg, #fff)', 'stroke-width': 3 }, plot);
  // The legend sits at the top right, clear of the β marker's label (kept over the left of the plot).
  const legend = svgEl(doc, 'g', { class: 'legend', transform: `translate(${f.margin.left + f.innerWidth - 190 * k},${12 * k})` }, svg);
  renderLegend(doc, legend, Object.values(ANGLE_SERIES).map((s) => ({ ...s, kind: 'line' as const })), 200 * k, font);
  let said = t('No angles measured yet.');
  let measured: AngleCurve | null = null;
  describeData(svg, () => measured ? [{
    title: svg.getAttribute('aria-label') ?? '',
    columns: ['β', t(ANGLE_SERIES.oneSided.label), t(ANGLE_SERIES.symmetric.label)],
    rows: measured.betas.map((b, i) => [b, measured!.oneSided[i], measured!.symmetric[i]]),
  }] : []);

  return {
    element: svg,
    update(curve, beta) {
      const top = curve ? Math.max(90, Math.ceil(Math.max(...curve.oneSided, ...curve.symmetric) / 15) * 15) : 90;
      y.domain([0, top]);
      // Large text (projector mode): every other tick, so their labels do not run together.
      select(xg).call(axisBottom(x).tickValues(k > 1 ? TICKS.filter((_, i) => i % 2 === 1) : TICKS).tickFormat((v) => String(+v)));
      select(yg).call(axisLeft(y).ticks(Math.max(3, Math.round(f.innerHeight / (40 * k)))).tickFormat((v) => `${+v}°`));
      if (k > 1) for (const g of [xg, yg]) g.setAttribute('font-size', String(font));
      ninety.setAttribute('y1', String(y(90)));
      ninety.setAttribute('y2', String(y(90)));
      ninetyLabel.setAttribute('y', String(y(90)));
      const bx = x(Math.max(BETA_RANGE[0], Math.min(BETA_RANGE[1], beta)));
      marker.setAttribute('x1', String(bx));
      marker.setAttribute('x2', String(bx));
      // The marker's label beside its line, and the 90° note at the other end of the plot.
      const right = bx > f.innerWidth * 0.6;
      markerLabel.setAttribute('x', String(right ? bx - 5 : bx + 5));
      markerLabel.setAttribute('text-anchor', right ? 'end' : 'start');
      markerLabel.textContent = localNumber(`β = ${beta}`);
      ninetyLabel.setAttribute('x', String(right ? 4 : f.innerWidth - 4));
      ninetyLabel.setAttribute('text-anchor', right ? 'start' : 'end');
      marks.replaceChildren();
      measured = curve;
      if (!curve) return;
      const path = line<number>().x((_, i) => x(curve.betas[i])).y((v) => y(v));
      const at: string[] = [];
      const keys = ['oneSided', 'symmetric'] as const;
      const here = keys.map((key) => interpolate(curve, curve[key], beta));
      // Labels at the marker, pushed apart when the two angles nearly coincide (small β).
      const ys = here.map((v) => y(v));
      const gap = 13 * (font / 11) - Math.abs(ys[0] - ys[1]);
      if (gap > 0) {
        const up = ys[0] <= ys[1] ? 0 : 1;
        ys[up] -= gap / 2;
        ys[1 - up] += gap / 2;
      }
      for (const [j, key] of keys.entries()) {
        const s = ANGLE_SERIES[key];
        const values = curve[key];
        svgEl(doc, 'path', { d: path(values) ?? '', fill: 'none', stroke: s.color, 'stroke-width': 2, 'stroke-dasharray': s.dash || null }, marks);
        values.forEach((v, i) => svgEl(doc, 'circle', { cx: x(curve.betas[i]), cy: y(v), r: 2.5, fill: s.color }, marks));
        const v = here[j];
        svgEl(doc, 'circle', { cx: bx, cy: y(v), r: 5, fill: 'var(--bg, #fff)', stroke: s.color, 'stroke-width': 2.5 }, marks);
        const label = svgEl(doc, 'text', { x: bx + 8, y: ys[j], dy: '0.35em', fill: ANGLE_TEXT[key], 'font-weight': 700, 'paint-order': 'stroke', stroke: 'var(--bg, #fff)', 'stroke-width': 3 }, marks);
        label.textContent = localNumber(`${v.toFixed(1)}°`);
        if (right) {
          label.setAttribute('x', String(bx - 8));
          label.setAttribute('text-anchor', 'end');
        }
        at.push(`${t(s.label)} ${localNumber(v.toFixed(1))}°`);
      }
      const rows = curve.betas.map((b, i) => t('β {beta}: {one}° one-sided, {sym}° symmetric', { beta: localNumber(String(b)), one: localNumber(curve.oneSided[i].toFixed(1)), sym: localNumber(curve.symmetric[i].toFixed(1)) })).join('; ');
      said = t('At β = {beta}: {at}. Measured at step {step}: {rows}.', { beta: localNumber(String(beta)), at: at.join(', '), step: curve.step, rows });
      desc.textContent = said;
    },
    summary: () => said,
  };
}

/**
 * The ten output units over the relaxation: iterations of the free phase, then of the nudged
 * phase (+β solid; −β dashed over the same stretch when symmetric), the label's unit in colour and
 * the rest in grey, with a cursor at the scrubber's position.
 */
import { line } from 'd3-shape';
import { scaleLinear } from 'd3-scale';
import type { EqPropTrace } from '../../runs/eqprop';
import { createAxes } from '../../../../viz/axes';
import { createSvgRoot, frame, svgEl } from '../../../../viz/svg';
import { describeData, type DataTable } from '../../../../viz/dataTable';
import { PHASE_COLORS, PHASE_TEXT } from './network';
import { positionAt, stateOf } from './phases';
import { localNumber, t } from '../../../../i18n/t';

export interface TraceChart {
  readonly element: SVGSVGElement;
  setTrace(trace: EqPropTrace): void;
  show(pos: number): void;
}

const OTHER = 'var(--muted, #5f5f5f)';

/** The data table (issue 17): a row per iteration, free then nudged, a column per output unit and nudge. */
function traceTable(trace: EqPropTrace, title: string): DataTable {
  const H = trace.sizes[0];
  const T1 = trace.freeSteps;
  const phases = trace.minus ? (['plus', 'minus'] as const) : (['plus'] as const);
  const units = Array.from({ length: 10 }, (_, k) => k);
  const columns = [t('relaxation iteration'), ...units.flatMap((k) => phases.map((p) => (trace.minus ? t(p === 'plus' ? 'output unit {n}, +β' : 'output unit {n}, −β', { n: k }) : t('output unit {n}', { n: k }))))];
  const rows = Array.from({ length: T1 + trace.nudgedSteps + 1 }, (_, i) => {
    const states = phases.map((p) => (i <= T1 ? stateOf(trace, 'free', i) : stateOf(trace, p, i - T1)));
    return [i, ...units.flatMap((k) => states.map((s) => s[H + k]))];
  });
  return { title, columns, rows };
}

/** `font`: the text's size (11 on the page; projector mode's larger size scales the margins with it). */
export function traceChart(width: number, height: number, doc: Document = document, font = 11): TraceChart {
  const f = frame(width, height, { top: 24, right: 12, bottom: 34, left: 40 }, { top: 0, right: 0, bottom: 0, left: 0 }, font);
  const k = font / 11;
  const { svg, desc, plot } = createSvgRoot(doc, f, t('The ten output units over the relaxation iterations'), 'lm-ep-trace');
  const shade = svgEl(doc, 'rect', { y: 0, height: f.innerHeight, fill: PHASE_COLORS.plus, 'fill-opacity': 0.08 }, plot);
  // Text in a phase's colour uses its text shade (palette.ts: the light theme's hues are too pale for text).
  const freeLabel = svgEl(doc, 'text', { y: -8 * k, fill: PHASE_TEXT.free, 'font-size': font, 'font-weight': 600 }, plot);
  const nudgeLabel = svgEl(doc, 'text', { y: -8 * k, fill: PHASE_TEXT.plus, 'font-size': font, 'font-weight': 600 }, plot);
  const axes = createAxes(doc, plot, f, { xLabel: 'relaxation iteration', yLabel: 'output state s' });
  const lines = svgEl(doc, 'g', { class: 'lines' }, plot);
  const cursor = svgEl(doc, 'line', { y1: 0, y2: f.innerHeight, stroke: 'currentColor', 'stroke-width': 1.5, 'stroke-dasharray': '3 2' }, plot);
  const x = scaleLinear().range([0, f.innerWidth]);
  const y = scaleLinear().domain([0, 1]).range([f.innerHeight, 0]);
  let trace: EqPropTrace | null = null;
  describeData(svg, () => (trace ? [traceTable(trace, svg.getAttribute('aria-label') ?? '')] : []));

  return {
    element: svg,
    setTrace(next) {
      trace = next;
      const T1 = next.freeSteps;
      const T2 = next.nudgedSteps;
      x.domain([0, T1 + T2]);
      axes.render(x, y, (v) => String(v <= T1 ? v : `+${v - T1}`), null);
      shade.setAttribute('x', String(x(T1)));
      shade.setAttribute('width', String(x(T1 + T2) - x(T1)));
      freeLabel.setAttribute('x', '2');
      freeLabel.textContent = t('free');
      // Large text (projector mode) would run past the plot: the label ends at the nudged phase's right edge.
      nudgeLabel.setAttribute('x', String(k > 1 ? x(T1 + T2) : x(T1) + 3));
      if (k > 1) nudgeLabel.setAttribute('text-anchor', 'end');
      nudgeLabel.textContent = next.minus ? t('nudged ±β') : t('nudged +β');
      const H = next.sizes[0];
      lines.replaceChildren();
      const path = line<number>().x((_, i) => x(i)).y((v) => y(v));
      for (let k = 0; k < 10; k++) {
        const target = k === next.label;
        const free = Array.from({ length: T1 + 1 }, (_, t) => stateOf(next, 'free', t)[H + k]);
        const branch = (phase: 'plus' | 'minus') => [...free, ...Array.from({ length: T2 }, (_, t) => stateOf(next, phase, t + 1)[H + k])];
        const attrs = { fill: 'none', stroke: target ? PHASE_COLORS.plus : OTHER, 'stroke-width': target ? 2.5 : 1, 'stroke-opacity': target ? 1 : 0.45 };
        svgEl(doc, 'path', { ...attrs, d: path(branch('plus')) ?? '' }, lines);
        if (next.minus) svgEl(doc, 'path', { ...attrs, stroke: target ? PHASE_COLORS.minus : OTHER, 'stroke-dasharray': '5 3', d: path(branch('minus')) ?? '' }, lines);
      }
      // The label's unit last, so it is drawn on top.
      const labelled = [...lines.children].filter((p) => p.getAttribute('stroke-width') === '2.5');
      labelled.forEach((p) => lines.append(p));
      const end = stateOf(next, 'free', T1)[H + next.label];
      desc.textContent = t("Output units over {free} free and {nudged} nudged iterations; the label {label}'s unit settles at {settle} in the free phase and ends at {end} nudged.", {
        free: T1,
        nudged: T2,
        label: next.label,
        settle: localNumber(end.toFixed(2)),
        end: localNumber(stateOf(next, 'plus', T2)[H + next.label].toFixed(2)),
      });
    },
    show(pos) {
      if (!trace) return;
      const at = positionAt(trace, pos);
      const T1 = trace.freeSteps;
      const it = at.phase === 'free' ? at.t : at.phase === 'update' ? T1 + trace.nudgedSteps : T1 + at.t;
      const cx = String(x(it));
      cursor.setAttribute('x1', cx);
      cursor.setAttribute('x2', cx);
    },
  };
}

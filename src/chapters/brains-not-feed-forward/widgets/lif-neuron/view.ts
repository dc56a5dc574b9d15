/**
 * The neuron figure's oscilloscope, on one canvas: lanes sharing a time axis that spans one stimulus
 * cycle (1.5 s), drawn like a sweeping scope (the current cycle in full colour up to a cursor, the
 * previous one faded beyond it). Lanes, top to bottom: each neuron's membrane potential with its
 * spikes and the threshold; firing rates (the static unit's y = f(I) against the spiking neuron's
 * 1/ISI at each spike); input and adaptation currents; the raster of the last cycles.
 */
import type { NeuronMetrics } from '../../runs/neuron';
import { canvasFont, fitCanvas, lane, palette, type Lane } from '../shared/canvas';
import { instantRates, sampleTime, staticRate, type CycleRaster } from './model';
import { describeData, type DataTable } from '../../../../viz/dataTable';
import { t } from '../../../../i18n/t';

/**
 * The scope's numbers (issue 17): the traces per sample (time, each neuron's potential, the input
 * and adaptation currents, the static unit's rate) and each neuron's spikes with their 1/ISI rate.
 */
export function neuronTables(title: string, view: NeuronView): DataTable[] {
  const m = view.metrics;
  const n = m.input.length;
  const volts = m.voltage.map((_, i) => (m.voltage.length > 1 ? t('neuron {n} potential (mV)', { n: i + 1 }) : t('membrane potential (mV)')));
  const traces: DataTable = {
    title,
    columns: [t('time (ms)'), ...volts, t('input current (nA)'), t('adaptation current (nA)'), t('static unit f(I) (Hz)')],
    rows: Array.from({ length: n }, (_, i) => [sampleTime(m.time, n, i, m.sampleInterval), ...m.voltage.map((v) => v[i]), m.input[i], m.adaptationCurrent[i], staticRate(m.input[i], view.timeConstant, view.bias)]),
  };
  const spikes: DataTable = {
    title: t('Spikes'),
    columns: [t('spike time (ms)'), t('neuron'), t('rate 1/ISI (Hz)')],
    rows: m.spikes.flatMap((s, j) => {
      const rate = new Map(instantRates(s));
      return s.map((time) => [time, j + 1, rate.get(time) ?? null]);
    }).sort((a, b) => (a[0] as number) - (b[0] as number)),
  };
  return [traces, spikes];
}

export interface NeuronView {
  metrics: NeuronMetrics;
  cycle: number;
  stimulus: [number, number];
  timeConstant: number;
  bias: number;
  threshold: number;
  raster: CycleRaster;
  /** Text scale: 1 on the page; projector mode: projectorScale. */
  scale: number;
  /** The canvas's height (projector mode: its box's, which the lanes share); by default what the lanes need. */
  height?: number;
}

const LEFT_11 = 46;
const RIGHT = 10;
const V_RANGE: [number, number] = [-76, -44];

const niceMax = (v: number, step: number) => Math.max(step, Math.ceil(v / step) * step);

/** Height (CSS px) the canvas needs for `neurons` neurons. */
export function neuronCanvasHeight(neurons: number): number {
  return Math.round(neurons * (neurons === 1 ? 130 : 100) + 96 + 72 + 108 + 24 + 5 * 8);
}

export function drawNeuron(canvas: HTMLCanvasElement, width: number, view: NeuronView): void {
  const { metrics: m, cycle } = view;
  const neurons = m.voltage.length;
  const height = view.height ?? neuronCanvasHeight(neurons);
  describeData(canvas, () => neuronTables(canvas.getAttribute('aria-label') ?? '', view));
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  const k = view.scale;
  const font = (px: number, weight = 400) => canvasFont(canvas, Math.round(px * k), weight);
  // The raster's row labels stand left of the lanes: room for the longer (French "maintenant" needs more than 46).
  const rowLabels = { now: t('now'), older: t('older') };
  ctx.font = font(10);
  const LEFT = Math.max(Math.round(LEFT_11 * k), Math.ceil(Math.max(ctx.measureText(rowLabels.now).width, ctx.measureText(rowLabels.older).width)) + 8);
  // The lanes' heights: as designed on the page; in a given height, what the gaps and the time axis leave, shared in the same proportions.
  const laneSum = neurons * (neurons === 1 ? 130 : 100) + 96 + 72 + 108;
  const lk = view.height ? Math.max(0.3, (view.height - 4 - 8 * (neurons + 2) - 4 - 26 * k) / laneSum) : k;
  const colours = palette(canvas);
  const neuronColour = (i: number) => (i === 0 ? colours.c[0] : colours.c[2]);
  const plotW = width - LEFT - RIGHT;
  const x = (phase: number) => LEFT + (plotW * phase) / cycle;
  const now = m.time;
  const cycleStart = Math.floor(now / cycle) * cycle;
  const nowPhase = now - cycleStart;
  const phaseOf = (t: number) => ((t % cycle) + cycle) % cycle;
  const fresh = (t: number) => t >= cycleStart;

  // Lanes.
  const gap = 8;
  let top = 4;
  const vLanes: Lane[] = [];
  for (let i = 0; i < neurons; i++) {
    vLanes.push(lane(top, Math.round(lk * (neurons === 1 ? 130 : 100)), V_RANGE[0], V_RANGE[1]));
    top += vLanes[i].height + gap;
  }
  const n = m.input.length;
  const staticTrace = Float32Array.from(m.input, (current) => staticRate(current, view.timeConstant, view.bias));
  const rates = m.spikes.map((s) => instantRates(s));
  const rateMax = niceMax(Math.max(40, ...staticTrace, ...rates.flatMap((r) => r.map(([, v]) => v))), 20);
  const rateLane = lane(top, Math.round(lk * 96), 0, rateMax);
  top += rateLane.height + gap;
  let currentMax = Math.max(3, view.bias);
  for (let i = 0; i < n; i++) currentMax = Math.max(currentMax, m.input[i], m.adaptationCurrent[i]);
  const currentLane = lane(top, Math.round(lk * 72), 0, niceMax(currentMax, 1));
  top += currentLane.height + gap;
  const rasterLane = lane(top, Math.round(lk * 108), 0, 1, 0);
  top += rasterLane.height;
  const axisY = top + 4;

  // The stimulus window, shaded across every lane, and lane frames.
  ctx.fillStyle = colours.fg;
  ctx.globalAlpha = 0.06;
  ctx.fillRect(x(view.stimulus[0]), 0, x(view.stimulus[1]) - x(view.stimulus[0]), top);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colours.border;
  ctx.lineWidth = 1;
  for (const l of [...vLanes, rateLane, currentLane, rasterLane]) ctx.strokeRect(LEFT + 0.5, l.top + 0.5, plotW, l.height - 1);

  const label = (text: string, l: Lane, colour = colours.muted) => {
    ctx.fillStyle = colour;
    ctx.font = font(11, 600);
    ctx.textBaseline = 'top';
    ctx.fillText(text, LEFT + 5, l.top + 4);
  };
  /** The long label where the canvas is wide enough and it fits the lane (French runs longer), else the short one. */
  const fitting = (long: string, short: string) => {
    ctx.font = font(11, 600);
    return width >= 560 && ctx.measureText(long).width <= plotW - 10 ? long : short;
  };
  const tick = (text: string, y: number) => {
    ctx.fillStyle = colours.muted;
    ctx.font = font(10);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    ctx.fillText(text, LEFT - 4, y);
    ctx.textAlign = 'left';
  };
  /** Polyline of samples, old cycle faded: values by sample index. */
  const trace = (values: ArrayLike<number>, l: Lane, colour: string, widthPx: number, dash: number[] = []) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = widthPx;
    ctx.setLineDash(dash);
    for (const pass of [false, true]) {
      ctx.globalAlpha = pass ? 1 : 0.28;
      ctx.beginPath();
      let open = false;
      for (let i = 0; i < values.length; i++) {
        const t = sampleTime(now, values.length, i, m.sampleInterval);
        if (fresh(t) !== pass) {
          open = false;
          continue;
        }
        const px = x(phaseOf(t));
        const py = l.y(values[i]);
        if (open) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        open = true;
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
  };

  // Membrane potentials: threshold, trace, spikes.
  vLanes.forEach((l, i) => {
    ctx.strokeStyle = colours.muted;
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(LEFT, l.y(view.threshold));
    ctx.lineTo(LEFT + plotW, l.y(view.threshold));
    ctx.stroke();
    ctx.setLineDash([]);
    tick('θ', l.y(view.threshold));
    tick('−70', l.y(-70));
    trace(m.voltage[i], l, neuronColour(i), 1.5 * k);
    ctx.strokeStyle = neuronColour(i);
    ctx.lineWidth = 1.5 * k;
    for (const t of m.spikes[i]) {
      ctx.globalAlpha = fresh(t) ? 1 : 0.28;
      ctx.beginPath();
      ctx.moveTo(x(phaseOf(t)), l.y(view.threshold));
      ctx.lineTo(x(phaseOf(t)), l.top + 4);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    label(neurons === 1 ? t('membrane potential V (mV)') : t('neuron {n}: V (mV)', { n: i + 1 }), l, neuronColour(i));
  });

  // Rates: the static unit's f(I) as a line, the spiking neuron's 1/ISI as dots.
  tick('0', rateLane.y(0));
  tick(`${rateMax}`, rateLane.y(rateMax));
  trace(staticTrace, rateLane, colours.c[3], 2 * k, [6, 3]);
  rates.forEach((list, i) => {
    ctx.fillStyle = neuronColour(i);
    for (const [t, r] of list) {
      ctx.globalAlpha = fresh(t) ? 1 : 0.28;
      ctx.beginPath();
      ctx.arc(x(phaseOf(t)), rateLane.y(r), 2.6 * k, 0, 2 * Math.PI);
      ctx.fill();
    }
  });
  ctx.globalAlpha = 1;
  label(fitting(t('rate (Hz): static unit y = f(I), dashed · spiking neuron 1/ISI, dots'), t('rate (Hz): f(I) dashed · 1/ISI dots')), rateLane);

  // Currents: input (filled) and adaptation (line).
  tick('0', currentLane.y(0));
  tick(`${currentLane.hi}`, currentLane.y(currentLane.hi));
  for (const pass of [false, true]) {
    ctx.fillStyle = colours.fg;
    ctx.globalAlpha = pass ? 0.22 : 0.08;
    for (let i = 0; i < n; i++) {
      const t = sampleTime(now, n, i, m.sampleInterval);
      if (fresh(t) !== pass || m.input[i] <= 0) continue;
      const px = x(phaseOf(t));
      ctx.fillRect(px, currentLane.y(m.input[i]), Math.max(1, plotW / n + 0.5), currentLane.y(0) - currentLane.y(m.input[i]));
    }
  }
  ctx.globalAlpha = 1;
  trace(m.adaptationCurrent, currentLane, colours.c[1], 2 * k);
  label(fitting(t('current (nA): input, shaded · adaptation w, line'), t('current (nA): input · adaptation w')), currentLane);

  // Raster: one row per cycle, newest at the top.
  const rows = view.raster.rows(now);
  const rowH = (rasterLane.height - 4) / view.raster.keep;
  rows.forEach((row, r) => {
    row.phases.forEach((phases, i) => {
      ctx.strokeStyle = neuronColour(i);
      ctx.lineWidth = Math.max(1, 1.2 * k);
      const y0 = rasterLane.top + 2 + r * rowH + (i * rowH) / neurons;
      ctx.beginPath();
      for (const p of phases) {
        ctx.moveTo(x(p) + 0.5, y0 + 1);
        ctx.lineTo(x(p) + 0.5, y0 + rowH / neurons - 1);
      }
      ctx.stroke();
    });
  });
  ctx.fillStyle = colours.muted;
  ctx.font = font(10);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillText(rowLabels.now, LEFT - 4, rasterLane.top + 2 + rowH / 2);
  ctx.fillText(rowLabels.older, LEFT - 4, rasterLane.top + rasterLane.height - rowH / 2);
  ctx.textAlign = 'left';

  // Cursor and time axis.
  ctx.strokeStyle = colours.fg;
  ctx.globalAlpha = 0.5;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x(nowPhase) + 0.5, 0);
  ctx.lineTo(x(nowPhase) + 0.5, top);
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.fillStyle = colours.muted;
  ctx.font = font(10);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (let t = 0; t <= cycle; t += 250) {
    const half = ctx.measureText(`${t}`).width / 2;
    ctx.fillText(`${t}`, Math.min(width - RIGHT - Math.max(8, half), Math.max(LEFT + Math.max(6, half), x(t))), axisY);
  }
  ctx.textAlign = 'right';
  ctx.fillText(t('ms into the cycle'), width - RIGHT, axisY + 12 * k);
  ctx.textAlign = 'left';
  ctx.fillText(t('input on'), x(view.stimulus[0]) + 3, axisY + 12 * k);
}

/**
 * The reservoir figure's live panel, on a canvas: traces of the first units x_i(t) over the last
 * window of time steps, the input u(t) beneath, and the mean activity ⟨x²⟩ on a log scale (below
 * g = 1 without input it falls in a straight line, by a factor g² per step).
 */
import type { EdgeOfChaosMetrics } from '../../runs/edge-of-chaos';
import { canvasFont, fitCanvas, lane, palette, type Lane } from '../shared/canvas';
import { groupNumber, t } from '../../../../i18n/t';

const LEFT_11 = 46;
const RIGHT = 10;
const ACTIVITY_FLOOR = 1e-8;

export function liveCanvasHeight(): number {
  return 270;
}

/**
 * `k` scales the text (projector mode: projectorScale); `height` is the canvas's (projector mode: its
 * box's), which the lanes share (270 on the page).
 */
export function drawLive(canvas: HTMLCanvasElement, width: number, m: EdgeOfChaosMetrics, window: number, k = 1, height = liveCanvasHeight()): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  const colours = palette(canvas);
  const LEFT = Math.round(LEFT_11 * k);
  const plotW = width - LEFT - RIGHT;
  const font = (px: number, weight = 400) => canvasFont(canvas, Math.round(px * k), weight);
  // The lanes share what the gaps and the time labels under them leave, 140 : 44 : 54.
  // The top lane starts low enough for its top tick label (half a line of text) to show.
  const first = Math.round(6 * k) - 2;
  const share = Math.max(0.3, (height - first - 15 - 13 * k) / 238);
  const units = lane(first, Math.round(140 * share), -1, 1);
  const input = lane(units.top + units.height + 6, Math.round(44 * share), -1, 1);
  const activity = lane(input.top + input.height + 6, Math.round(54 * share), Math.log10(ACTIVITY_FLOOR), 0);
  const axisY = activity.top + activity.height + 3;
  const n = m.inputTrace.length;
  const x = (i: number) => LEFT + (plotW * (window - n + i)) / Math.max(1, window - 1);

  ctx.strokeStyle = colours.border;
  ctx.lineWidth = 1;
  for (const l of [units, input, activity]) ctx.strokeRect(LEFT + 0.5, l.top + 0.5, plotW, l.height - 1);
  const tick = (text: string, y: number) => {
    ctx.fillStyle = colours.muted;
    ctx.font = font(10);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, LEFT - 4, y);
    ctx.textAlign = 'left';
  };
  const label = (text: string, l: Lane) => {
    ctx.fillStyle = colours.muted;
    ctx.font = font(11, 600);
    ctx.textBaseline = 'top';
    ctx.fillText(text, LEFT + 5, l.top + 4);
  };
  const polyline = (values: ArrayLike<number>, l: Lane, colour: string, w: number, map: (v: number) => number = (v) => v) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = w;
    ctx.beginPath();
    for (let i = 0; i < values.length; i++) {
      const py = l.y(map(values[i]));
      if (i === 0) ctx.moveTo(x(i), py);
      else ctx.lineTo(x(i), py);
    }
    ctx.stroke();
  };
  ctx.strokeStyle = colours.border;
  ctx.beginPath();
  ctx.moveTo(LEFT, units.y(0) + 0.5);
  ctx.lineTo(LEFT + plotW, units.y(0) + 0.5);
  ctx.stroke();
  m.traces.forEach((trace, i) => polyline(trace, units, colours.c[i % colours.c.length], 1.4 * k));
  tick('1', units.y(1));
  tick('0', units.y(0));
  tick('−1', units.y(-1));
  label(t('x_i(t) of {n} units', { n: m.traces.length }), units);
  polyline(m.inputTrace, input, colours.muted, 1 * k);
  label(m.driven ? t('input u(t)') : t('input off'), input);
  polyline(m.activityTrace, activity, colours.fg, 1.8 * k, (v) => Math.log10(Math.max(ACTIVITY_FLOOR, v)));
  tick('1', activity.y(0));
  tick('10⁻⁸', activity.y(Math.log10(ACTIVITY_FLOOR)));
  label(t('activity ⟨x²⟩ (log scale)'), activity);
  ctx.fillStyle = colours.muted;
  ctx.font = font(10);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'right';
  ctx.fillText(t('time step {step} (now)', { step: groupNumber(m.step) }), width - RIGHT, axisY);
  ctx.textAlign = 'left';
  ctx.fillText(t('{n} steps ago', { n: groupNumber(window) }), LEFT, axisY);
}

/**
 * The event figure's drawings: the field as the event camera reports it (the last 40 ms of events,
 * ON and OFF in two colours on black, nothing where nothing changed) and as the frame camera
 * does (its latest frame), and the space–time plot: events along x over time, as streaks, against
 * the frames, as snapshots at the moments they were taken.
 */
import type { EventCameraMetrics } from '../../runs/event-camera';
import { canvasFont, fitCanvas, palette } from '../shared/canvas';
import type { SpaceTime } from './spacetime';
import { groupNumber, t } from '../../../../i18n/t';

/** ON and OFF colours: green and magenta, distinguishable with the common colour-vision deficiencies. */
export const ON_COLOUR = [60, 200, 120] as const;
export const OFF_COLOUR = [230, 80, 200] as const;
/** The event display shows this much of the past (ms). */
export const SHOWN_MS = 40;

export function drawEvents(canvas: HTMLCanvasElement, m: EventCameraMetrics, width: number): void {
  const height = Math.round((width * m.height) / m.width);
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  const image = ctx.createImageData(m.width, m.height);
  for (let i = 0; i < m.width * m.height; i++) image.data.set([0, 0, 0, 255], i * 4);
  const from = m.time - SHOWN_MS;
  for (let i = 0; i < m.events.t.length; i++) {
    if (m.events.t[i] < from) continue;
    const age = (m.time - m.events.t[i]) / SHOWN_MS;
    const c = m.events.polarity[i] > 0 ? ON_COLOUR : OFF_COLOUR;
    const o = (m.events.y[i] * m.width + m.events.x[i]) * 4;
    const a = 1 - 0.7 * age;
    for (let ch = 0; ch < 3; ch++) image.data[o + ch] = Math.max(image.data[o + ch], Math.round(c[ch] * a));
  }
  blit(ctx, image, width, height);
}

export function drawFrame(canvas: HTMLCanvasElement, m: EventCameraMetrics, width: number): void {
  const height = Math.round((width * m.height) / m.width);
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  const image = ctx.createImageData(m.width, m.height);
  for (let i = 0; i < m.width * m.height; i++) image.data.set([m.frame[i], m.frame[i], m.frame[i], 255], i * 4);
  blit(ctx, image, width, height);
}

function blit(ctx: CanvasRenderingContext2D, image: ImageData, width: number, height: number): void {
  blitTo(ctx, image, 0, 0, width, height);
}

/** Draw an image scaled to a box, pixels kept sharp. */
function blitTo(ctx: CanvasRenderingContext2D, image: ImageData, x: number, y: number, width: number, height: number): void {
  const buffer = document.createElement('canvas');
  buffer.width = image.width;
  buffer.height = image.height;
  buffer.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(buffer, x, y, width, height);
}

export function spaceTimeHeight(): number {
  return 260;
}

/**
 * Two lanes over the last `bins × binMs` ms: events (net polarity per bin and x) and frames (snapshot
 * profiles). `k` scales the text (projector mode: projectorScale), `height` is the canvas's.
 */
export function drawSpaceTime(canvas: HTMLCanvasElement, st: SpaceTime, width: number, k = 1, height = spaceTimeHeight()): void {
  const ctx = fitCanvas(canvas, width, height);
  if (!ctx) return;
  const colours = palette(canvas);
  const font = canvasFont(canvas, Math.round(10 * k));
  const labels = { events: t('events'), frames: t('frames') };
  // The lanes' labels stand left of them: room for the longer one (French "événements" needs more than 50).
  ctx.font = font;
  const left = Math.max(Math.round(50 * k), Math.ceil(Math.max(ctx.measureText(labels.events).width, ctx.measureText(labels.frames).width)) + 8);
  const plotW = width - left - 8;
  const laneH = Math.floor((height - 40 * k) / 2);
  const lanes = [4, 4 + laneH + 10];
  // One column per time bin, newest at the right; x along the lane's height. Events: net polarity.
  // Frames: each snapshot's profile in the column of the bin it was taken in.
  const events = ctx.createImageData(st.bins, st.width);
  const frames = ctx.createImageData(st.bins, st.width);
  for (let i = 0; i < st.bins * st.width; i++) {
    events.data[i * 4 + 3] = 255;
    frames.data[i * 4 + 3] = 255;
  }
  for (let back = 0; back < st.bins; back++) {
    const col = st.bins - 1 - back;
    for (let x = 0; x < st.width; x++) {
      const v = st.at(back, x);
      if (v === 0) continue;
      const c = v > 0 ? ON_COLOUR : OFF_COLOUR;
      events.data.set(c, (x * st.bins + col) * 4);
    }
  }
  const span = st.bins * st.binMs;
  const t0 = st.time - span;
  for (const f of st.frames) {
    const col = Math.min(st.bins - 1, Math.max(0, Math.floor((f.t - t0) / st.binMs)));
    for (let x = 0; x < st.width; x++) {
      const o = (x * st.bins + col) * 4;
      const g = Math.max(frames.data[o], f.profile[x]);
      frames.data[o] = g;
      frames.data[o + 1] = g;
      frames.data[o + 2] = g;
    }
  }
  blitTo(ctx, events, left, lanes[0], plotW, laneH);
  blitTo(ctx, frames, left, lanes[1], plotW, laneH);
  ctx.strokeStyle = colours.border;
  for (const top of lanes) ctx.strokeRect(left + 0.5, top + 0.5, plotW, laneH);
  ctx.fillStyle = colours.muted;
  ctx.font = font;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(labels.events, left - 4, lanes[0] + laneH / 2);
  ctx.fillText(labels.frames, left - 4, lanes[1] + laneH / 2);
  ctx.textBaseline = 'top';
  const axisY = lanes[1] + laneH + 4;
  ctx.fillText(t('now'), left + plotW, axisY);
  ctx.textAlign = 'left';
  ctx.fillText(t('{n} ms ago', { n: groupNumber(span) }), left, axisY);
  ctx.textAlign = 'center';
  ctx.fillText(t('time →'), left + plotW / 2, axisY);
}

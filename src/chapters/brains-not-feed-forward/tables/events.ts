/**
 * The event-camera tables: the live run (runs/event-camera.ts) with the same seed, one digit crossing
 * the field once, events against frames; then the contrast threshold and the speed varied, and a
 * digit that does not move.
 */
import type { ByteSource } from '../../../lib/data';
import { BYTES_PER_EVENT, EventCamera, renderMovingDigit } from '../../../lib/dynamics/event-camera';
import { createRng } from '../../../lib/random';
import { EVENT_CAMERA_DEFAULTS, EventCameraRun, type EventCameraConfig } from '../runs/event-camera';
import { fixed, markdownTable, type Section } from './format';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** One full crossing (the digit enters at the left edge and has just left at the right). */
async function crossing(config: EventCameraConfig, source: ByteSource) {
  const run = await EventCameraRun.create(config, source);
  const duration = Math.round((1000 * (config.width + 28)) / config.speed);
  run.train(duration);
  const m = run.evaluate();
  return { duration, label: m.label, on: m.onEvents, off: m.offEvents, events: m.onEvents + m.offEvents, eventBytes: m.eventBytes, frames: m.frames, frameBytes: m.frameBytes };
}

export async function eventsSection(seed: number, quick: boolean, source: ByteSource): Promise<Section> {
  const base = { ...EVENT_CAMERA_DEFAULTS, seed };
  const pixels = base.width * base.height;
  const main = await crossing(base, source);
  const parts: string[] = [];
  parts.push(
    `### Event camera: MNIST test digit (a ${main.label}) crossing a ${base.width}×${base.height} field at ${base.speed} pixels/s, C = ${base.threshold} on ln I (per-pixel spread ${100 * base.mismatch}%), background ${base.background}, ink ${base.foreground}\n`,
  );
  const frameRates = [30, 240, 1000];
  parts.push(
    markdownTable(
      ['sensor', 'output over the crossing', 'data', 'vs events'],
      [
        [`event camera (${BYTES_PER_EVENT} bytes per event)`, `${main.events.toLocaleString('en-US')} events (${main.on.toLocaleString('en-US')} ON, ${main.off.toLocaleString('en-US')} OFF)`, kb(main.eventBytes), '1×'],
        ...frameRates.map((fps) => {
          const frames = Math.floor((main.duration * fps) / 1000) + 1;
          const bytes = frames * pixels;
          return [`frame camera, ${fps} fps (1 byte per pixel)`, `${frames.toLocaleString('en-US')} frames`, kb(bytes), `${fixed(bytes / main.eventBytes, 1)}×`];
        }),
      ],
      [2, 3],
    ),
  );
  parts.push(
    `\nOver ${(main.duration / 1000).toFixed(2)} s the run's own 30 fps camera took ${main.frames} frames (${kb(main.frameBytes)}). Events carry their own time stamps, interpolated within the 1 ms simulation step; a frame camera would need 1,000 fps to place changes as finely.`,
  );

  parts.push('\n### Contrast threshold C: events per crossing\n');
  const thresholds = quick ? [0.1, 0.3] : [0.05, 0.1, 0.15, 0.3, 0.5];
  const byThreshold = [];
  for (const threshold of thresholds) {
    const r = await crossing({ ...base, threshold }, source);
    byThreshold.push([fixed(threshold, 2), `${fixed(100 * (Math.exp(threshold) - 1), 0)}%`, r.events.toLocaleString('en-US'), kb(r.eventBytes)]);
  }
  parts.push(markdownTable(['C', 'brightness change per event', 'events', 'data'], byThreshold, [0, 1, 2, 3]));

  parts.push('\n### Speed: events per crossing and per second (C = 0.15) against a 30 fps camera\n');
  const speeds = quick ? [50, 200] : [25, 50, 100, 200, 400];
  const bySpeed = [];
  for (const speed of speeds) {
    const r = await crossing({ ...base, speed }, source);
    bySpeed.push([speed, fixed(r.duration / 1000, 2), r.events.toLocaleString('en-US'), Math.round((1000 * r.events) / r.duration).toLocaleString('en-US'), kb((1000 * r.eventBytes) / r.duration), kb(30 * pixels)]);
  }
  parts.push(markdownTable(['speed (px/s)', 'crossing (s)', 'events', 'events/s', 'event data/s', '30 fps data/s'], bySpeed, [0, 1, 2, 3, 4, 5]));

  // A digit that does not move: the frame camera keeps sending it, the event camera sends nothing.
  const digitScene = { width: base.width, height: base.height, digit: new Uint8Array(784).fill(200), digitSize: 28, background: base.background, foreground: base.foreground };
  const still = new EventCamera({ width: base.width, height: base.height, threshold: base.threshold, mismatch: base.mismatch }, createRng(seed).fork('thresholds'));
  const image = renderMovingDigit(digitScene, (base.width - 28) / 2, new Float64Array(pixels));
  let stillEvents = 0;
  for (let t = 0; t <= 1000; t++) stillEvents += still.observe(image, t).count;
  parts.push(`\nA still scene (a bright square in the middle of the field, watched for 1 s): ${stillEvents} events, against 30 frames (${kb(30 * pixels)}) from the 30 fps camera.`);

  return {
    markdown: parts.join('\n'),
    bands: [
      { name: 'event camera: no events from a still scene', measured: `${stillEvents} events in 1 s`, hit: stillEvents === 0 },
      {
        name: 'event camera: fewer bytes than frames at the same 1 ms time resolution (1,000 fps)',
        measured: `${kb(main.eventBytes)} vs ${kb((Math.floor(main.duration) + 1) * pixels)}`,
        hit: main.eventBytes < (Math.floor(main.duration) + 1) * pixels,
      },
    ],
  };
}

/**
 * Live run "events, not frames": an MNIST test digit slides left to right across a dark field (and
 * comes round again), watched by a simulated event camera (src/lib/dynamics/event-camera.ts) and,
 * for comparison, by a frame camera taking `frameRate` 8-bit frames per second. One step = 1 ms.
 * Data volume: events × 8 bytes (address-event representation with a time stamp) against frames ×
 * width × height bytes. `loss` is the event rate (events per second) of the steps just taken.
 */
import { BYTES_PER_EVENT, EventCamera, renderMovingDigit, type MovingDigitScene } from '../../../lib/dynamics/event-camera';
import { loadDataset, type ByteSource } from '../../../lib/data';
import { createRng } from '../../../lib/random';
import { typedMemory, type LiveRun, type TrainResult } from './types';
import { EVENT_CAMERA_DEFAULTS } from './defaults';

export { EVENT_CAMERA_DEFAULTS };

export interface EventCameraConfig {
  seed: number;
  /** Test-set digit shown; −1 picks one with the seed. */
  digitIndex: number;
  width: number;
  height: number;
  /** Pixels per second. */
  speed: number;
  /** Contrast threshold C on ln I, and its per-pixel relative spread. */
  threshold: number;
  mismatch: number;
  /** Frames per second of the comparison frame camera. */
  frameRate: number;
  /** Intensities of the background and of full ink, in (0, 1]. */
  background: number;
  foreground: number;
  /** Events returned by evaluate: those of the last `eventWindow` ms. */
  eventWindow: number;
}


export const EVENT_CAMERA_LIVE_KEYS = ['speed', 'threshold', 'frameRate'] as const satisfies readonly (keyof EventCameraConfig)[];

export interface EventCameraMetrics {
  step: number;
  /** Simulated time (ms). */
  time: number;
  width: number;
  height: number;
  label: number;
  /** The scene now, and the frame camera's latest frame, as grey levels 0..255 (width × height). */
  scene: Uint8Array;
  frame: Uint8Array;
  /** Events of the last eventWindow ms: time (ms), position and polarity (+1 ON, −1 OFF). */
  events: { t: Float64Array; x: Uint16Array; y: Uint16Array; polarity: Int8Array };
  onEvents: number;
  offEvents: number;
  frames: number;
  eventBytes: number;
  frameBytes: number;
}

const DT = 1;

export class EventCameraRun implements LiveRun<EventCameraConfig, EventCameraMetrics> {
  step = 0;
  private config: EventCameraConfig;
  private readonly scene: MovingDigitScene;
  private readonly camera: EventCamera;
  private readonly label: number;
  private readonly image: Float64Array;
  private readonly frame: Uint8Array;
  private left: number;
  private time = 0;
  private frames = 0;
  private nextFrame = 0;
  private recent: { t: number[]; x: number[]; y: number[]; p: number[] } = { t: [], x: [], y: [], p: [] };

  private constructor(config: EventCameraConfig, digit: Uint8Array, label: number) {
    this.config = { ...config };
    this.scene = { width: config.width, height: config.height, digit, digitSize: 28, background: config.background, foreground: config.foreground };
    this.camera = new EventCamera({ width: config.width, height: config.height, threshold: config.threshold, mismatch: config.mismatch }, createRng(config.seed).fork('thresholds'));
    this.label = label;
    this.image = new Float64Array(config.width * config.height);
    this.frame = new Uint8Array(config.width * config.height);
    this.left = -28;
    this.camera.observe(renderMovingDigit(this.scene, this.left, this.image), 0);
    this.captureFrame();
  }

  static async create(config: EventCameraConfig, source: ByteSource): Promise<EventCameraRun> {
    const test = await loadDataset('mnist', 'test', source);
    const index = config.digitIndex >= 0 ? config.digitIndex : createRng(config.seed).fork('digit').int(test.n);
    return new EventCameraRun(config, test.images.slice(index * 784, (index + 1) * 784), test.labels[index]);
  }

  private captureFrame(): void {
    for (let i = 0; i < this.frame.length; i++) this.frame[i] = Math.round(255 * this.image[i]);
    this.frames++;
    this.nextFrame += 1000 / this.config.frameRate;
  }

  train(steps: number): TrainResult {
    let events = 0;
    for (let s = 0; s < steps; s++) {
      this.time += DT;
      this.left += (this.config.speed * DT) / 1000;
      if (this.left > this.config.width) this.left -= this.config.width + 28;
      renderMovingDigit(this.scene, this.left, this.image);
      const batch = this.camera.observe(this.image, this.time);
      events += batch.count;
      for (let i = 0; i < batch.count; i++) {
        this.recent.t.push(batch.t[i]);
        this.recent.x.push(batch.x[i]);
        this.recent.y.push(batch.y[i]);
        this.recent.p.push(batch.polarity[i]);
      }
      while (this.time >= this.nextFrame) this.captureFrame();
      this.step++;
    }
    // Events come in step order, each step's batch spread over (t − 1 ms, t]: drop whole old steps here,
    // and evaluate trims the edge exactly.
    const horizon = this.time - this.config.eventWindow - DT;
    let drop = 0;
    while (drop < this.recent.t.length && this.recent.t[drop] < horizon) drop++;
    if (drop > 0) for (const list of Object.values(this.recent)) list.splice(0, drop);
    const rate = steps > 0 ? (1000 * events) / (steps * DT) : 0;
    return { step: this.step, loss: rate, diverged: false };
  }

  evaluate(): EventCameraMetrics {
    const scene = new Uint8Array(this.image.length);
    for (let i = 0; i < scene.length; i++) scene[i] = Math.round(255 * this.image[i]);
    const total = this.camera.onEvents + this.camera.offEvents;
    const horizon = this.time - this.config.eventWindow;
    const keep = this.recent.t.flatMap((t, i) => (t >= horizon ? [i] : []));
    return {
      step: this.step,
      time: this.time,
      width: this.config.width,
      height: this.config.height,
      label: this.label,
      scene,
      frame: Uint8Array.from(this.frame),
      events: {
        t: Float64Array.from(keep, (i) => this.recent.t[i]),
        x: Uint16Array.from(keep, (i) => this.recent.x[i]),
        y: Uint16Array.from(keep, (i) => this.recent.y[i]),
        polarity: Int8Array.from(keep, (i) => this.recent.p[i]),
      },
      onEvents: this.camera.onEvents,
      offEvents: this.camera.offEvents,
      frames: this.frames,
      eventBytes: total * BYTES_PER_EVENT,
      frameBytes: this.frames * this.config.width * this.config.height,
    };
  }

  update(partial: Partial<EventCameraConfig>): void {
    if (partial.speed !== undefined) this.config.speed = partial.speed;
    if (partial.threshold !== undefined) this.camera.setThreshold(partial.threshold);
    if (partial.frameRate !== undefined && partial.frameRate > 0) {
      this.nextFrame = this.time + 1000 / partial.frameRate;
      this.config.frameRate = partial.frameRate;
    }
  }

  memory(): { arrays: number; bytes: number } {
    return typedMemory([this.image, this.frame, this.camera.thresholds, this.camera.reference, this.scene.digit]);
  }

  dispose(): void {
    this.recent = { t: [], x: [], y: [], p: [] };
  }
}

export function eventCameraRun(config: EventCameraConfig, source: ByteSource): Promise<EventCameraRun> {
  return EventCameraRun.create(config, source);
}

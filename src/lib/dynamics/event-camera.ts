/**
 * A simulated event camera (dynamic vision sensor; Lichtsteiner, Posch & Delbruck 2008, IEEE JSSC
 * 43(2):566–576). Each pixel works alone and keeps the log intensity L_ref at its last event. When
 * the log intensity moves a contrast threshold C away from it, the pixel emits an event (t, x, y, p),
 * polarity p = +1 (ON, brighter) or −1 (OFF, darker), and moves L_ref by C towards the new value:
 *   |ln I(t) − L_ref| ≥ C  →  event, L_ref ← L_ref ± C   (repeated while the change still exceeds C).
 * There are no frames: a still scene emits nothing, and events carry their own time stamps. Between
 * samples the log intensity is taken to change linearly, so an event's time is interpolated to the
 * moment its crossing happened. Each pixel's threshold may differ (mismatch, a relative std), drawn once.
 * Shapes: width × height pixels, row-major; intensities in (0, 1], Float32Array/Float64Array.
 * Plain arrays, nothing to dispose.
 */
import type { Rng } from '../random';

export interface EventCameraOptions {
  width: number;
  height: number;
  /** Contrast threshold C on the natural-log intensity (0.15 ≈ a 16% change). */
  threshold: number;
  /** Relative standard deviation of the per-pixel threshold (0: all equal). */
  mismatch: number;
}

/** Events of one call, as parallel arrays (structured-clone friendly). */
export interface EventBatch {
  count: number;
  /** Time stamps (ms). */
  t: Float64Array;
  x: Uint16Array;
  y: Uint16Array;
  /** +1 ON, −1 OFF. */
  polarity: Int8Array;
}

export class EventCamera {
  readonly options: EventCameraOptions;
  /** Each pixel's threshold. */
  readonly thresholds: Float64Array;
  /** Each pixel's reference log intensity (at its last event). */
  readonly reference: Float64Array;
  private readonly lastLog: Float64Array;
  private lastTime = 0;
  private started = false;
  onEvents = 0;
  offEvents = 0;

  constructor(options: EventCameraOptions, rng: Rng) {
    this.options = { ...options };
    const n = options.width * options.height;
    this.thresholds = new Float64Array(n);
    for (let i = 0; i < n; i++) this.thresholds[i] = Math.max(0.01, options.threshold * (1 + options.mismatch * rng.normal()));
    this.reference = new Float64Array(n);
    this.lastLog = new Float64Array(n);
  }

  /** Change the contrast threshold mid-run (every pixel keeps its relative mismatch). */
  setThreshold(threshold: number): void {
    const scale = threshold / this.options.threshold;
    for (let i = 0; i < this.thresholds.length; i++) this.thresholds[i] *= scale;
    this.options.threshold = threshold;
  }

  /**
   * Show the sensor the image `intensity` at time `time` (ms, increasing). The first call only sets
   * each pixel's reference; later calls return the events since the previous one, in time order per pixel.
   */
  observe(intensity: ArrayLike<number>, time: number): EventBatch {
    const n = this.reference.length;
    const width = this.options.width;
    const times: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    const ps: number[] = [];
    for (let i = 0; i < n; i++) {
      const log = Math.log(intensity[i]);
      if (!this.started) {
        this.reference[i] = log;
        this.lastLog[i] = log;
        continue;
      }
      const c = this.thresholds[i];
      const start = this.lastLog[i];
      let ref = this.reference[i];
      while (Math.abs(log - ref) >= c) {
        const sign = log > ref ? 1 : -1;
        ref += sign * c;
        // Linear interpolation of the crossing time between the previous sample and this one.
        const fraction = log === start ? 1 : (ref - start) / (log - start);
        times.push(this.lastTime + Math.min(1, Math.max(0, fraction)) * (time - this.lastTime));
        xs.push(i % width);
        ys.push(Math.floor(i / width));
        ps.push(sign);
        if (sign > 0) this.onEvents++;
        else this.offEvents++;
      }
      this.reference[i] = ref;
      this.lastLog[i] = log;
    }
    this.started = true;
    this.lastTime = time;
    return { count: times.length, t: Float64Array.from(times), x: Uint16Array.from(xs), y: Uint16Array.from(ys), polarity: Int8Array.from(ps) };
  }
}

/** Bytes per event in the sensor's output (address-event representation with a 32-bit time stamp: x, y, polarity, t). */
export const BYTES_PER_EVENT = 8;

export interface MovingDigitScene {
  width: number;
  height: number;
  /** The digit, 28×28 grey levels 0..255 (row-major). */
  digit: Uint8Array;
  /** Digit size in pixels (28). */
  digitSize: number;
  /** Intensity of the background and of the strokes, in (0, 1]. */
  background: number;
  foreground: number;
}

/**
 * The scene with the digit's left edge at x = `left` (pixels, fractional; −digitSize is just off the
 * left side), vertically centred, sampled with linear interpolation so sub-pixel motion changes
 * intensities smoothly. Written into `out` (width × height).
 */
export function renderMovingDigit(scene: MovingDigitScene, left: number, out: Float64Array): Float64Array {
  const { width, height, digit, digitSize, background, foreground } = scene;
  const top = Math.floor((height - digitSize) / 2);
  for (let y = 0; y < height; y++) {
    const dy = y - top;
    for (let x = 0; x < width; x++) {
      let ink = 0;
      if (dy >= 0 && dy < digitSize) {
        const u = x - left;
        const u0 = Math.floor(u);
        const frac = u - u0;
        const a = u0 >= 0 && u0 < digitSize ? digit[dy * digitSize + u0] : 0;
        const b = u0 + 1 >= 0 && u0 + 1 < digitSize ? digit[dy * digitSize + u0 + 1] : 0;
        ink = ((1 - frac) * a + frac * b) / 255;
      }
      out[y * width + x] = background + (foreground - background) * ink;
    }
  }
  return out;
}

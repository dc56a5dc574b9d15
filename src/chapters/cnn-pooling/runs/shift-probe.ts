/**
 * The shift probe (live run): the five nets side by side, asked about one digit — a test digit or
 * one the reader drew (784 floats in [0, 1]) — moved `shift` px sideways (zero fill, or wrap-around),
 * plus each net's accuracy against the shift on test digits. With the shipped weights it answers at
 * once; with weights 'retrain' the five nets train here from the run's seed (train()).
 * evaluate(): the current shift's class probabilities for every net, and every net's answer at each
 * shift −6…+6 for this digit. All 13 shifts go through the five nets at once when the digit, the wrap
 * setting or the weights change, and are kept, so a slider move is a lookup (probeMs times either);
 * the accuracy curves are computed once per weights, wrap setting and digit count (curveMs).
 */
import type { ByteSource } from '../../../lib/data';
import { shiftImages, type ShiftFill } from '../../../lib/data/shift';
import { accuracyUnderShifts, argmaxRows, softmaxRows } from '../../../lib/invariance/metrics';
import { firstImages, SIDE, type LabeledImages } from '../data';
import type { NetSet } from '../net-set';
import { NET_IDS, NETS, type NetId } from '../nets';
import { openDigits, openNets, type RunBase } from './nets-for-run';

export const SWEEP = Array.from({ length: 13 }, (_, k) => k - 6);
const PIXELS = SIDE * SIDE;

export interface ShiftProbeConfig extends RunBase {
  /** Index of the probed test digit (0 … 1,999). */
  digit: number;
  /** A drawn digit (784 floats in [0, 1]); when given, it is probed instead of `digit`. */
  drawn?: number[] | null;
  /** Horizontal shift, px (−6 … +6; positive moves right). */
  shift: number;
  /** Wrap-around shifts instead of zero fill. */
  wrap: boolean;
  /** Test digits behind the accuracy-against-shift curves. */
  curveDigits: number;
}

export const SHIFT_PROBE_DEFAULTS: ShiftProbeConfig = { seed: 1, weights: 'pretrained', digit: 0, drawn: null, shift: 0, wrap: false, curveDigits: 500 };

/** Settings that apply mid-run; any other change means a new run. */
export const SHIFT_PROBE_LIVE_KEYS: readonly (keyof ShiftProbeConfig)[] = ['digit', 'drawn', 'shift', 'wrap', 'curveDigits'];

export interface ShiftProbeMetrics {
  step: number;
  epoch: number;
  nets: NetId[];
  labels: string[];
  /** The probed digit as shifted (784 floats), and its label (null for a drawn digit). */
  image: number[];
  label: number | null;
  shift: number;
  /** probabilities[net][class] at the current shift. */
  probabilities: number[][];
  /** For this digit, each net's answer and its probability at every shift of SWEEP. */
  sweep: { shifts: number[]; top: number[][]; confidence: number[][] };
  /** Accuracy of each net on the first `digits` test digits at every shift of SWEEP. */
  curves: { shifts: number[]; digits: number; accuracy: number[][] };
  /** Milliseconds for the per-digit part of this evaluation (a lookup after a slider move; 13 shifts × 5 nets after a new digit), and for the curves (≈0 when cached). */
  probeMs: number;
  curveMs: number;
  diverged: boolean;
}

/** Every net's class probabilities for the digit at every shift of SWEEP, [net][shift × 10]. */
interface Sweep {
  key: string;
  image: Float32Array;
  batch: Float32Array;
  label: number | null;
  probabilities: Float32Array[];
}

export class ShiftProbeRun {
  private curves: { key: string; accuracy: number[][] } | null = null;
  private sweep: Sweep | null = null;
  private diverged = false;

  private constructor(
    readonly config: ShiftProbeConfig,
    private readonly nets: NetSet,
    private readonly test: LabeledImages,
  ) {}

  static async create(config: ShiftProbeConfig, source: ByteSource, models: ByteSource): Promise<ShiftProbeRun> {
    const { train, test } = await openDigits(config, source);
    const nets = await openNets('digits', NET_IDS, config, train, models);
    return new ShiftProbeRun({ ...config }, nets, test);
  }

  get step(): number {
    return this.nets.step;
  }

  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }> {
    const r = this.nets.train(steps);
    this.diverged ||= r.diverged;
    await this.nets.sync();
    return r;
  }

  private digitImage(): { image: Float32Array; label: number | null } {
    const { drawn, digit } = this.config;
    if (drawn && drawn.length === PIXELS) return { image: Float32Array.from(drawn, (v) => Math.min(1, Math.max(0, v))), label: null };
    const i = Math.max(0, Math.min(this.test.n - 1, Math.round(digit)));
    return { image: this.test.x.slice(i * PIXELS, (i + 1) * PIXELS), label: this.test.labels[i] };
  }

  /** The digit through the five nets at every shift (recomputed only when the digit, wrap or weights change). */
  private digitSweep(fill: ShiftFill): Sweep {
    const { image, label } = this.digitImage();
    const key = `${this.nets.step}|${fill}|${label === null ? 'drawn' : this.config.digit}`;
    if (this.sweep?.key === key && (label !== null || this.sweep.image.every((v, i) => v === image[i]))) return this.sweep;
    const batch = new Float32Array(SWEEP.length * PIXELS);
    SWEEP.forEach((s, k) => shiftImages(image, 1, SIDE, s, 0, fill, batch.subarray(k * PIXELS, (k + 1) * PIXELS)));
    const probabilities = NET_IDS.map((id) => softmaxRows(this.nets.logits(id)(batch, SWEEP.length), SWEEP.length, 10));
    this.sweep = { key, image, batch, label, probabilities };
    return this.sweep;
  }

  async evaluate(): Promise<ShiftProbeMetrics> {
    const fill: ShiftFill = this.config.wrap ? 'wrap' : 'zero';
    const shift = Math.max(-6, Math.min(6, Math.round(this.config.shift)));
    const t0 = performance.now();
    const { batch, label, probabilities: all } = this.digitSweep(fill);
    const current = SWEEP.indexOf(shift);
    const probabilities = all.map((p) => Array.from(p.subarray(current * 10, current * 10 + 10)));
    const top = all.map((p) => Array.from(argmaxRows(p, SWEEP.length, 10)));
    const confidence = all.map((p, n) => top[n].map((c, k) => p[k * 10 + c]));
    const probeMs = performance.now() - t0;
    const t1 = performance.now();
    const curves = this.curveAccuracy(fill);
    return {
      step: this.nets.step,
      epoch: this.nets.epoch,
      nets: [...NET_IDS],
      labels: NET_IDS.map((id) => NETS[id].label),
      image: Array.from(batch.subarray(current * PIXELS, (current + 1) * PIXELS)),
      label,
      shift,
      probabilities,
      sweep: { shifts: [...SWEEP], top, confidence },
      curves,
      probeMs,
      curveMs: performance.now() - t1,
      diverged: this.diverged,
    };
  }

  private curveAccuracy(fill: ShiftFill): { shifts: number[]; digits: number; accuracy: number[][] } {
    const digits = Math.max(1, Math.min(this.test.n, Math.round(this.config.curveDigits)));
    const key = `${this.nets.step}|${fill}|${digits}`;
    if (this.curves?.key !== key) {
      const set = firstImages(this.test, digits);
      this.curves = { key, accuracy: NET_IDS.map((id) => accuracyUnderShifts(this.nets.logits(id), set.x, set.labels, set.n, SIDE, 10, SWEEP, fill)) };
    }
    return { shifts: [...SWEEP], digits, accuracy: this.curves.accuracy.map((a) => a.slice()) };
  }

  update(partial: Partial<ShiftProbeConfig>): void {
    for (const key of SHIFT_PROBE_LIVE_KEYS) if (key in partial) (this.config as unknown as Record<string, unknown>)[key] = partial[key];
  }

  memory(): { arrays: number; bytes: number } {
    return this.nets.memory();
  }

  dispose(): void {
    this.nets.dispose();
  }
}

/**
 * The shift probe (live run): the five nets side by side, asked about one digit — a gallery test
 * digit or one the reader drew (784 floats in [0, 1]) — at every horizontal shift −6…+6 px (zero fill,
 * or wrap-around), plus each net's accuracy against the shift on test digits.
 *
 * evaluate() sends every net's class probabilities at all 13 shifts of the digit (5 × 13 × 10
 * numbers), so the page answers a shift-slider move by a lookup, in the same frame, with no worker
 * call. The 13 shifted copies go through the nets once per digit, wrap setting and weights.
 * The curves are measured a batch of test digits at a time (./measure.ts), `CURVE_BUDGET_MS` per
 * evaluation, and only for weights that held still since the previous evaluation (measuring nets
 * that train on between two calls would be thrown away); `pending` says that more is to come.
 *
 * Weights: the shipped seed-1 weights answer at once; 'retrain' trains the five nets here from the
 * run's seed (science.md's 375 steps), and with `seeds` > 1 then the next seeds one after another
 * (./net-series.ts), whose curves give the spread across seeds. The digit's probabilities are the
 * first seed's.
 */
import type { ByteSource } from '../../../lib/data';
import { shiftImages, type ShiftFill } from '../../../lib/data/shift';
import { softmaxRows } from '../../../lib/invariance/metrics';
import { galleryIndices, SIDE, type LabeledImages } from '../data';
import { epochSteps } from '../experiments';
import { NET_IDS, NETS, PROTOCOL, type NetId } from '../nets';
import { MEASURE_BATCH, ShiftCurves, within } from './measure';
import { NetSeries } from './net-series';
import { openDigits, type RunBase } from './nets-for-run';

export const SWEEP = Array.from({ length: 13 }, (_, k) => k - 6);
const PIXELS = SIDE * SIDE;
/** Test digits in the gallery: the first two of each class. */
export const GALLERY_SIZE = 20;
/** Milliseconds an evaluation may spend measuring the curves. */
export const CURVE_BUDGET_MS = 30;

export interface ShiftProbeConfig extends RunBase {
  /** The probed digit's place in the gallery (0 … 19). */
  digit: number;
  /** A drawn digit (784 floats in [0, 1]); when given, it is probed instead of `digit`. */
  drawn?: number[] | null;
  /** Wrap-around shifts instead of zero fill. */
  wrap: boolean;
  /** Test digits behind the accuracy-against-shift curves. */
  curveDigits: number;
  /** Retraining: seeds trained one after another (seed, seed + 1, …). */
  seeds?: number;
}

export const SHIFT_PROBE_DEFAULTS: ShiftProbeConfig = { seed: 1, weights: 'pretrained', digit: 0, drawn: null, wrap: false, curveDigits: 500, seeds: 1 };

/** Settings that apply mid-run; any other change means a new run. */
export const SHIFT_PROBE_LIVE_KEYS: readonly (keyof ShiftProbeConfig)[] = ['digit', 'drawn', 'wrap', 'curveDigits'];

export interface SeedCurves {
  seed: number;
  /** The step of that seed's nets the curves were measured at. */
  step: number;
  /** Digits measured so far (of `digits`). */
  done: number;
  /** accuracy[net][shift] at SWEEP's shifts. */
  accuracy: number[][];
}

export interface ShiftProbeMetrics {
  /** Training steps over all seeds so far, and in all (0 with shipped weights). */
  step: number;
  total: number;
  seeds: number[];
  stepsPerSeed: number;
  /** Index of the seed training now, −1 when none does. */
  training: number;
  /** Mean minibatch loss of the nets' last step (NaN before any). */
  loss: number;
  nets: NetId[];
  labels: string[];
  wrap: boolean;
  /** The unshifted digit, its gallery place (null: drawn) and label (null: drawn). */
  digit: { slot: number | null; label: number | null; image: number[] };
  /** probabilities[net][k][class] at shift SWEEP[k], of the first seed's nets. */
  probabilities: number[][][];
  curves: { shifts: number[]; digits: number; seeds: SeedCurves[] };
  /** The curves of some seed are not measured to the end yet (evaluate again to go on). */
  pending: boolean;
  /** Milliseconds for the digit's sweep (0 when unchanged) and for measuring curves in this call. */
  probeMs: number;
  curveMs: number;
  diverged: boolean;
}

interface Sweep {
  key: string;
  image: Float32Array;
  probabilities: number[][][];
}

export class ShiftProbeRun {
  private sweep: Sweep | null = null;
  /** Per seed: its curve accumulators by step, fill and digits (a few kept, so toggling wrap back is free). */
  private readonly curveCache: Map<string, ShiftCurves>[] = [];
  /** Per seed: its step at the previous evaluation (measure only weights that held still). */
  private readonly seenStep: number[] = [];
  private readonly gallery: number[];
  private diverged = false;

  private constructor(
    readonly config: ShiftProbeConfig,
    private readonly nets: NetSeries,
    private readonly test: LabeledImages,
  ) {
    this.gallery = galleryIndices(test.labels, GALLERY_SIZE / 10);
    // Weights in hand from the start (shipped, or fresh) count as still: the first evaluation measures.
    this.seenStep.push(...nets.sets.map((s) => s.step));
  }

  static async create(config: ShiftProbeConfig, source: ByteSource, models: ByteSource): Promise<ShiftProbeRun> {
    const { train, test } = await openDigits(config, source);
    const nets = await NetSeries.open('digits', NET_IDS, config, config.seeds ?? 1, epochSteps(train.n || PROTOCOL.trainSize), train, models);
    return new ShiftProbeRun({ ...config }, nets, test);
  }

  get step(): number {
    return this.nets.step;
  }

  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }> {
    const r = await this.nets.train(steps);
    this.diverged ||= r.diverged;
    return r;
  }

  /** The gallery's digits, in order: images as grey levels 0 … 255, and labels. */
  galleryImages(): { images: Uint8Array; labels: Uint8Array } {
    const images = new Uint8Array(this.gallery.length * PIXELS);
    this.gallery.forEach((idx, k) => {
      for (let j = 0; j < PIXELS; j++) images[k * PIXELS + j] = Math.round(255 * this.test.x[idx * PIXELS + j]);
    });
    return { images, labels: Uint8Array.from(this.gallery, (idx) => this.test.labels[idx]) };
  }

  private digitImage(): { image: Float32Array; label: number | null; slot: number | null } {
    const { drawn, digit } = this.config;
    if (drawn && drawn.length === PIXELS) return { image: Float32Array.from(drawn, (v) => Math.min(1, Math.max(0, v))), label: null, slot: null };
    const slot = Math.max(0, Math.min(this.gallery.length - 1, Math.round(digit)));
    const i = this.gallery[slot];
    return { image: this.test.x.slice(i * PIXELS, (i + 1) * PIXELS), label: this.test.labels[i], slot };
  }

  /** The digit through the first seed's nets at every shift (again only when the digit, wrap or weights change). */
  private digitSweep(image: Float32Array, fill: ShiftFill): { sweep: Sweep; fresh: boolean } {
    const key = `${this.nets.sets[0].step}|${fill}`;
    if (this.sweep?.key === key && this.sweep.image.every((v, i) => v === image[i])) return { sweep: this.sweep, fresh: false };
    const batch = new Float32Array(SWEEP.length * PIXELS);
    SWEEP.forEach((s, k) => shiftImages(image, 1, SIDE, s, 0, fill, batch.subarray(k * PIXELS, (k + 1) * PIXELS)));
    const first = this.nets.first;
    const probabilities = NET_IDS.map((id) => {
      const p = softmaxRows(first.logits(id)(batch, SWEEP.length), SWEEP.length, 10);
      return SWEEP.map((_, k) => Array.from(p.subarray(k * 10, k * 10 + 10)));
    });
    this.sweep = { key, image, probabilities };
    return { sweep: this.sweep, fresh: true };
  }

  /** Seed k's curve accumulator for its current weights, fill and digit count. */
  private curvesOf(k: number, fill: ShiftFill, digits: number): ShiftCurves {
    const set = this.nets.sets[k];
    const cache = (this.curveCache[k] ??= new Map());
    const key = `${set.step}|${fill}|${digits}`;
    let curves = cache.get(key);
    if (!curves) {
      curves = new ShiftCurves(NET_IDS.map((id) => set.nets.logits(id)), this.test, digits, SWEEP, fill);
      cache.set(key, curves);
      // A few kept: both fills at the current weights, and a digit count changed back.
      if (cache.size > 4) cache.delete(cache.keys().next().value as string);
    }
    return curves;
  }

  async evaluate(): Promise<ShiftProbeMetrics> {
    const fill: ShiftFill = this.config.wrap ? 'wrap' : 'zero';
    const t0 = performance.now();
    const { image, label, slot } = this.digitImage();
    const { sweep, fresh } = this.digitSweep(image, fill);
    const probeMs = fresh ? performance.now() - t0 : 0;
    const t1 = performance.now();
    const digits = Math.max(MEASURE_BATCH, Math.min(this.test.n, Math.round(this.config.curveDigits)));
    let budget = CURVE_BUDGET_MS;
    const seeds = this.nets.sets.map((set, k): SeedCurves => {
      const curves = this.curvesOf(k, fill, digits);
      const still = this.seenStep[k] === set.step;
      this.seenStep[k] = set.step;
      if (still && !curves.complete && budget > 0) {
        const start = performance.now();
        within(budget, () => curves.advance());
        budget -= performance.now() - start;
      }
      return { seed: set.seed, step: set.step, done: curves.done, accuracy: curves.accuracy() };
    });
    const loss = this.nets.sets[Math.max(0, this.nets.training)]?.lastLoss ?? NaN;
    return {
      step: this.nets.step,
      total: this.nets.total,
      seeds: [...this.nets.seeds],
      stepsPerSeed: this.nets.stepsPerSeed,
      training: this.nets.training,
      loss,
      nets: [...NET_IDS],
      labels: NET_IDS.map((id) => NETS[id].label),
      wrap: fill === 'wrap',
      digit: { slot, label, image: Array.from(image) },
      probabilities: sweep.probabilities.map((net) => net.map((p) => [...p])),
      curves: { shifts: [...SWEEP], digits, seeds },
      pending: seeds.some((s) => s.done < digits),
      probeMs,
      curveMs: performance.now() - t1,
      diverged: this.diverged,
    };
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

/**
 * Where invariance breaks (live run): for the max-pool, MaxBlurPool and global-average CNNs, the
 * per-layer equivariance error (src/lib/invariance/equivariance.ts) as a grid of layers × horizontal
 * shifts 0…6 px, over the first `images` test digits: a conv layer keeps it near 0 (convolution
 * commutes with shifts), a strided pool raises it at odd shifts, the flatten head hands the raised
 * error on, and the global average brings it back down. Shipped weights, or the three nets trained
 * here from the run's seed.
 *
 * The grid is measured 16 digits at a time (E's sums add up over batches), `GRID_BUDGET_MS` per
 * evaluation and only for weights that held still since the previous one; `done` counts the digits
 * in it so far, `pending` says that more is to come. Besides the grid, evaluate() sends one digit's
 * maps at one layer and shift (`detail`): the map of the shifted digit, the original's map moved
 * as the layer should move it, and their difference, for the figure's close-up.
 */
import type { ByteSource } from '../../../lib/data';
import { shiftImages, type ShiftFill } from '../../../lib/data/shift';
import { equivarianceParts, errorFromParts, type FeatureMap, type MapsFn } from '../../../lib/invariance/equivariance';
import { SIDE, type LabeledImages } from '../data';
import { epochSteps } from '../experiments';
import { NETS, PROTOCOL, type NetId } from '../nets';
import { MEASURE_BATCH, within } from './measure';
import { expectedMap, type MapDetail } from './map-detail';
import { NetSeries } from './net-series';
import { openDigits, type RunBase } from './nets-for-run';

export const EQUIVARIANCE_NETS: readonly NetId[] = ['max', 'blur', 'gap'];
export const EQUIVARIANCE_SHIFTS = [0, 1, 2, 3, 4, 5, 6];
export const GRID_BUDGET_MS = 40;
const PIXELS = SIDE * SIDE;

export interface EquivarianceConfig extends RunBase {
  /** Test digits averaged over. */
  images: number;
  wrap: boolean;
  /** The close-up: which net (index into EQUIVARIANCE_NETS), layer (index into its maps), shift (px) and test digit. */
  detailNet?: number;
  detailLayer?: number;
  detailShift?: number;
  detailDigit?: number;
}

export const EQUIVARIANCE_DEFAULTS: EquivarianceConfig = { seed: 1, weights: 'pretrained', images: 200, wrap: false, detailNet: 0, detailLayer: 1, detailShift: 1, detailDigit: 0 };
export const EQUIVARIANCE_LIVE_KEYS: readonly (keyof EquivarianceConfig)[] = ['images', 'wrap', 'detailNet', 'detailLayer', 'detailShift', 'detailDigit'];

export interface EquivarianceGridOut {
  layers: string[];
  shifts: number[];
  /** error[layer][shift]. */
  error: number[][];
}

export interface EquivarianceMetrics {
  step: number;
  total: number;
  training: number;
  loss: number;
  nets: NetId[];
  labels: string[];
  /** One grid per net over the `done` digits measured so far (of `images`). */
  grids: EquivarianceGridOut[];
  images: number;
  done: number;
  pending: boolean;
  wrap: boolean;
  detail: MapDetail | null;
  ms: number;
  diverged: boolean;
}

/** E's sums for one net, over the digits measured so far: num/den[layer][shift]. */
class GridSums {
  num: number[][] = [];
  den: number[][] = [];
  layers: string[] = [];
  /** Batches finished at every shift; the batch in progress, its base maps and the next shift. */
  batches = 0;
  private base: FeatureMap[] | null = null;
  private shift = 0;

  constructor(
    private readonly maps: MapsFn,
    private readonly test: LabeledImages,
    readonly images: number,
    private readonly fill: ShiftFill,
  ) {}

  get done(): number {
    return Math.min(this.images, this.batches * MEASURE_BATCH);
  }

  get complete(): boolean {
    return this.done >= this.images;
  }

  /** One batch at one shift; false when complete. */
  advance(moved: Float32Array): boolean {
    if (this.complete) return false;
    const from = this.batches * MEASURE_BATCH;
    const n = Math.min(MEASURE_BATCH, this.images - from);
    const x = this.test.x.subarray(from * PIXELS, (from + n) * PIXELS);
    if (!this.base) {
      this.base = this.maps(x, n).map((m) => ({ ...m, data: m.data.slice() }));
      if (this.layers.length === 0) {
        this.layers = this.base.map((m) => m.label);
        this.num = this.layers.map(() => EQUIVARIANCE_SHIFTS.map(() => 0));
        this.den = this.layers.map(() => EQUIVARIANCE_SHIFTS.map(() => 0));
      }
    }
    const s = EQUIVARIANCE_SHIFTS[this.shift];
    const parts = equivarianceParts(this.maps(shiftImages(x, n, SIDE, s, 0, this.fill, moved.subarray(0, n * PIXELS)), n), this.base, n, s);
    parts.forEach(([num, den], l) => {
      this.num[l][this.shift] += num;
      this.den[l][this.shift] += den;
    });
    this.shift += 1;
    if (this.shift === EQUIVARIANCE_SHIFTS.length) {
      this.shift = 0;
      this.base = null;
      this.batches += 1;
    }
    return !this.complete;
  }

  /** E over the batches finished at every shift so far (rows of NaN before the first). */
  grid(): EquivarianceGridOut {
    return {
      layers: [...this.layers],
      shifts: [...EQUIVARIANCE_SHIFTS],
      error: this.num.map((row, l) => row.map((num, k) => (this.batches > 0 || this.shift > k ? errorFromParts([num, this.den[l][k]]) : NaN))),
    };
  }
}

export class EquivarianceRun {
  private diverged = false;
  private sums: { key: string; nets: GridSums[] } | null = null;
  private seenStep = -1;
  private readonly moved = new Float32Array(MEASURE_BATCH * PIXELS);

  private constructor(
    readonly config: EquivarianceConfig,
    private readonly nets: NetSeries,
    private readonly test: LabeledImages,
  ) {
    this.seenStep = nets.step;
  }

  static async create(config: EquivarianceConfig, source: ByteSource, models: ByteSource): Promise<EquivarianceRun> {
    const { train, test } = await openDigits(config, source);
    const nets = await NetSeries.open('digits', EQUIVARIANCE_NETS, config, 1, epochSteps(train.n || PROTOCOL.trainSize), train, models);
    return new EquivarianceRun({ ...config }, nets, test);
  }

  get step(): number {
    return this.nets.step;
  }

  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }> {
    const r = await this.nets.train(steps);
    this.diverged ||= r.diverged;
    return r;
  }

  private mapsOf(k: number): MapsFn {
    return this.nets.first.maps(EQUIVARIANCE_NETS[k]) as MapsFn;
  }

  evaluate(): EquivarianceMetrics {
    const t0 = performance.now();
    const images = Math.max(MEASURE_BATCH, Math.min(this.test.n, Math.round(this.config.images)));
    const fill: ShiftFill = this.config.wrap ? 'wrap' : 'zero';
    const key = `${this.nets.step}|${fill}|${images}`;
    if (this.sums?.key !== key) this.sums = { key, nets: EQUIVARIANCE_NETS.map((_, k) => new GridSums(this.mapsOf(k), this.test, images, fill)) };
    const still = this.seenStep === this.nets.step;
    this.seenStep = this.nets.step;
    const sums = this.sums.nets;
    if (still) {
      // Round-robin over the three nets, so their grids fill in together.
      let turn = 0;
      within(GRID_BUDGET_MS, () => {
        for (let i = 0; i < sums.length; i++) {
          const next = sums[(turn + i) % sums.length];
          if (next.complete) continue;
          next.advance(this.moved);
          turn = (turn + i + 1) % sums.length;
          break;
        }
        return sums.some((g) => !g.complete);
      });
    }
    const done = Math.min(...sums.map((s) => s.done));
    return {
      step: this.nets.step,
      total: this.nets.total,
      training: this.nets.training,
      loss: this.nets.sets[0].lastLoss,
      nets: [...EQUIVARIANCE_NETS],
      labels: EQUIVARIANCE_NETS.map((id) => NETS[id].label),
      grids: sums.map((s) => s.grid()),
      images,
      done,
      pending: done < images,
      wrap: fill === 'wrap',
      detail: this.detail(fill),
      ms: performance.now() - t0,
      diverged: this.diverged,
    };
  }

  /** The close-up: one test digit's map at one layer, shifted vs as it should move. */
  private detail(fill: ShiftFill): MapDetail | null {
    const { detailNet = 0, detailLayer = 1, detailShift = 1, detailDigit = 0 } = this.config;
    const k = Math.max(0, Math.min(EQUIVARIANCE_NETS.length - 1, Math.round(detailNet)));
    const i = Math.max(0, Math.min(this.test.n - 1, Math.round(detailDigit)));
    const s = Math.max(0, Math.min(6, Math.round(detailShift)));
    const x = this.test.x.slice(i * PIXELS, (i + 1) * PIXELS);
    const maps = this.mapsOf(k);
    const base = maps(x, 1).map((m) => ({ ...m, data: m.data.slice() }));
    const moved = maps(shiftImages(x, 1, SIDE, s, 0, fill), 1);
    const l = Math.max(0, Math.min(base.length - 1, Math.round(detailLayer)));
    return expectedMap(base[l], moved[l], s, { net: k, layer: l, shift: s, digit: i, image: Array.from(shiftImages(x, 1, SIDE, s, 0, fill)) });
  }

  update(partial: Partial<EquivarianceConfig>): void {
    for (const key of EQUIVARIANCE_LIVE_KEYS) if (key in partial) (this.config as unknown as Record<string, unknown>)[key] = partial[key];
  }

  memory(): { arrays: number; bytes: number } {
    return this.nets.memory();
  }

  dispose(): void {
    this.nets.dispose();
  }
}

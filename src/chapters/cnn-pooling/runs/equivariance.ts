/**
 * Where invariance breaks (live run): for the max-pool, MaxBlurPool and global-average CNNs, the
 * per-layer equivariance error (src/lib/invariance/equivariance.ts) as a grid of layers × horizontal
 * shifts 0…6 px, over the first `images` test digits: a conv layer keeps it near 0 (convolution
 * commutes with shifts), a strided pool raises it at odd shifts, the flatten head hands the raised
 * error on, and the global average brings it back down. Shipped weights, or the three nets trained
 * here from the run's seed.
 */
import type { ByteSource } from '../../../lib/data';
import type { ShiftFill } from '../../../lib/data/shift';
import { equivarianceErrors, type EquivarianceGrid } from '../../../lib/invariance/equivariance';
import { firstImages, SIDE, type LabeledImages } from '../data';
import type { NetSet } from '../net-set';
import { NETS, type NetId } from '../nets';
import { openDigits, openNets, type RunBase } from './nets-for-run';

export const EQUIVARIANCE_NETS: readonly NetId[] = ['max', 'blur', 'gap'];
export const EQUIVARIANCE_SHIFTS = [0, 1, 2, 3, 4, 5, 6];

export interface EquivarianceConfig extends RunBase {
  /** Test digits averaged over. */
  images: number;
  wrap: boolean;
}

export const EQUIVARIANCE_DEFAULTS: EquivarianceConfig = { seed: 1, weights: 'pretrained', images: 200, wrap: false };
export const EQUIVARIANCE_LIVE_KEYS: readonly (keyof EquivarianceConfig)[] = ['images', 'wrap'];

export interface EquivarianceMetrics {
  step: number;
  nets: NetId[];
  labels: string[];
  /** One grid per net: error[layer][shift]. */
  grids: EquivarianceGrid[];
  images: number;
  ms: number;
  diverged: boolean;
}

export class EquivarianceRun {
  private diverged = false;
  private cache: { key: string; grids: EquivarianceGrid[] } | null = null;

  private constructor(
    readonly config: EquivarianceConfig,
    private readonly nets: NetSet,
    private readonly test: LabeledImages,
  ) {}

  static async create(config: EquivarianceConfig, source: ByteSource, models: ByteSource): Promise<EquivarianceRun> {
    const { train, test } = await openDigits(config, source);
    return new EquivarianceRun({ ...config }, await openNets('digits', EQUIVARIANCE_NETS, config, train, models), test);
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

  evaluate(): EquivarianceMetrics {
    const t0 = performance.now();
    const images = Math.max(1, Math.min(this.test.n, Math.round(this.config.images)));
    const fill: ShiftFill = this.config.wrap ? 'wrap' : 'zero';
    const key = `${this.nets.step}|${fill}|${images}`;
    if (this.cache?.key !== key) {
      const set = firstImages(this.test, images);
      const grids = EQUIVARIANCE_NETS.map((id) => equivarianceErrors(this.nets.maps(id)!, set.x, set.n, SIDE, EQUIVARIANCE_SHIFTS, fill));
      this.cache = { key, grids };
    }
    return {
      step: this.nets.step,
      nets: [...EQUIVARIANCE_NETS],
      labels: EQUIVARIANCE_NETS.map((id) => NETS[id].label),
      grids: this.cache.grids.map((g) => ({ layers: [...g.layers], shifts: [...g.shifts], error: g.error.map((r) => r.slice()) })),
      images,
      ms: performance.now() - t0,
      diverged: this.diverged,
    };
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

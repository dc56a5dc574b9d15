/**
 * From a loaded ImageDataset to training batches: seeded, nested subsets of a split; an epoch-wise
 * shuffling sampler over a pool of indices; and the conversion of chosen examples into tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import type { ImageDataset } from './datasets';

/** grey level -> [0, 1], exact at both ends. */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * The examples at `indices` as x: float32 [k, rows*cols] in [0, 1] and y: one-hot float32
 * [k, classNames.length]. Both are built as typed arrays and made with one tf.tensor2d each, so the
 * call creates exactly these two tensors; the caller owns and disposes them.
 */
export function toTensors(ds: ImageDataset, indices: ArrayLike<number>): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const k = indices.length;
  const d = ds.rows * ds.cols;
  const classes = ds.classNames.length;
  const x = new Float32Array(k * d);
  const y = new Float32Array(k * classes);
  for (let i = 0; i < k; i++) {
    const idx = indices[i];
    if (!Number.isInteger(idx) || idx < 0 || idx >= ds.n) {
      throw new RangeError(`toTensors: index ${idx} is outside ${ds.name} ${ds.split} (n = ${ds.n})`);
    }
    const start = idx * d;
    for (let j = 0; j < d; j++) x[i * d + j] = UNIT[ds.images[start + j]];
    y[i * classes + ds.labels[idx]] = 1;
  }
  return { x: tf.tensor2d(x, [k, d], 'float32'), y: tf.tensor2d(y, [k, classes], 'float32') };
}

/**
 * `size` distinct indices of 0..n-1: the first `size` entries of rng.permutation(n). For a fresh rng
 * of the same seed, smaller subsets are prefixes of larger ones (the 500-subset lies inside the
 * 1000-subset), so a "more data" slider only ever adds examples.
 */
export function subsetIndices(n: number, size: number, rng: Rng): Int32Array {
  if (!Number.isInteger(size) || size < 0 || size > n) {
    throw new RangeError(`subsetIndices: size ${size} must be an integer in 0..${n}`);
  }
  return rng.permutation(n).slice(0, size);
}

/**
 * Mini-batches drawn without replacement from `pool` (indices into a dataset), epoch by epoch.
 *
 * Each epoch visits every pool entry exactly once, in an order reshuffled with `rng` at the start of
 * the epoch (the first epoch is shuffled too; the caller's pool is never modified). Batches never
 * straddle two epochs: the last batch of an epoch holds the remainder and may be shorter than
 * batchSize, and a batchSize larger than the pool gives the whole (shuffled) pool as each batch.
 * The same pool, batch sizes and rng seed give the same batches everywhere.
 */
export class BatchSampler {
  private readonly order: Int32Array;
  private readonly rng: Rng;
  private size: number;
  private cursor = 0;
  private completed = 0;

  constructor(pool: Int32Array, batchSize: number, rng: Rng) {
    if (pool.length === 0) throw new RangeError('BatchSampler: empty pool');
    this.order = pool.slice();
    this.rng = rng;
    this.size = BatchSampler.check(batchSize);
    rng.shuffle(this.order);
  }

  private static check(batchSize: number): number {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`BatchSampler: batch size ${batchSize} must be a positive integer`);
    }
    return batchSize;
  }

  /** Epochs completed so far: 0 during the first pass, 1 once its last batch has been returned. */
  get epoch(): number {
    return this.completed;
  }

  /** Epochs seen so far, fractional: epoch + share of the current epoch already returned. */
  get progress(): number {
    return this.completed + this.cursor / this.order.length;
  }

  get batchSize(): number {
    return this.size;
  }

  /** Number of pool entries. */
  get poolSize(): number {
    return this.order.length;
  }

  /** Takes effect at the next call of next(); the current epoch goes on where it was. */
  setBatchSize(b: number): void {
    this.size = BatchSampler.check(b);
  }

  /** The next batch of pool entries (a new array the caller may keep). */
  next(): Int32Array {
    const end = Math.min(this.cursor + this.size, this.order.length);
    const batch = this.order.slice(this.cursor, end);
    this.cursor = end;
    if (end === this.order.length) {
      this.completed++;
      this.cursor = 0;
      this.rng.shuffle(this.order);
    }
    return batch;
  }
}

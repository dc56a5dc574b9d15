/**
 * 2×2 max pooling, stride 2, forward and written-out backward, from slice/maximum/concat only (runs
 * on every tfjs backend). The window max is taken in two pairwise steps, rows then columns:
 *   m = max(a, b),   ∂a = ∂m · [a ≥ b],   ∂b = ∂m · [a < b]
 * so the gradient reaches exactly one element of each window (ties go to the top, then the left).
 * Images are rows of a Tensor2D in NHWC order ([n, H·W·C]); H and W must be even.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface PoolShape {
  height: number;
  width: number;
  channels: number;
}

/** What the backward needs: which of each pair won, for the row step and the column step. */
export interface PoolCache {
  rowMask: tf.Tensor2D;
  colMask: tf.Tensor2D;
}

export function pooledSize({ height, width, channels }: PoolShape): number {
  return (height / 2) * (width / 2) * channels;
}

function checkShape({ height, width }: PoolShape): void {
  if (height % 2 !== 0 || width % 2 !== 0) throw new Error(`maxPool2: ${height}×${width} is not divisible by 2`);
}

/** Max of pairs laid side by side: x [m, 2k] → ([m, k], mask [m, k] = 1 where the left one won). */
function pairMax(x: tf.Tensor2D, k: number): { out: tf.Tensor2D; mask: tf.Tensor2D } {
  const a = tf.slice(x, [0, 0], [-1, k]);
  const b = tf.slice(x, [0, k], [-1, k]);
  return { out: tf.maximum(a, b), mask: tf.cast(tf.greaterEqual(a, b), 'float32') };
}

/** Route ∂out [m, k] back to the winner of each pair: → [m, 2k]. */
function pairMaxBackward(dOut: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  return tf.concat([tf.mul(dOut, mask), tf.mul(dOut, tf.sub(1, mask))], 1);
}

/** h [n, H·W·C] → [n, (H/2)·(W/2)·C]. Call inside tf.tidy. */
export function maxPool2(h: tf.Tensor2D, shape: PoolShape): { out: tf.Tensor2D; cache: PoolCache } {
  checkShape(shape);
  const { height, width, channels } = shape;
  const n = h.shape[0];
  // Rows 2i and 2i+1 of an image sit side by side in one row of [n·H/2, 2·W·C].
  const rows = pairMax(tf.reshape(h, [n * (height / 2), 2 * width * channels]), width * channels);
  // Columns 2j and 2j+1 of a row sit side by side in one row of [n·H/2·W/2, 2·C].
  const cols = pairMax(tf.reshape(rows.out, [n * (height / 2) * (width / 2), 2 * channels]), channels);
  return { out: tf.reshape(cols.out, [n, pooledSize(shape)]), cache: { rowMask: rows.mask, colMask: cols.mask } };
}

/** ∂out [n, (H/2)·(W/2)·C] → ∂h [n, H·W·C]. Call inside tf.tidy. */
export function maxPool2Backward(dOut: tf.Tensor2D, cache: PoolCache, shape: PoolShape): tf.Tensor2D {
  const { height, width, channels } = shape;
  const n = dOut.shape[0];
  const dCols = pairMaxBackward(tf.reshape(dOut, [n * (height / 2) * (width / 2), channels]), cache.colMask);
  const dRows = pairMaxBackward(tf.reshape(dCols, [n * (height / 2), width * channels]), cache.rowMask);
  return tf.reshape(dRows, [n, height * width * channels]);
}

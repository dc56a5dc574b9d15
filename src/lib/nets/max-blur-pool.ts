/**
 * MaxBlurPool (Zhang 2019, "Making convolutional networks shift-invariant again"), forward and
 * written-out backward, from slice/maximum/pad/matMul only (runs on every tfjs backend):
 *   1. 2×2 max at stride 1 (valid): m×m → (m−1)×(m−1); pairwise, rows then columns,
 *      ∂ to the winner of each pair (ties: top, then left), summed where windows overlap;
 *   2. blur with b = [1, 2, 1]/4 along each axis (reflect padding 1, as Zhang's code), sampled at
 *      stride 2: a linear map y = B x Bᵀ per channel, B [⌊(a−1)/2⌋+1, a]; its backward is ∂x = Bᵀ ∂y B.
 * Images are rows of a Tensor2D in NHWC order ([n, H·W·C]). Call everything inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PoolShape } from './pool';

export interface MaxBlurCache {
  /** Which of each vertical pair won (1 = the top one) [n, m−1, m·C], then each horizontal pair [n·(m−1), m−1, C]. */
  rowMask: tf.Tensor3D;
  colMask: tf.Tensor3D;
}

/** The blur-and-subsample matrix B [out, size]: row i holds ¼, ½, ¼ at 2i−1, 2i, 2i+1, reflected at the edges. */
export function blurMatrix(size: number): Float32Array {
  if (size < 2) throw new Error(`blurMatrix: a side of ${size} cannot be reflect-padded`);
  const out = Math.floor((size - 1) / 2) + 1;
  const b = new Float32Array(out * size);
  const reflect = (j: number) => (j < 0 ? -j : j >= size ? 2 * (size - 1) - j : j);
  for (let i = 0; i < out; i++) {
    b[i * size + reflect(2 * i - 1)] += 0.25;
    b[i * size + reflect(2 * i)] += 0.5;
    b[i * size + reflect(2 * i + 1)] += 0.25;
  }
  return b;
}

/**
 * y[n, i, j, c] = Σ_{p,q} Bh[i, p] Bw[j, q] x[n, p, q, c] for x [n, H·W·C]; with `transpose`, the
 * adjoint (Bhᵀ, Bwᵀ) from [n, Ho·Wo·C] back to [n, H·W·C]. Two 2-D products with transposes between.
 */
function separable(x: tf.Tensor2D, height: number, width: number, channels: number, bh: tf.Tensor2D, bw: tf.Tensor2D, transpose: boolean): tf.Tensor2D {
  const n = x.shape[0];
  const outH = transpose ? bh.shape[1] : bh.shape[0];
  const outW = transpose ? bw.shape[1] : bw.shape[0];
  let t: tf.Tensor = tf.reshape(tf.transpose(tf.reshape(x, [n, height, width * channels]), [1, 0, 2]), [height, n * width * channels]);
  t = tf.matMul(bh, t as tf.Tensor2D, transpose);
  t = tf.reshape(tf.transpose(tf.reshape(t, [outH, n, width, channels]), [2, 1, 0, 3]), [width, n * outH * channels]);
  t = tf.matMul(bw, t as tf.Tensor2D, transpose);
  return tf.reshape(tf.transpose(tf.reshape(t, [outW, n, outH, channels]), [1, 2, 0, 3]), [n, outH * outW * channels]);
}

const blurTensor = (size: number) => tf.tensor2d(blurMatrix(size), [Math.floor((size - 1) / 2) + 1, size]);

/** Blur and subsample h [n, a·a·C] (a = shape's side) → [n, b·b·C]. */
export function blurDown(h: tf.Tensor2D, shape: PoolShape): tf.Tensor2D {
  return separable(h, shape.height, shape.width, shape.channels, blurTensor(shape.height), blurTensor(shape.width), false);
}

/** ∂h [n, a·a·C] from ∂out [n, b·b·C]: the adjoint of blurDown. */
export function blurDownBackward(dOut: tf.Tensor2D, shape: PoolShape): tf.Tensor2D {
  const bh = blurTensor(shape.height);
  const bw = blurTensor(shape.width);
  return separable(dOut, bh.shape[0], bw.shape[0], shape.channels, bh, bw, true);
}

/** 2×2 max at stride 1: h [n, H·W·C] → [n, (H−1)·(W−1)·C]. */
export function maxPool1(h: tf.Tensor2D, { height, width, channels }: PoolShape): { out: tf.Tensor2D; rowMask: tf.Tensor3D; colMask: tf.Tensor3D } {
  const n = h.shape[0];
  const rows = tf.reshape(h, [n, height, width * channels]);
  const top = tf.slice(rows, [0, 0, 0], [n, height - 1, -1]);
  const bottom = tf.slice(rows, [0, 1, 0], [n, height - 1, -1]);
  const rowMax = tf.reshape(tf.maximum(top, bottom), [n * (height - 1), width, channels]);
  const left = tf.slice(rowMax, [0, 0, 0], [-1, width - 1, channels]);
  const right = tf.slice(rowMax, [0, 1, 0], [-1, width - 1, channels]);
  return {
    out: tf.reshape(tf.maximum(left, right), [n, (height - 1) * (width - 1) * channels]),
    rowMask: tf.cast(tf.greaterEqual(top, bottom), 'float32'),
    colMask: tf.cast(tf.greaterEqual(left, right), 'float32'),
  };
}

/** ∂h [n, H·W·C] from ∂out [n, (H−1)·(W−1)·C]: each pair's gradient to its winner, overlaps summed. */
export function maxPool1Backward(dOut: tf.Tensor2D, rowMask: tf.Tensor3D, colMask: tf.Tensor3D, { height, width, channels }: PoolShape): tf.Tensor2D {
  const n = dOut.shape[0];
  const d = tf.reshape(dOut, [n * (height - 1), width - 1, channels]);
  const dRowMax = tf.add(tf.pad(tf.mul(d, colMask), [[0, 0], [0, 1], [0, 0]]), tf.pad(tf.mul(d, tf.sub(1, colMask)), [[0, 0], [1, 0], [0, 0]]));
  const dr = tf.reshape(dRowMax, [n, height - 1, width * channels]);
  const dh = tf.add(tf.pad(tf.mul(dr, rowMask), [[0, 0], [0, 1], [0, 0]]), tf.pad(tf.mul(dr, tf.sub(1, rowMask)), [[0, 0], [1, 0], [0, 0]]));
  return tf.reshape(dh, [n, height * width * channels]);
}

/** MaxBlurPool of h [n, m·m·C] (shape: the conv output's) → [n, b·b·C], b = ⌊(m−2)/2⌋ + 1. */
export function maxBlurPool(h: tf.Tensor2D, shape: PoolShape): { out: tf.Tensor2D; cache: MaxBlurCache } {
  const { out, rowMask, colMask } = maxPool1(h, shape);
  const mid = { height: shape.height - 1, width: shape.width - 1, channels: shape.channels };
  return { out: blurDown(out, mid), cache: { rowMask, colMask } };
}

export function maxBlurPoolBackward(dOut: tf.Tensor2D, cache: MaxBlurCache, shape: PoolShape): tf.Tensor2D {
  const mid = { height: shape.height - 1, width: shape.width - 1, channels: shape.channels };
  return maxPool1Backward(blurDownBackward(dOut, mid), cache.rowMask, cache.colMask, shape);
}

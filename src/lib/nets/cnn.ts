/**
 * A small convolutional network as an explicit parameter list, a forward pass and a written-out
 * backward pass (no autodiff):
 *   [conv k×k (valid) → ReLU → maxpool 2×2] × L → dense → logits
 * Each conv is im2col + matMul (./im2col.ts) and each pool a pair of pairwise maxima (./pool.ts), so
 * forward and backward run on every tfjs backend, wasm included (whose 4.22 build lacks the conv2d
 * filter gradient). The default, SMALL_CNN, is conv 8@5×5 → pool → conv 16@5×5 → pool → dense 10:
 * 28×28×1 → 24×24×8 → 12×12×8 → 8×8×16 → 4×4×16 = 256 → 10 (5,994 parameters).
 *
 * Shapes: images are rows [n, H·W·C] in NHWC order; conv weights [k·k·Cin, Cout] (patch order
 * (ki, kj, c), i.e. tfjs's conv2d filter [k, k, Cin, Cout] flattened), dense weight [features, classes].
 * Initial weights U(±1/√fanIn) from the seeded Rng, biases zero (as the MLP's default).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { col2im, convGeometry, im2col, type ConvGeometry } from './im2col';
import { maxPool2, maxPool2Backward, type PoolCache, type PoolShape } from './pool';

export interface ConvLayerSpec {
  filters: number;
  kernel: number;
}

export interface CnnSpec {
  /** Square input images of this side (28 for MNIST). */
  imageSize: number;
  inputChannels: number;
  conv: ConvLayerSpec[];
  classes: number;
}

export const SMALL_CNN: CnnSpec = {
  imageSize: 28,
  inputChannels: 1,
  conv: [
    { filters: 8, kernel: 5 },
    { filters: 16, kernel: 5 },
  ],
  classes: 10,
};

/** One conv block's fixed plan: its im2col geometry and the shape it hands to the pool. */
interface BlockPlan {
  geometry: ConvGeometry;
  pool: PoolShape;
}

export interface Cnn {
  spec: CnnSpec;
  convWeights: tf.Variable<tf.Rank.R2>[];
  convBiases: tf.Variable<tf.Rank.R1>[];
  denseWeight: tf.Variable<tf.Rank.R2>;
  denseBias: tf.Variable<tf.Rank.R1>;
  plan: BlockPlan[];
  /** Length of the flattened features entering the dense layer. */
  features: number;
}

interface BlockCache {
  cols: tf.Tensor2D;
  /** Pre-activation [n·P, Cout]. */
  pre: tf.Tensor2D;
  pool: PoolCache;
}

export interface CnnCache {
  blocks: BlockCache[];
  /** Flattened features entering the dense layer [n, features]. */
  features: tf.Tensor2D;
  logits: tf.Tensor2D;
}

export interface CnnGradients {
  /** Same order as cnnParameters(net). */
  params: tf.Tensor[];
  /** ∂L/∂x [n, H·W·C], when asked for. */
  input?: tf.Tensor2D;
}

function planBlocks(spec: CnnSpec): { plan: BlockPlan[]; features: number } {
  let side = spec.imageSize;
  let channels = spec.inputChannels;
  const plan = spec.conv.map(({ filters, kernel }) => {
    const geometry = convGeometry(side, side, channels, kernel);
    const pool = { height: geometry.outHeight, width: geometry.outWidth, channels: filters };
    if (pool.height % 2 !== 0) throw new Error(`CNN: conv output ${pool.height}×${pool.width} cannot be pooled by 2`);
    side = pool.height / 2;
    channels = filters;
    return { geometry, pool };
  });
  return { plan, features: side * side * channels };
}

export function cnnParameterCount(spec: CnnSpec): number {
  const { plan, features } = planBlocks(spec);
  const conv = plan.reduce((s, { geometry, pool }) => s + (geometry.patch + 1) * pool.channels, 0);
  return conv + (features + 1) * spec.classes;
}

export function createCnn(spec: CnnSpec, rng: Rng): Cnn {
  const { plan, features } = planBlocks(spec);
  const draws = plan.map(({ geometry, pool }) => rng.uniformArray(geometry.patch * pool.channels, -1, 1).map((v) => v / Math.sqrt(geometry.patch)));
  const dense = rng.uniformArray(features * spec.classes, -1, 1).map((v) => v / Math.sqrt(features));
  // tidy frees the upload tensors; variables survive it.
  const [convWeights, convBiases, denseWeight, denseBias] = tf.tidy(() => [
    plan.map(({ geometry, pool }, l) => tf.variable(tf.tensor2d(draws[l], [geometry.patch, pool.channels]), true, undefined, 'float32')),
    plan.map(({ pool }) => tf.variable(tf.zeros([pool.channels]), true, undefined, 'float32') as tf.Variable<tf.Rank.R1>),
    tf.variable(tf.tensor2d(dense, [features, spec.classes]), true, undefined, 'float32'),
    tf.variable(tf.zeros([spec.classes]), true, undefined, 'float32') as tf.Variable<tf.Rank.R1>,
  ]) as [tf.Variable<tf.Rank.R2>[], tf.Variable<tf.Rank.R1>[], tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>];
  return { spec, convWeights, convBiases, denseWeight, denseBias, plan, features };
}

export function cnnParameters(net: Cnn): tf.Variable[] {
  return [...net.convWeights.flatMap((w, l) => [w, net.convBiases[l]]), net.denseWeight, net.denseBias];
}

/** Forward pass keeping what the backward needs (call inside tf.tidy). */
export function cnnForward(net: Cnn, x: tf.Tensor2D): CnnCache {
  const n = x.shape[0];
  const blocks: BlockCache[] = [];
  let h = x;
  net.plan.forEach(({ geometry, pool }, l) => {
    const cols = im2col(h, geometry);
    const pre = tf.add(tf.matMul(cols, net.convWeights[l]), net.convBiases[l]) as tf.Tensor2D;
    const post = tf.reshape(tf.relu(pre), [n, geometry.positions * pool.channels]) as tf.Tensor2D;
    const pooled = maxPool2(post, pool);
    blocks.push({ cols, pre, pool: pooled.cache });
    h = pooled.out;
  });
  const logits = tf.add(tf.matMul(h, net.denseWeight), net.denseBias) as tf.Tensor2D;
  return { blocks, features: h, logits };
}

/**
 * The written-out backward from δ = ∂L/∂logits [n, classes]:
 *   dense: ∂W = fᵀδ, ∂b = Σδ, ∂f = δWᵀ;  per block, top down: unpool, ⊙ ReLU′(a), ∂W = colsᵀ∂a,
 *   ∂b = Σ∂a, ∂(input) = col2im(∂a Wᵀ).  The first block's input gradient is computed only if asked.
 * Call inside tf.tidy.
 */
export function cnnBackward(net: Cnn, cache: CnnCache, outputDelta: tf.Tensor2D, wantInput = false): CnnGradients {
  const n = outputDelta.shape[0];
  const denseW = tf.matMul(tf.transpose(cache.features), outputDelta);
  const denseB = tf.sum(outputDelta, 0);
  let upstream = tf.matMul(outputDelta, tf.transpose(net.denseWeight)) as tf.Tensor2D;
  const convGrads: tf.Tensor[][] = new Array(net.plan.length);
  for (let l = net.plan.length - 1; l >= 0; l--) {
    const { geometry, pool } = net.plan[l];
    const block = cache.blocks[l];
    const dPost = tf.reshape(maxPool2Backward(upstream, block.pool, pool), [n * geometry.positions, pool.channels]);
    const dPre = tf.mul(dPost, tf.step(block.pre, 0)) as tf.Tensor2D;
    convGrads[l] = [tf.matMul(tf.transpose(block.cols), dPre), tf.sum(dPre, 0)];
    if (l > 0 || wantInput) upstream = col2im(tf.matMul(dPre, tf.transpose(net.convWeights[l])), geometry);
  }
  return { params: [...convGrads.flat(), denseW, denseB], input: wantInput ? upstream : undefined };
}

export function disposeCnn(net: Cnn): void {
  for (const v of cnnParameters(net)) v.dispose();
}

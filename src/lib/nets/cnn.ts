/**
 * A small convolutional network as an explicit parameter list, a forward pass and a written-out
 * backward pass (no autodiff):
 *   [conv k×k (valid) → ReLU → pool] × L → head → dense → logits
 * Each conv is im2col + matMul (./im2col.ts); the pool is a block's `pool` — 2×2 max at stride 2
 * (./pool.ts, the default), MaxBlurPool (./max-blur-pool.ts) or none — and the head flattens the last
 * map or averages each channel over it (./global-pool.ts); shapes in ./cnn-shapes.ts. Forward and
 * backward run on every tfjs backend, wasm included (whose 4.22 build lacks the conv2d filter
 * gradient). The default, SMALL_CNN, is conv 8@5×5 → pool → conv 16@5×5 → pool → dense 10:
 * 28×28×1 → 24×24×8 → 12×12×8 → 8×8×16 → 4×4×16 = 256 → 10 (5,994 parameters).
 *
 * Shapes: images are rows [n, H·W·C] in NHWC order; conv weights [k·k·Cin, Cout] (patch order
 * (ki, kj, c), i.e. tfjs's conv2d filter [k, k, Cin, Cout] flattened), dense weight [features, classes].
 * Initial weights U(±1/√fanIn) from the seeded Rng, biases zero (as the MLP's default).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { cnnShapes, type HeadKind, type PoolKind } from './cnn-shapes';
import { globalAveragePool, globalAveragePoolBackward } from './global-pool';
import { col2im, convGeometry, im2col, type ConvGeometry } from './im2col';
import { maxBlurPool, maxBlurPoolBackward, type MaxBlurCache } from './max-blur-pool';
import { maxPool2, maxPool2Backward, type PoolCache, type PoolShape } from './pool';

export type { HeadKind, PoolKind } from './cnn-shapes';

export interface ConvLayerSpec {
  filters: number;
  kernel: number;
  /** The pool after this block's ReLU; default 'max' (2×2, stride 2). */
  pool?: PoolKind;
}

export interface CnnSpec {
  /** Square input images of this side (28 for MNIST). */
  imageSize: number;
  inputChannels: number;
  conv: ConvLayerSpec[];
  classes: number;
  /** What the dense layer sees: the flattened last map (default) or its channel means. */
  head?: HeadKind;
  /** Zero border around the input, px per side, before the first conv (default 0). */
  padding?: number;
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

/** One conv block's fixed plan: its im2col geometry, the shape it hands to the pool, the pool and its output side. */
interface BlockPlan {
  geometry: ConvGeometry;
  pool: PoolShape;
  kind: PoolKind;
  outSide: number;
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

type BlockPoolCache = { kind: 'max'; cache: PoolCache } | { kind: 'maxblur'; cache: MaxBlurCache } | { kind: 'none' };

interface BlockCache {
  cols: tf.Tensor2D;
  /** Pre-activation [n·P, Cout]. */
  pre: tf.Tensor2D;
  /** After the ReLU [n, P·Cout] and after the pool [n, outSide²·Cout] (feature maps, NHWC rows). */
  post: tf.Tensor2D;
  out: tf.Tensor2D;
  pool: BlockPoolCache;
}

export interface CnnCache {
  blocks: BlockCache[];
  /** Features entering the dense layer [n, features]: the flattened last map, or its channel means. */
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
  const shapes = cnnShapes(spec);
  const plan = shapes.layers.map((l) => {
    const geometry = convGeometry(l.side, l.side, l.channels, l.kernel);
    return { geometry, pool: { height: l.convSide, width: l.convSide, channels: l.filters }, kind: l.pool, outSide: l.outSide };
  });
  return { plan, features: shapes.features };
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
  const { imageSize: side, inputChannels: channels, padding = 0 } = net.spec;
  let h = padding === 0 ? x : (tf.reshape(tf.pad(tf.reshape(x, [n, side, side, channels]), [[0, 0], [padding, padding], [padding, padding], [0, 0]]), [n, -1]) as tf.Tensor2D);
  net.plan.forEach(({ geometry, pool, kind }, l) => {
    const cols = im2col(h, geometry);
    const pre = tf.add(tf.matMul(cols, net.convWeights[l]), net.convBiases[l]) as tf.Tensor2D;
    const post = tf.reshape(tf.relu(pre), [n, geometry.positions * pool.channels]) as tf.Tensor2D;
    const pooled = poolForward(kind, post, pool);
    blocks.push({ cols, pre, post, out: pooled.out, pool: pooled.cache });
    h = pooled.out;
  });
  const features = headForward(net, h);
  const logits = tf.add(tf.matMul(features, net.denseWeight), net.denseBias) as tf.Tensor2D;
  return { blocks, features, logits };
}

function poolForward(kind: PoolKind, post: tf.Tensor2D, shape: PoolShape): { out: tf.Tensor2D; cache: BlockPoolCache } {
  if (kind === 'none') return { out: post, cache: { kind } };
  if (kind === 'maxblur') {
    const { out, cache } = maxBlurPool(post, shape);
    return { out, cache: { kind, cache } };
  }
  const { out, cache } = maxPool2(post, shape);
  return { out, cache: { kind, cache } };
}

function poolBackward(dOut: tf.Tensor2D, cache: BlockPoolCache, shape: PoolShape): tf.Tensor2D {
  if (cache.kind === 'none') return dOut;
  return cache.kind === 'maxblur' ? maxBlurPoolBackward(dOut, cache.cache, shape) : maxPool2Backward(dOut, cache.cache, shape);
}

/** The last block's positions and channels (what a global-average head averages over). */
function lastMap(net: Cnn): { positions: number; channels: number } {
  const last = net.plan[net.plan.length - 1];
  return { positions: last.outSide * last.outSide, channels: last.pool.channels };
}

function headForward(net: Cnn, h: tf.Tensor2D): tf.Tensor2D {
  if ((net.spec.head ?? 'flatten') === 'flatten') return h;
  const { positions, channels } = lastMap(net);
  return globalAveragePool(h, positions, channels);
}

/**
 * The written-out backward from δ = ∂L/∂logits [n, classes]:
 *   dense: ∂W = fᵀδ, ∂b = Σδ, ∂f = δWᵀ (global-average head: ∂f/P to every position);
 *   per block, top down: the pool's backward, ⊙ ReLU′(a), ∂W = colsᵀ∂a,
 *   ∂b = Σ∂a, ∂(input) = col2im(∂a Wᵀ).  The first block's input gradient is computed only if asked.
 * Call inside tf.tidy.
 */
export function cnnBackward(net: Cnn, cache: CnnCache, outputDelta: tf.Tensor2D, wantInput = false): CnnGradients {
  const n = outputDelta.shape[0];
  const denseW = tf.matMul(tf.transpose(cache.features), outputDelta);
  const denseB = tf.sum(outputDelta, 0);
  let upstream = tf.matMul(outputDelta, tf.transpose(net.denseWeight)) as tf.Tensor2D;
  if ((net.spec.head ?? 'flatten') === 'global-average') {
    const { positions, channels } = lastMap(net);
    upstream = globalAveragePoolBackward(upstream, positions, channels);
  }
  const convGrads: tf.Tensor[][] = new Array(net.plan.length);
  for (let l = net.plan.length - 1; l >= 0; l--) {
    const { geometry, pool } = net.plan[l];
    const block = cache.blocks[l];
    const dPost = tf.reshape(poolBackward(upstream, block.pool, pool), [n * geometry.positions, pool.channels]);
    const dPre = tf.mul(dPost, tf.step(block.pre, 0)) as tf.Tensor2D;
    convGrads[l] = [tf.matMul(tf.transpose(block.cols), dPre), tf.sum(dPre, 0)];
    if (l > 0 || wantInput) upstream = col2im(tf.matMul(dPre, tf.transpose(net.convWeights[l])), geometry);
  }
  const { imageSize: side, inputChannels: channels, padding = 0 } = net.spec;
  if (wantInput && padding > 0) {
    const full = side + 2 * padding;
    upstream = tf.reshape(tf.slice(tf.reshape(upstream, [n, full, full, channels]), [0, padding, padding, 0], [n, side, side, channels]), [n, side * side * channels]);
  }
  return { params: [...convGrads.flat(), denseW, denseB], input: wantInput ? upstream : undefined };
}

export function disposeCnn(net: Cnn): void {
  for (const v of cnnParameters(net)) v.dispose();
}

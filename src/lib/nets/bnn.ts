/**
 * A binarized neural network (Courbariaux, Hubara et al. 2016) in the form Laborieux et al. (2021)
 * make metaplastic: every layer ℓ keeps real "hidden" weights W_hℓ and computes with their signs,
 *
 *   aℓ = hℓ₋₁ · sign(W_hℓ),   zℓ = γℓ (aℓ − μℓ)/√(σℓ² + ε) + βℓ   (batch norm),
 *   hℓ = sign(zℓ) for hidden layers,   logits = z_L   (the last layer is binary weights + BN, no sign).
 *
 * The input x (pixels in [0, 1]) is real; every hidden activation and every weight used is ±1. There
 * are no biases: BN's β plays that part. sign(0) = −1 here (tf.step(t, −1)); it is a measure-zero event.
 *
 * Backward, written out (no tf.grads), with the straight-through estimator:
 *   ∂sign(z)/∂z ≈ 1_{|z|≤1},   ∂W_b/∂W_h = 1 (the binary weights' gradient is applied to W_h, unclipped,
 *   so |W_h| can grow: that growth is what metaplasticity reads as importance),
 *   BN in training mode backpropagates through its batch statistics.
 *
 * Batch norm keeps running statistics (momentum 0.1, unbiased variance, as PyTorch) for evaluation.
 * Its whole state (γ, β, running mean and variance) can be saved and restored: the continual-learning
 * protocol of the paper's permuted-MNIST experiment saves it at the end of each task and restores
 * task t's copy to score task t ("per-task BN"). The binary weights themselves are shared by all tasks.
 *
 * Shapes: W_hℓ [fanIn, fanOut]; γℓ, βℓ and the running statistics [fanOut]; activations [batch, width].
 * Initial W_h ~ U(±initScale), drawn in JavaScript from the seeded Rng (same seed, same network on
 * every backend); γ = 1 (or U(0, 1), see `gammaInit`), β = 0, running mean 0, running variance 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { correctCount, softmaxCrossEntropy, softmaxCrossEntropyGrad } from '../metrics';
import type { Evaluation } from '../metrics';

export interface BnnSpec {
  /** Layer widths, input first: [784, 512, 512, 10]. */
  sizes: number[];
  /** Hidden weights start as U(±initScale). Default 0.1. */
  initScale?: number;
  /** BN ε. Default 1e-5. */
  bnEpsilon?: number;
  /** BN running-statistics momentum. Default 0.1. */
  bnMomentum?: number;
  /**
   * BN scale γ at start: 'ones' (default; PyTorch ≥ 1.2) or 'uniform', γ ~ U(0, 1) drawn from the same
   * Rng after the weights: PyTorch ≤ 1.1's BatchNorm default, the one Laborieux et al.'s code ran on
   * (it pins pytorch 1.1.0).
   */
  gammaInit?: 'ones' | 'uniform';
  /**
   * Which statistics batch norm uses when the network is scored: 'running' (default: the running mean
   * and variance kept during training, PyTorch's eval mode) or 'batch' (the statistics of each scored
   * chunk of `evalBatch` images, as training does: BatchNorm1d with track_running_stats = False, which
   * is what Laborieux et al.'s code runs since its 2023 update; its permuted-MNIST test batches hold
   * 1,000 images). With 'batch' an image's score depends on the other images of its chunk.
   */
  evalStatistics?: 'running' | 'batch';
  /** Images per chunk when `evalStatistics` is 'batch'. Default 1,000. */
  evalBatch?: number;
}

export interface Bnn {
  spec: BnnSpec;
  /** Hidden (real) weights W_hℓ; the network computes with sign(W_hℓ). */
  hidden: tf.Variable<tf.Rank.R2>[];
  gamma: tf.Variable<tf.Rank.R1>[];
  beta: tf.Variable<tf.Rank.R1>[];
  runningMean: tf.Variable<tf.Rank.R1>[];
  runningVar: tf.Variable<tf.Rank.R1>[];
}

/** What a training-mode forward keeps for the written-out backward. */
export interface BnnCache {
  /** inputs[ℓ] = hℓ₋₁ (inputs[0] = x). */
  inputs: tf.Tensor2D[];
  /** binary[ℓ] = sign(W_hℓ). */
  binary: tf.Tensor2D[];
  /** normalised[ℓ] = (aℓ − μℓ)/√(σℓ² + ε). */
  normalised: tf.Tensor2D[];
  /** invStd[ℓ] = 1/√(σℓ² + ε). */
  invStd: tf.Tensor1D[];
  /** z[ℓ] = BN output (the last one is the logits). */
  z: tf.Tensor2D[];
  /** Batch mean and (biased) variance of aℓ; in eval mode the running statistics. */
  batchMean: tf.Tensor1D[];
  batchVar: tf.Tensor1D[];
  logits: tf.Tensor2D;
}

/** A type alias so that it can be returned from tf.tidy. */
export type BnnGradients = {
  hidden: tf.Tensor2D[];
  gamma: tf.Tensor1D[];
  beta: tf.Tensor1D[];
};

/** A saved copy of every layer's BN state (plain arrays: no tensors to dispose). */
export interface BatchNormState {
  gamma: Float32Array[];
  beta: Float32Array[];
  runningMean: Float32Array[];
  runningVar: Float32Array[];
}

const DEFAULT_INIT_SCALE = 0.1;
const DEFAULT_EPSILON = 1e-5;
/** BN running-statistics momentum (PyTorch's default). */
export const DEFAULT_MOMENTUM = 0.1;
const DEFAULT_EVAL_BATCH = 1000;

/** ±1 with sign(0) = −1. */
export function binarize<T extends tf.Tensor>(t: T): T {
  return tf.step(t, -1);
}

export function createBnn(spec: BnnSpec, rng: Rng): Bnn {
  if (spec.sizes.length < 2) throw new Error(`A BNN needs at least two layer sizes, got [${spec.sizes.join(', ')}]`);
  const r = spec.initScale ?? DEFAULT_INIT_SCALE;
  const init = spec.sizes.slice(1).map((fanOut, l) => rng.uniformArray(spec.sizes[l] * fanOut, -r, r));
  const widths = spec.sizes.slice(1);
  const gamma0 = spec.gammaInit === 'uniform' ? widths.map((w) => rng.uniformArray(w, 0, 1)) : null;
  // tidy frees the upload tensors; variables survive it.
  const params = tf.tidy(() => {
    const vec = (value: number, trainable: boolean) => widths.map((w) => tf.variable(tf.fill([w], value), trainable, undefined, 'float32') as tf.Variable<tf.Rank.R1>);
    return {
      hidden: init.map((w, l) => tf.variable(tf.tensor2d(w, [spec.sizes[l], spec.sizes[l + 1]]), true, undefined, 'float32')),
      gamma: gamma0 ? gamma0.map((g) => tf.variable(tf.tensor1d(g), true, undefined, 'float32') as tf.Variable<tf.Rank.R1>) : vec(1, true),
      beta: vec(0, true),
      runningMean: vec(0, false),
      runningVar: vec(1, false),
    };
  });
  return { spec, ...params };
}

/**
 * Forward pass (call inside tf.tidy). 'train' normalises with the batch statistics (and keeps what
 * the backward needs); 'eval' with the running statistics. Neither mode changes the network: the
 * running statistics are updated by `bnnTrainStep`.
 */
export function bnnForward(net: Bnn, x: tf.Tensor2D, mode: 'train' | 'eval'): BnnCache {
  const eps = net.spec.bnEpsilon ?? DEFAULT_EPSILON;
  const last = net.hidden.length - 1;
  const cache: BnnCache = { inputs: [], binary: [], normalised: [], invStd: [], z: [], batchMean: [], batchVar: [], logits: x };
  let h = x;
  for (let l = 0; l <= last; l++) {
    cache.inputs.push(h);
    const wb = binarize(net.hidden[l]);
    cache.binary.push(wb);
    const a = tf.matMul(h, wb);
    let mean: tf.Tensor1D;
    let variance: tf.Tensor1D;
    if (mode === 'train') {
      mean = tf.mean(a, 0);
      variance = tf.mean(tf.square(tf.sub(a, mean)), 0);
    } else {
      mean = net.runningMean[l];
      variance = net.runningVar[l];
    }
    const invStd = tf.rsqrt(tf.add(variance, eps)) as tf.Tensor1D;
    const normalised = tf.mul(tf.sub(a, mean), invStd) as tf.Tensor2D;
    const z = tf.add(tf.mul(normalised, net.gamma[l]), net.beta[l]) as tf.Tensor2D;
    cache.batchMean.push(mean);
    cache.batchVar.push(variance);
    cache.invStd.push(invStd);
    cache.normalised.push(normalised);
    cache.z.push(z);
    h = l === last ? z : binarize(z);
  }
  cache.logits = h;
  return cache;
}

/**
 * The written-out backward of a training-mode forward (call inside tf.tidy), given δ = ∂L/∂logits:
 *   ∂γ = Σ δz ⊙ x̂,  ∂β = Σ δz,  δa = (1/√(σ²+ε)) (δx̂ − mean(δx̂) − x̂ ⊙ mean(δx̂ ⊙ x̂)) with δx̂ = γ δz,
 *   ∂W_h = hℓ₋₁ᵀ δa,  δzℓ₋₁ = (δa · sign(W_h)ᵀ) ⊙ 1_{|zℓ₋₁|≤1}.
 */
export function bnnBackward(net: Bnn, cache: BnnCache, outputDelta: tf.Tensor2D): BnnGradients {
  const layers = net.hidden.length;
  const hidden: tf.Tensor2D[] = new Array(layers);
  const gamma: tf.Tensor1D[] = new Array(layers);
  const beta: tf.Tensor1D[] = new Array(layers);
  let dz = outputDelta;
  for (let l = layers - 1; l >= 0; l--) {
    const xhat = cache.normalised[l];
    gamma[l] = tf.sum(tf.mul(dz, xhat), 0);
    beta[l] = tf.sum(dz, 0);
    const dxhat = tf.mul(dz, net.gamma[l]);
    const centred = tf.sub(tf.sub(dxhat, tf.mean(dxhat, 0)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), 0)));
    const da = tf.mul(centred, cache.invStd[l]) as tf.Tensor2D;
    hidden[l] = tf.matMul(tf.transpose(cache.inputs[l]), da);
    if (l > 0) {
      const dh = tf.matMul(da, tf.transpose(cache.binary[l]));
      const passThrough = tf.cast(tf.lessEqual(tf.abs(cache.z[l - 1]), 1), 'float32');
      dz = tf.mul(dh, passThrough) as tf.Tensor2D;
    }
  }
  return { hidden, gamma, beta };
}

/** Trainable parameters in the order the gradients come: W_h per layer, then γ, then β. */
export function bnnParameters(net: Bnn): tf.Variable[] {
  return [...net.hidden, ...net.gamma, ...net.beta];
}

export function bnnGradientList(grads: BnnGradients): tf.Tensor[] {
  return [...grads.hidden, ...grads.gamma, ...grads.beta];
}

/** Loss, correct count and gradients of one batch (call inside tf.tidy). */
export function bnnComputeGradients(net: Bnn, x: tf.Tensor2D, y: tf.Tensor2D): { loss: tf.Scalar; correct: tf.Scalar; grads: BnnGradients; cache: BnnCache } {
  const cache = bnnForward(net, x, 'train');
  const loss = softmaxCrossEntropy(cache.logits, y);
  const correct = correctCount(cache.logits, y);
  const grads = bnnBackward(net, cache, softmaxCrossEntropyGrad(cache.logits, y));
  return { loss, correct, grads, cache };
}

/**
 * Logits in evaluation mode (call inside tf.tidy): BN with the running statistics, or with x's own
 * statistics when the spec's `evalStatistics` is 'batch' (then x is one scoring chunk).
 */
export function bnnPredict(net: Bnn, x: tf.Tensor2D): tf.Tensor2D {
  return bnnForward(net, x, net.spec.evalStatistics === 'batch' ? 'train' : 'eval').logits;
}

/**
 * Mean loss and accuracy in evaluation mode, in chunks (to bound memory; with 'batch' evaluation
 * statistics each chunk of `evalBatch` images is normalised by its own statistics).
 */
export function bnnEvaluate(net: Bnn, x: tf.Tensor2D, y: tf.Tensor2D, chunk?: number): Evaluation {
  chunk ??= net.spec.evalStatistics === 'batch' ? (net.spec.evalBatch ?? DEFAULT_EVAL_BATCH) : 2000;
  const n = x.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const [l, c] = tf.tidy(() => {
      const logits = bnnPredict(net, tf.slice(x, [start, 0], [size, -1]));
      const ys = tf.slice(y, [start, 0], [size, -1]);
      return [tf.mul(softmaxCrossEntropy(logits, ys), size), correctCount(logits, ys)];
    });
    lossSum += l.dataSync()[0];
    correct += c.dataSync()[0];
    tf.dispose([l, c]);
  }
  return { loss: lossSum / n, accuracy: correct / n };
}

const copy = (vars: tf.Variable[]): Float32Array[] => vars.map((v) => (v.dataSync() as Float32Array).slice());

/** A copy of every layer's BN state (γ, β, running mean, running variance). */
export function saveBatchNorm(net: Bnn): BatchNormState {
  return { gamma: copy(net.gamma), beta: copy(net.beta), runningMean: copy(net.runningMean), runningVar: copy(net.runningVar) };
}

/** Put a saved BN state back (the binary weights are untouched). */
export function restoreBatchNorm(net: Bnn, state: BatchNormState): void {
  tf.tidy(() => {
    (['gamma', 'beta', 'runningMean', 'runningVar'] as const).forEach((key) => {
      net[key].forEach((v, l) => v.assign(tf.tensor1d(state[key][l])));
    });
  });
}

/** Hidden weights, BN state and shapes as plain arrays: for identical-start checks and exports. */
export function readBnn(net: Bnn): { hidden: Float32Array[] } & BatchNormState {
  return { hidden: copy(net.hidden), ...saveBatchNorm(net) };
}

export function disposeBnn(net: Bnn): void {
  tf.dispose([...net.hidden, ...net.gamma, ...net.beta, ...net.runningMean, ...net.runningVar]);
}

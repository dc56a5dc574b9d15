/**
 * A multilayer perceptron as an explicit parameter list and a forward function.
 *
 * Layer ℓ (1-based in the maths, 0-based here): aℓ = hℓ₋₁ Wℓ + bℓ, hℓ = f(aℓ); the last layer is
 * linear (logits). Shapes: Wℓ [fanIn, fanOut], bℓ [fanOut], activations [batch, width].
 * Initial weights are drawn in JavaScript from the seeded Rng and uploaded once, so the same seed
 * gives bit-identical starting networks on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { activate, type Activation } from './activations';

export type Init = 'uniform' | 'he' | 'xavier';

export interface MlpSpec {
  /** Layer widths, input first: [784, 256, 10]. */
  sizes: number[];
  /** Non-linearity of every hidden layer (the output layer is linear). */
  activation: Activation;
  /**
   * 'uniform': W ~ U(±1/√fanIn) (science.md's FA protocol; the default);
   * 'he': W ~ N(0, 2/fanIn); 'xavier': W ~ U(±√(6/(fanIn+fanOut))). Biases start at zero.
   */
  init?: Init;
  /**
   * Replaces the default scale of `init`, same family: the bound of 'uniform' and 'xavier'
   * (W ~ U(±initScale)), the standard deviation of 'he' (W ~ N(0, initScale²)). E.g. Lillicrap's
   * linear task: 'uniform' with 0.01; forward-forward: 'he' with 1.41.
   */
  initScale?: number;
}

export interface Mlp {
  spec: MlpSpec;
  weights: tf.Variable<tf.Rank.R2>[];
  biases: tf.Variable<tf.Rank.R1>[];
}

/** What the forward pass keeps for a written-out backward: per layer its input, pre- and post-activation. */
export interface ForwardCache {
  /** inputs[ℓ] = hℓ₋₁, the input of layer ℓ (inputs[0] is x). */
  inputs: tf.Tensor2D[];
  /** pre[ℓ] = aℓ. */
  pre: tf.Tensor2D[];
  /** post[ℓ] = f(aℓ) for hidden layers; for the last layer the logits (= pre). */
  post: tf.Tensor2D[];
  logits: tf.Tensor2D;
}

export function layerCount(net: Mlp): number {
  return net.weights.length;
}

export function initialWeights(spec: MlpSpec, rng: Rng): { weights: Float32Array[]; biases: Float32Array[] } {
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l < spec.sizes.length - 1; l++) {
    const fanIn = spec.sizes[l];
    const fanOut = spec.sizes[l + 1];
    const n = fanIn * fanOut;
    switch (spec.init ?? 'uniform') {
      case 'uniform': {
        const r = spec.initScale ?? 1 / Math.sqrt(fanIn);
        weights.push(rng.uniformArray(n, -r, r));
        break;
      }
      case 'he':
        weights.push(rng.normalArray(n, 0, spec.initScale ?? Math.sqrt(2 / fanIn)));
        break;
      case 'xavier': {
        const r = spec.initScale ?? Math.sqrt(6 / (fanIn + fanOut));
        weights.push(rng.uniformArray(n, -r, r));
        break;
      }
    }
    biases.push(new Float32Array(fanOut));
  }
  return { weights, biases };
}

export function createMlp(spec: MlpSpec, rng: Rng): Mlp {
  if (spec.sizes.length < 2) throw new Error(`An MLP needs at least two layer sizes, got [${spec.sizes.join(', ')}]`);
  const init = initialWeights(spec, rng);
  // tidy frees the upload tensors; variables survive it.
  const { weights, biases } = tf.tidy(() => ({
    weights: init.weights.map((w, l) => tf.variable(tf.tensor2d(w, [spec.sizes[l], spec.sizes[l + 1]]), true, undefined, 'float32')),
    biases: init.biases.map((b) => tf.variable(tf.tensor1d(b), true, undefined, 'float32')),
  }));
  return { spec, weights, biases };
}

/** Forward pass keeping every intermediate (call inside tf.tidy). */
export function forward(net: Mlp, x: tf.Tensor2D): ForwardCache {
  const inputs: tf.Tensor2D[] = [];
  const pre: tf.Tensor2D[] = [];
  const post: tf.Tensor2D[] = [];
  let h = x;
  const last = net.weights.length - 1;
  for (let l = 0; l <= last; l++) {
    inputs.push(h);
    const a = tf.add(tf.matMul(h, net.weights[l]), net.biases[l]) as tf.Tensor2D;
    pre.push(a);
    h = l === last ? a : activate(net.spec.activation, a);
    post.push(h);
  }
  return { inputs, pre, post, logits: h };
}

/** Logits only (call inside tf.tidy). */
export function predict(net: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  return forward(net, x).logits;
}

/** A copy of every parameter as Float32Arrays: for identical-start checks and exports. */
export function readParameters(net: Mlp): { weights: Float32Array[]; biases: Float32Array[] } {
  return {
    weights: net.weights.map((w) => w.dataSync() as Float32Array).map((a) => a.slice()),
    biases: net.biases.map((b) => b.dataSync() as Float32Array).map((a) => a.slice()),
  };
}

export function parameters(net: Mlp): tf.Variable[] {
  return [...net.weights, ...net.biases];
}

export function disposeMlp(net: Mlp): void {
  for (const v of parameters(net)) v.dispose();
}

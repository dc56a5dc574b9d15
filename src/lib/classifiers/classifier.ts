/**
 * One face for every image classifier the attacks meet (softmax regression, MLP, CNN):
 *   logits(x)                 x [n, 784] in [0, 1] → z [n, 10]
 *   inputGradient(x, y, t?)   ∂J/∂x [n, 784], row by row, written out through the layers
 *   lossAndGradients(x, y)    mean cross-entropy and ∂L/∂θ for every parameter (for training)
 * The attacks (src/lib/attacks) and adversarial training use only this face, so each runs on each model.
 *
 * The input gradient is per example: row i is ∂Jᵢ/∂xᵢ with Jᵢ = CE(softmax(zᵢ), yᵢ) (not divided by
 * n). With a target t (one-hot), Jᵢ = −CE(softmax(zᵢ), tᵢ) instead, so that ascending J always moves
 * towards the attacker's goal: away from the true class, or towards the target class.
 * For the MLP, δ at the output is (softmax(z) − y), carried down by δℓ₋₁ = (δℓ Wℓᵀ) ⊙ f′(aℓ₋₁) and
 * at the input ∂J/∂x = δ₁ W₁ᵀ; for the CNN see ./cnn.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { backprop } from '../rules/feedback';
import { computeGradients } from '../train/trainer';
import { correctCount } from '../metrics';
import { derivative } from '../nets/activations';
import { SMALL_CNN, cnnBackward, cnnForward, cnnParameters, createCnn, disposeCnn, type Cnn, type CnnSpec } from '../nets/cnn';
import { createMlp, disposeMlp, forward, parameters, type Mlp, type MlpSpec } from '../nets/mlp';
import { softmaxRegressionSpec } from '../nets/softmax';

export type ModelKind = 'softmax' | 'mlp' | 'cnn';
export const MODEL_KINDS: readonly ModelKind[] = ['softmax', 'mlp', 'cnn'];

/** Enough to rebuild a model's parameter list (the pretrained manifests store it). */
export type Architecture = { kind: 'softmax' | 'mlp'; spec: MlpSpec } | { kind: 'cnn'; spec: CnnSpec };

export interface Classifier {
  readonly architecture: Architecture;
  readonly kind: ModelKind;
  readonly inputSize: number;
  readonly classes: number;
  /** Logits [n, classes] of images x [n, inputSize]. Call inside tf.tidy. */
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** ∂J/∂x [n, inputSize], per row (see the file comment for J, with and without target). Call inside tf.tidy. */
  inputGradient(x: tf.Tensor2D, y: tf.Tensor2D, target?: tf.Tensor2D): tf.Tensor2D;
  /** Mean cross-entropy and its gradient for every parameter, in parameters() order. Call inside tf.tidy. */
  lossAndGradients(x: tf.Tensor2D, y: tf.Tensor2D): { loss: tf.Scalar; grads: tf.Tensor[] };
  parameters(): tf.Variable[];
  dispose(): void;
}

/** The chapter's MLP (science.md): 784-256-256-10, ReLU. */
export const MLP_SPEC: MlpSpec = { sizes: [784, 256, 256, 10], activation: 'relu', init: 'uniform' };

/**
 * Per-row ∂J/∂z: softmax(z) − y (J = CE of the true labels), or t − softmax(z) (J = −CE of the
 * target). Call inside tf.tidy.
 */
export function attackOutputDelta(logits: tf.Tensor2D, y: tf.Tensor2D, target?: tf.Tensor2D): tf.Tensor2D {
  const p = tf.softmax(logits);
  return target ? tf.sub(target, p) : tf.sub(p, y);
}

export function mlpClassifier(net: Mlp, kind: 'softmax' | 'mlp' = net.spec.sizes.length === 2 ? 'softmax' : 'mlp'): Classifier {
  const sizes = net.spec.sizes;
  return {
    architecture: { kind, spec: net.spec },
    kind,
    inputSize: sizes[0],
    classes: sizes[sizes.length - 1],
    logits: (x) => forward(net, x).logits,
    inputGradient(x, y, target) {
      const cache = forward(net, x);
      let delta = attackOutputDelta(cache.logits, y, target);
      for (let l = net.weights.length - 1; l >= 1; l--) {
        const signal = tf.matMul(delta, tf.transpose(net.weights[l]));
        delta = tf.mul(signal, derivative(net.spec.activation, cache.pre[l - 1], cache.post[l - 1]));
      }
      return tf.matMul(delta, tf.transpose(net.weights[0]));
    },
    lossAndGradients(x, y) {
      const { loss, grads } = computeGradients(net, backprop, null, x, y);
      return { loss, grads: [...grads.weights, ...grads.biases] };
    },
    parameters: () => parameters(net),
    dispose: () => disposeMlp(net),
  };
}

export function cnnClassifier(net: Cnn): Classifier {
  const { spec } = net;
  return {
    architecture: { kind: 'cnn', spec },
    kind: 'cnn',
    inputSize: spec.imageSize * spec.imageSize * spec.inputChannels,
    classes: spec.classes,
    logits: (x) => cnnForward(net, x).logits,
    inputGradient(x, y, target) {
      const cache = cnnForward(net, x);
      return cnnBackward(net, cache, attackOutputDelta(cache.logits, y, target), true).input as tf.Tensor2D;
    },
    lossAndGradients(x, y) {
      const cache = cnnForward(net, x);
      const loss = tf.neg(tf.mean(tf.sum(tf.mul(y, tf.logSoftmax(cache.logits)), 1))) as tf.Scalar;
      const delta = tf.div(tf.sub(tf.softmax(cache.logits), y), x.shape[0]) as tf.Tensor2D;
      return { loss, grads: cnnBackward(net, cache, delta).params };
    },
    parameters: () => cnnParameters(net),
    dispose: () => disposeCnn(net),
  };
}

/** A fresh model of an architecture, initial weights from `rng`. */
export function createClassifier(architecture: Architecture, rng: Rng): Classifier {
  return architecture.kind === 'cnn' ? cnnClassifier(createCnn(architecture.spec, rng)) : mlpClassifier(createMlp(architecture.spec, rng), architecture.kind);
}

/** The architecture of each kind as the chapter uses it. */
export function defaultArchitecture(kind: ModelKind): Architecture {
  if (kind === 'cnn') return { kind, spec: SMALL_CNN };
  return { kind, spec: kind === 'softmax' ? softmaxRegressionSpec() : MLP_SPEC };
}

/** Class probabilities [n, classes]. Call inside tf.tidy. */
export function probabilities(model: Classifier, x: tf.Tensor2D): tf.Tensor2D {
  return tf.softmax(model.logits(x));
}

/** Share of rows of x whose argmax logit is the one-hot label, in chunks to bound memory. */
export function accuracy(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, chunk = 1000): number {
  const n = x.shape[0];
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const c = tf.tidy(() => correctCount(model.logits(tf.slice(x, [start, 0], [size, -1])), tf.slice(y, [start, 0], [size, -1])));
    correct += c.dataSync()[0];
    c.dispose();
  }
  return n === 0 ? NaN : correct / n;
}

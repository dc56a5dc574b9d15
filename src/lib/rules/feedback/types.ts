/**
 * A learning rule is the piece of the backward pass that carries the error from layer ℓ+1 down to
 * layer ℓ. Backprop uses the transpose of the forward weights; feedback alignment a fixed random
 * matrix; direct feedback alignment the output error itself. Everything else (the local gradient
 * δℓ hℓ₋₁ᵀ, the optimizer) is shared by `backward` in ./backward.ts, so paired runs differ only in
 * the rule.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import type { ForwardCache, Mlp } from '../../nets/mlp';

export interface BackwardContext {
  net: Mlp;
  cache: ForwardCache;
  /** ∂L/∂z at the output (for softmax cross-entropy: (softmax(z) − y) / n). */
  outputDelta: tf.Tensor2D;
}

export interface LearningRule<S = unknown> {
  /** Registry key, e.g. 'backprop'. */
  name: string;
  /** Human label, e.g. 'Backprop'. */
  label: string;
  /** Make the rule's own state (e.g. fixed feedback matrices) from a seeded Rng. */
  init(net: Mlp, rng: Rng): S;
  /**
   * The error signal reaching the OUTPUT of hidden layer `layer` (before ⊙ f′(a)), given δ of the
   * layer above (`deltaAbove`, shape [batch, width of layer+1]). Shape: [batch, width of layer].
   */
  feedback(layer: number, deltaAbove: tf.Tensor2D, ctx: BackwardContext, state: S): tf.Tensor2D;
  /** Free the state's tensors. */
  dispose(state: S): void;
}

/** A type alias, not an interface, so that it is a tf.TensorContainer and can be returned from tf.tidy. */
export type Gradients = {
  weights: tf.Tensor2D[];
  biases: tf.Tensor1D[];
  /** δℓ = ∂L/∂aℓ as the rule computed it, per layer (the last is the output delta). */
  deltas: tf.Tensor2D[];
};

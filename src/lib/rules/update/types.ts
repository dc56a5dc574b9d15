/**
 * An update rule turns a gradient into a change of the weights: θ ← U(θ, ∇L). SGD and Adam,
 * metaplastic Adam, and mirror descent (exponentiated gradient, EG±, p-norm) are members of one
 * family registered by name in ./index.ts, so a run can swap the geometry of learning while the
 * backward pass (the feedback rule) stays the same.
 *
 * apply(params, grads) updates every variable in place from its gradient (same order), inside tf.tidy,
 * and disposes nothing it was given. State (if any) lives in tf.Variables freed by dispose().
 */
import type * as tf from '@tensorflow/tfjs-core';

export interface UpdateRule {
  readonly kind: string;
  learningRate: number;
  apply(params: tf.Variable[], grads: tf.Tensor[]): void;
  dispose(): void;
}

/**
 * An update rule turns a gradient into a change of the weights: θ ← U(θ, ∇L). The shape is optim.ts's
 * Optimizer, generalised to any rule kind (SGD and Adam there; mirror descent here), so a run can swap
 * the geometry of learning while the backward pass stays the same.
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

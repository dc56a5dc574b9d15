/**
 * Feedback alignment: δℓ = (Bℓ₊₁ δℓ₊₁) ⊙ f′(aℓ), Bℓ₊₁ fixed and random  (Lillicrap, Cownden, Tweed &
 * Akerman 2016, Nat. Commun. 7:13276).
 *
 * Backprop with the transpose Wℓ₊₁ᵀ replaced by a fixed random matrix of the same shape. In row form
 * (activations [batch, width]): signal = δℓ₊₁ · Bℓ₊₁ with Bℓ₊₁ [width ℓ+1, width ℓ], like Wℓ₊₁ᵀ.
 * B ~ U(±scale) or N(0, scale²), drawn in JavaScript from the rule's Rng (so every backend gets the
 * same matrices); default scale 1/√(width of layer ℓ+1), e.g. U(±1/√10) under a 10-way output.
 * State: one non-trainable tf.Variable per hidden layer; dispose() frees them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import type { LearningRule } from './types';

export type FeedbackDistribution = 'uniform' | 'normal';

export interface FeedbackOptions {
  /** Bound of U(±scale), or standard deviation of N(0, scale²). Default 1/√(rows), rows = the width the error comes from. */
  scale?: number;
  /** Default 'uniform'. */
  distribution?: FeedbackDistribution;
}

/** State of FA and DFA: the fixed feedback matrices, matrices[ℓ] for hidden layer ℓ. */
export interface FeedbackState {
  kind: 'fa' | 'dfa';
  matrices: tf.Variable<tf.Rank.R2>[];
}

/** A fixed random [rows, cols] matrix as a non-trainable Variable. Default scale 1/√rows. */
export function randomFeedbackMatrix(rows: number, cols: number, rng: Rng, options: FeedbackOptions = {}): tf.Variable<tf.Rank.R2> {
  const scale = options.scale ?? 1 / Math.sqrt(rows);
  const values =
    (options.distribution ?? 'uniform') === 'uniform' ? rng.uniformArray(rows * cols, -scale, scale) : rng.normalArray(rows * cols, 0, scale);
  return tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, cols]), false));
}

export function disposeFeedback(state: FeedbackState): void {
  state.matrices.forEach((b) => b.dispose());
}

/** A feedback-alignment rule with its own scale and distribution (the registered 'fa' uses the defaults). */
export function feedbackAlignment(options: FeedbackOptions = {}, name = 'fa', label = 'Feedback alignment'): LearningRule<FeedbackState> {
  return {
    name,
    label,
    init(net, rng) {
      const sizes = net.spec.sizes;
      // Hidden layer ℓ (0-based) has width sizes[ℓ + 1]; the layer above it, sizes[ℓ + 2].
      const matrices = Array.from({ length: net.weights.length - 1 }, (_, l) => randomFeedbackMatrix(sizes[l + 2], sizes[l + 1], rng.fork(`B${l}`), options));
      return { kind: 'fa', matrices };
    },
    feedback: (layer, deltaAbove, _ctx, state) => tf.matMul(deltaAbove, state.matrices[layer]),
    dispose: disposeFeedback,
  };
}

export const fa = feedbackAlignment();

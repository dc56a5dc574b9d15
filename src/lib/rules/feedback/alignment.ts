/**
 * How far a rule's teaching signal is from backprop's: angle(δ_rule, δ_BP) = arccos(⟨δ_rule, δ_BP⟩ /
 * ‖δ_rule‖‖δ_BP‖) per hidden layer, on one batch (Lillicrap et al. 2016, Fig. 1c, 2c); and how far the
 * forward weights have turned towards the fixed feedback: angle(Wℓ₊₁, Bℓ₊₁ᵀ). Both return plain
 * numbers in degrees; every tensor they make is freed before they return.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, type Mlp } from '../../nets/mlp';
import { softmaxCrossEntropyGrad } from '../../metrics';
import { backward } from './backward';
import { backprop } from './backprop';
import type { FeedbackState } from './feedback-alignment';
import type { LearningRule } from './types';

export interface AlignmentOptions {
  /** Compare the hidden deltas δℓ (default) or the weight updates ∂Wℓ = hℓ₋₁ᵀ δℓ. */
  of?: 'delta' | 'weights';
  /** The loss whose ∂L/∂z starts the backward: softmax cross-entropy (default) or ½‖z − y‖². */
  loss?: 'softmax-ce' | 'squared-error';
}

const degrees = (cos: number): number => (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;

/** Cosine of two tensors flattened, as a scalar tensor (0 when either is zero). */
function cosineT(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  const fa = tf.reshape(a, [-1]);
  const fb = tf.reshape(b, [-1]);
  return tf.div(tf.sum(tf.mul(fa, fb)), tf.maximum(tf.mul(tf.norm(fa), tf.norm(fb)), 1e-30));
}

/**
 * Per hidden layer ℓ = 0 … L−2, the angle in degrees between the rule's δℓ (or ∂Wℓ) and backprop's on
 * the same batch (x, y) and the same weights. A rule that sends no error (output-only) gives 90°.
 */
export function alignmentAngles<S>(net: Mlp, rule: LearningRule<S>, state: S, x: tf.Tensor2D, y: tf.Tensor2D, options: AlignmentOptions = {}): number[] {
  const cosines = tf.tidy(() => {
    const cache = forward(net, x);
    const outputDelta =
      (options.loss ?? 'softmax-ce') === 'softmax-ce' ? softmaxCrossEntropyGrad(cache.logits, y) : (tf.div(tf.sub(cache.logits, y), x.shape[0]) as tf.Tensor2D);
    const ctx = { net, cache, outputDelta };
    const mine = backward(rule, state, ctx);
    const truth = backward(backprop, null, ctx);
    const hidden = net.weights.length - 1;
    const pick = (g: typeof mine, l: number) => (options.of === 'weights' ? g.weights[l] : g.deltas[l]);
    return tf.stack(Array.from({ length: hidden }, (_, l) => cosineT(pick(mine, l), pick(truth, l))));
  });
  const values = Array.from(cosines.dataSync(), degrees);
  cosines.dispose();
  return values;
}

/**
 * How much the network has come to agree with its fixed feedback, per hidden layer ℓ:
 * FA: angle(Wℓ₊₁, Bℓ₊₁ᵀ); DFA: angle(Wℓ₊₁ ⋯ W_L, Bℓᵀ), the product of the forward weights above ℓ (the
 * linear path from layer ℓ to the output; for one hidden layer simply W_L). Starts near 90° at init.
 */
export function feedbackWeightAngle(net: Mlp, state: FeedbackState): number[] {
  const cosines = tf.tidy(() => {
    const L = net.weights.length;
    return tf.stack(
      state.matrices.map((b, l) => {
        if (state.kind === 'fa') return cosineT(net.weights[l + 1], tf.transpose(b));
        let path: tf.Tensor2D = net.weights[l + 1];
        for (let k = l + 2; k < L; k++) path = tf.matMul(path, net.weights[k]);
        return cosineT(path, tf.transpose(b));
      }),
    );
  });
  const values = Array.from(cosines.dataSync(), degrees);
  cosines.dispose();
  return values;
}

/** True when a rule's state holds fixed feedback matrices (FA, DFA), i.e. feedbackWeightAngle applies. */
export function hasFeedbackMatrices(state: unknown): state is FeedbackState {
  return typeof state === 'object' && state !== null && 'matrices' in state && ((state as FeedbackState).kind === 'fa' || (state as FeedbackState).kind === 'dfa');
}

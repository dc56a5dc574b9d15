/**
 * Metrics shared by every rule: softmax cross-entropy, accuracy, and the angle between two update
 * directions (how far a rule's update is from the true gradient).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Mean softmax cross-entropy −(1/n) Σ yᵢ·log softmax(zᵢ), numerically stable via logSoftmax. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)));
}

/** ∂L/∂z for the mean softmax cross-entropy: (softmax(z) − y) / n. */
export function softmaxCrossEntropyGrad(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Tensor2D {
  return tf.div(tf.sub(tf.softmax(logits), oneHot), logits.shape[0]);
}

/** Number of rows whose argmax matches the one-hot label (a scalar tensor). */
export function correctCount(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(oneHot, 1)), 'float32'));
}

/** Cosine similarity of two tensors of the same size, flattened: ⟨a,b⟩ / (‖a‖‖b‖). */
export function cosine(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const fa = tf.reshape(a, [-1]);
    const fb = tf.reshape(b, [-1]);
    const denom = tf.mul(tf.norm(fa), tf.norm(fb));
    return tf.div(tf.sum(tf.mul(fa, fb)), tf.maximum(denom, 1e-30));
  });
}

/** Angle in degrees between two update directions: arccos(cosine). 90° = unrelated, 0° = same direction. */
export function angleDegrees(a: tf.Tensor, b: tf.Tensor): number {
  const c = tf.tidy(() => cosine(a, b));
  const value = c.dataSync()[0];
  c.dispose();
  return (Math.acos(Math.min(1, Math.max(-1, value))) * 180) / Math.PI;
}

/** A training step's batch metrics, measured before the update. */
export interface StepResult {
  /** Mean cross-entropy of the batch before the update. */
  loss: number;
  /** Batch accuracy before the update, in [0, 1]. */
  accuracy: number;
  /** True when the loss is NaN or infinite: the caller should stop and say so. */
  diverged: boolean;
}

/** Mean loss and accuracy over a set of examples. */
export interface Evaluation {
  loss: number;
  accuracy: number;
}

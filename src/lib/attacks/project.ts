/**
 * The feasible set of every L∞ attack here: the ε-ball around the clean image intersected with the
 * valid pixel range,  Π(x̃) = clip(x̃, max(x − ε, 0), min(x + ε, 1)).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Project x̃ onto {‖x̃ − x‖∞ ≤ ε} ∩ [0, 1]ⁿ. Call inside tf.tidy. */
export function projectLinf(adversarial: tf.Tensor2D, clean: tf.Tensor2D, epsilon: number): tf.Tensor2D {
  const lo = tf.maximum(tf.sub(clean, epsilon), 0);
  const hi = tf.minimum(tf.add(clean, epsilon), 1);
  return tf.minimum(tf.maximum(adversarial, lo), hi);
}

/** The same projection on a plain array (for the black-box attack, which works in JavaScript). */
export function projectLinfArray(adversarial: Float32Array, clean: ArrayLike<number>, epsilon: number): void {
  for (let i = 0; i < adversarial.length; i++) {
    const lo = Math.max(clean[i] - epsilon, 0);
    const hi = Math.min(clean[i] + epsilon, 1);
    adversarial[i] = Math.min(Math.max(adversarial[i], lo), hi);
  }
}

export function checkEpsilon(epsilon: number, who: string): void {
  if (!(epsilon >= 0 && epsilon <= 1)) throw new RangeError(`${who}: epsilon ${epsilon} must lie in [0, 1]`);
}

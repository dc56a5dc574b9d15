/**
 * Exponentiated gradient (sign-preserving): w ← w ⊙ exp(−η sign(w) ⊙ ∇L)
 * (Kivinen & Warmuth 1997, Inf. Comput. 132; the signed form of Pogodin, Cornford et al., ICLR 2024).
 *
 * Mirror descent with the negative entropy φ(w) = Σ |wᵢ| log |wᵢ|: ∇φ(w) = sign(w)(log|w| + 1), so a
 * gradient step in the dual space, ∇φ(w′) = ∇φ(w) − η∇L, is the multiplicative step above. A weight
 * never changes sign (and a weight at exactly 0 stays there); the change it accumulates is additive in
 * log|w|. Locally Δw ≈ −η |w| ∇L: gradient descent with a per-weight step size η|w|. In float32 a
 * factor beyond e^{±88} overflows (Inf) or underflows (w = 0, stuck there): keep η|∇L| moderate.
 *
 * Shapes: any; params[i] and grads[i] share a shape. Stateless; disposes nothing it was given.
 * `exponentiatedGradientStep` is the same update on a Float64Array, in place.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { UpdateRule } from './types';

export function exponentiatedGradient(learningRate: number): UpdateRule {
  return {
    kind: 'eg',
    learningRate,
    apply(params, grads) {
      const eta = this.learningRate;
      tf.tidy(() => {
        params.forEach((p, i) => p.assign(tf.mul(p, tf.exp(tf.mul(tf.mul(tf.sign(p), grads[i]), -eta)))));
      });
    },
    dispose() {},
  };
}

/** w ← w ⊙ exp(−η sign(w) ⊙ g), in place, in Float64. */
export function exponentiatedGradientStep(w: Float64Array, grad: ArrayLike<number>, learningRate: number): void {
  for (let i = 0; i < w.length; i++) w[i] *= Math.exp(-learningRate * Math.sign(w[i]) * grad[i]);
}

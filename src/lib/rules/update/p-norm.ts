/**
 * p-norm mirror descent: ∇φ(w′) = ∇φ(w) − η∇L with φ(w) = (1/p) Σ |wᵢ|ᵖ, ∇φ(w) = sign(w)|w|^{p−1},
 * (∇φ)⁻¹(θ) = sign(θ)|θ|^{1/(p−1)}  (Gentile & Littlestone 1999; Grove, Littlestone & Schuurmans 2001;
 * the potentials of Pogodin, Cornford et al., ICLR 2024). p = 2 is gradient descent.
 *
 * Unlike exponentiated gradient the dual map is defined through zero, so weights may change sign; for
 * p > 2 a small weight moves fast (the local step size is η / ((p−1)|w|^{p−2})).
 *
 * Shapes: any; params[i] and grads[i] share a shape. Stateless; disposes nothing it was given.
 * `pNormStep` is the same update on a Float64Array, in place.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { UpdateRule } from './types';

export interface PNormRule extends UpdateRule {
  readonly p: number;
}

function checkP(p: number): void {
  if (!(p > 1) || !Number.isFinite(p)) throw new RangeError(`p-norm mirror descent: p = ${p} must be a finite number > 1`);
}

export function pNorm(learningRate: number, p: number): PNormRule {
  checkP(p);
  return {
    kind: 'p-norm',
    p,
    learningRate,
    apply(params, grads) {
      const eta = this.learningRate;
      tf.tidy(() => {
        params.forEach((w, i) => {
          const dual = tf.sub(tf.mul(tf.sign(w), tf.pow(tf.abs(w), p - 1)), tf.mul(grads[i], eta));
          w.assign(tf.mul(tf.sign(dual), tf.pow(tf.abs(dual), 1 / (p - 1))));
        });
      });
    },
    dispose() {},
  };
}

/** One p-norm mirror-descent step on a Float64Array, in place. */
export function pNormStep(w: Float64Array, grad: ArrayLike<number>, learningRate: number, p: number): void {
  checkP(p);
  for (let i = 0; i < w.length; i++) {
    const dual = Math.sign(w[i]) * Math.abs(w[i]) ** (p - 1) - learningRate * grad[i];
    w[i] = Math.sign(dual) * Math.abs(dual) ** (1 / (p - 1));
  }
}

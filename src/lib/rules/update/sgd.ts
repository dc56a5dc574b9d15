/**
 * Stochastic gradient descent, θ ← θ − η g: mirror descent with the Euclidean potential ½‖θ‖².
 * Stateless; disposes nothing it was given.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { UpdateRule } from './types';

export function sgd(learningRate: number): UpdateRule {
  return {
    kind: 'sgd',
    learningRate,
    apply(params, grads) {
      tf.tidy(() => {
        params.forEach((p, i) => p.assign(tf.sub(p, tf.mul(grads[i], this.learningRate))));
      });
    },
    dispose() {},
  };
}

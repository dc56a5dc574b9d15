/**
 * Adam (Kingma & Ba 2015): m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η m̂ / (√v̂ + ε).
 * Its moment estimates live in tf.Variables made on the first apply and freed by dispose().
 */
import * as tf from '@tensorflow/tfjs-core';
import type { UpdateRule } from './types';

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export function adam(learningRate: number, { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions = {}): UpdateRule {
  let first: tf.Variable[] | null = null;
  let second: tf.Variable[] | null = null;
  let t = 0;
  return {
    kind: 'adam',
    learningRate,
    apply(params, grads) {
      if (!first || !second) {
        first = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
        second = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
      }
      t += 1;
      const m = first;
      const v = second;
      const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
      // Bias correction folded into the step size; ε scaled to match the textbook form √v̂ + ε.
      const epsHat = epsilon * Math.sqrt(1 - beta2 ** t);
      tf.tidy(() => {
        params.forEach((p, i) => {
          const g = grads[i];
          m[i].assign(tf.add(tf.mul(m[i], beta1), tf.mul(g, 1 - beta1)));
          v[i].assign(tf.add(tf.mul(v[i], beta2), tf.mul(tf.square(g), 1 - beta2)));
          p.assign(tf.sub(p, tf.mul(tf.div(m[i], tf.add(tf.sqrt(v[i]), epsHat)), stepSize)));
        });
      });
    },
    dispose() {
      first?.forEach((x) => x.dispose());
      second?.forEach((x) => x.dispose());
      first = second = null;
      t = 0;
    },
  };
}

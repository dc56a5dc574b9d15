/**
 * Metaplastic Adam (Laborieux, Ernoult, Hirtzlin & Querlioz, Nat. Commun. 2021):
 *   U = m̂/(√v̂ + ε);  W_h ← W_h − η U f_meta(W_h) if U·W_h > 0, else W_h ← W_h − η U;  f_meta(W) = 1 − tanh²(m W).
 *
 * The decrement −ηU moves W_h towards zero (shrinks |W_h|, towards a flip of the binary weight
 * sign(W_h)) exactly when sign(U) = sign(W_h), i.e. U·W_h > 0: those updates are attenuated by
 * f_meta, which is 1 at W_h = 0 and falls towards 0 as |W_h| grows, so a hidden weight that has grown
 * large (a consolidated synapse) is hard to flip. Updates that grow |W_h| pass unattenuated. m = 0
 * gives f_meta ≡ 1: plain Adam, bit for bit (same operations as optim.ts's adam, times an exact 1).
 *
 * Which parameters are metaplastic: rank-2 tensors (the hidden weight matrices), as in the paper's
 * code; rank-1 ones (BN's γ and β, biases) get the plain Adam step. This is an update rule, not a
 * feedback rule: it replaces the last line of Adam, not the backward pass.
 * Its moment estimates live in tf.Variables made on the first apply and freed by dispose().
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdamOptions } from './adam';
import type { UpdateRule } from './types';

export interface MetaplasticAdam extends UpdateRule {
  readonly kind: 'metaplastic-adam';
  /** The metaplasticity strength m (≥ 0); may change between steps. */
  meta: number;
}

/**
 * tanh²(m W) = (1 − 2σ(−2m|W|))², elementwise (call inside tf.tidy). Written with the sigmoid because
 * tfjs-wasm's tanh measured ~10× slower than its sigmoid on a 784×512 matrix; σ(0) = 0.5 exactly,
 * so m = 0 gives exactly 0.
 */
export function tanhSquared<T extends tf.Tensor>(w: T, meta: number): T {
  return tf.square(tf.sub(1, tf.mul(tf.sigmoid(tf.mul(tf.abs(w), -2 * meta)), 2))) as T;
}

/** f_meta(W) = 1 − tanh²(m W), elementwise (call inside tf.tidy). */
export function metaFactor<T extends tf.Tensor>(w: T, meta: number): T {
  return tf.sub(1, tanhSquared(w, meta)) as T;
}

export function metaplasticAdam(learningRate: number, meta: number, { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 }: AdamOptions = {}): MetaplasticAdam {
  if (!(meta >= 0)) throw new RangeError(`metaplasticAdam: meta ${meta} must be ≥ 0`);
  let first: tf.Variable[] | null = null;
  let second: tf.Variable[] | null = null;
  let t = 0;
  return {
    kind: 'metaplastic-adam',
    learningRate,
    meta,
    apply(params, grads) {
      if (!first || !second) {
        first = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
        second = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
      }
      t += 1;
      const m = first;
      const v = second;
      // As optim.ts: bias correction folded into the step size, ε scaled to match √v̂ + ε.
      const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
      const epsHat = epsilon * Math.sqrt(1 - beta2 ** t);
      const strength = this.meta;
      tf.tidy(() => {
        params.forEach((p, i) => {
          const g = grads[i];
          m[i].assign(tf.add(tf.mul(m[i], beta1), tf.mul(g, 1 - beta1)));
          v[i].assign(tf.add(tf.mul(v[i], beta2), tf.mul(tf.square(g), 1 - beta2)));
          let step = tf.mul(tf.div(m[i], tf.add(tf.sqrt(v[i]), epsHat)), stepSize);
          if (p.rank >= 2) {
            // U·W_h > 0 ⇔ m·W_h > 0 (√v̂ + ε > 0): this step would shrink |W_h|. shrinks ∈ {0, 1}, and
            // 1 − shrinks·tanh² is f_meta where the step shrinks |W_h| and exactly 1 elsewhere.
            const shrinks = tf.step(tf.mul(m[i], p), 0);
            step = tf.mul(step, tf.sub(1, tf.mul(shrinks, tanhSquared(p, strength))));
          }
          p.assign(tf.sub(p, step));
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

/**
 * EG± (Kivinen & Warmuth 1997, Inf. Comput. 132, §3): w = U (w⁺ − w⁻) with w⁺, w⁻ ≥ 0 and
 * Σᵢ (w⁺ᵢ + w⁻ᵢ) = 1;  w⁺ ← w⁺ ⊙ e^{−ηU∇L} / Z,  w⁻ ← w⁻ ⊙ e^{+ηU∇L} / Z,  Z = Σ (w⁺e^{−ηU∇L} + w⁻e^{ηU∇L}).
 *
 * Exponentiated gradient on the 2n-vector (w⁺, w⁻) kept on the simplex, seen through the inputs
 * (Ux, −Ux): weights of either sign, total size ‖w‖₁ ≤ U. K&W start at w⁺ = w⁻ = 1/(2n) (w = 0); a
 * non-zero start w with ‖w‖₁ < U is split as w^± = max(±w, 0)/U + (1 − ‖w‖₁/U)/(2n).
 *
 * Each tensor is its own simplex (n = its size). The tfjs rule keeps log w⁺ and log w⁻ in
 * tf.Variables (normalised by log-sum-exp, so large exponents cannot overflow), made on the first
 * apply from the params' values and freed by dispose(); it disposes nothing it was given.
 * `EgPlusMinusVector` is the same update on Float64Arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { UpdateRule } from './types';

export interface EgPlusMinusRule extends UpdateRule {
  /** U, the total weight: w = U (w⁺ − w⁻), ‖w‖₁ ≤ U. */
  readonly total: number;
}

/** The split of a start w (‖w‖₁ < U) into w⁺, w⁻ on the simplex: U(w⁺ − w⁻) = w, Σ(w⁺ + w⁻) = 1. */
export function splitStart(w: ArrayLike<number>, total: number): { plus: Float64Array; minus: Float64Array } {
  if (!(total > 0)) throw new RangeError(`EG±: total weight U = ${total} must be > 0`);
  let l1 = 0;
  for (let i = 0; i < w.length; i++) l1 += Math.abs(w[i]);
  if (!(l1 < total)) throw new RangeError(`EG±: the start's ‖w‖₁ = ${l1} must be < U = ${total}`);
  const slack = (1 - l1 / total) / (2 * w.length);
  const plus = new Float64Array(w.length);
  const minus = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    plus[i] = Math.max(w[i], 0) / total + slack;
    minus[i] = Math.max(-w[i], 0) / total + slack;
  }
  return { plus, minus };
}

export function egPlusMinus(learningRate: number, { total = 1 }: { total?: number } = {}): EgPlusMinusRule {
  if (!(total > 0)) throw new RangeError(`EG±: total weight U = ${total} must be > 0`);
  let logPlus: tf.Variable[] | null = null;
  let logMinus: tf.Variable[] | null = null;
  const start = (params: tf.Variable[]) => {
    const splits = params.map((p) => splitStart(p.dataSync(), total));
    logPlus = splits.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(Float32Array.from(s.plus, Math.log), params[i].shape, 'float32'), false)));
    logMinus = splits.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(Float32Array.from(s.minus, Math.log), params[i].shape, 'float32'), false)));
  };
  return {
    kind: 'eg-plus-minus',
    total,
    learningRate,
    apply(params, grads) {
      if (!logPlus || !logMinus) start(params);
      const lp = logPlus!;
      const lm = logMinus!;
      const scale = this.learningRate * total;
      tf.tidy(() => {
        params.forEach((w, i) => {
          const step = tf.mul(grads[i], scale);
          const plus = tf.reshape(tf.sub(lp[i], step), [-1]);
          const minus = tf.reshape(tf.add(lm[i], step), [-1]);
          const logZ = tf.logSumExp(tf.concat([plus, minus]));
          lp[i].assign(tf.reshape(tf.sub(plus, logZ), w.shape));
          lm[i].assign(tf.reshape(tf.sub(minus, logZ), w.shape));
          w.assign(tf.mul(tf.sub(tf.exp(lp[i]), tf.exp(lm[i])), total));
        });
      });
    },
    dispose() {
      logPlus?.forEach((v) => v.dispose());
      logMinus?.forEach((v) => v.dispose());
      logPlus = logMinus = null;
    },
  };
}

/** EG± on Float64Arrays: the weights w = U(w⁺ − w⁻) of one linear predictor. */
export class EgPlusMinusVector {
  readonly plus: Float64Array;
  readonly minus: Float64Array;
  readonly weights: Float64Array;

  constructor(
    readonly total: number,
    start: ArrayLike<number>,
  ) {
    ({ plus: this.plus, minus: this.minus } = splitStart(start, total));
    this.weights = new Float64Array(start.length);
    this.sync();
  }

  /** Zero start (K&W's w⁺ = w⁻ = 1/(2n)). */
  static zero(n: number, total: number): EgPlusMinusVector {
    return new EgPlusMinusVector(total, new Float64Array(n));
  }

  /** One EG± step with the loss gradient ∂L/∂w. */
  step(grad: ArrayLike<number>, learningRate: number): void {
    const scale = learningRate * this.total;
    let z = 0;
    for (let i = 0; i < this.plus.length; i++) {
      const r = Math.exp(-scale * grad[i]);
      this.plus[i] *= r;
      this.minus[i] /= r;
      z += this.plus[i] + this.minus[i];
    }
    for (let i = 0; i < this.plus.length; i++) {
      this.plus[i] /= z;
      this.minus[i] /= z;
    }
    this.sync();
  }

  private sync(): void {
    for (let i = 0; i < this.weights.length; i++) this.weights[i] = this.total * (this.plus[i] - this.minus[i]);
  }
}

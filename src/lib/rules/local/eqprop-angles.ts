/**
 * How good equilibrium propagation's estimate is (./eqprop.ts): the loss gradient at the free
 * equilibrium by recurrent backprop (Almeida 1987; Pineda 1987) — λ = ∂L/∂s + Jᵀ(σ′ ⊙ λ) by iteration,
 * then ∂L/∂Wℓ = sℓ₋₁ᵀ μℓ + μℓ₋₁ᵀ sℓ with μ = σ′ ⊙ λ — and the angle between it and EP's estimate, at one
 * β or as a curve over β. Every function returns what the caller owns and frees everything else.
 */
import * as tf from '@tensorflow/tfjs-core';
import { eqpropGradients, estimateFromStates, relax, type EqPropNet, type EqPropState, type Nudging, type ParameterGradients } from './eqprop';

/**
 * The true gradient of L = mean_rows ½‖s_L − y‖² (or mean_rows CE(softmax(s_L), y)) at the equilibrium
 * `free` (recurrent backprop: the adjoint λ iterated `steps` times from 0). The β → 0 reference for EP's
 * estimate.
 */
export function recurrentBackpropGradients(net: EqPropNet, x: tf.Tensor2D, y: tf.Tensor2D, free: EqPropState, steps: number): ParameterGradients {
  const L = net.weights.length;
  const n = x.shape[0];
  const ce = net.loss !== 'mse';
  // With a softmax readout, μ of the output is ∂L/∂logits itself: the readout feeds nothing back.
  const readout = net.loss === 'softmax-readout';
  const fixed = tf.tidy(() => ({
    // σ′ at the equilibrium (1 for linear outputs)
    slope: free.map((s, l) => (ce && l === L - 1 ? tf.onesLike(s) : tf.mul(tf.mul(s, tf.sub(1, s)), 4))) as tf.Tensor2D[],
    lossGrad: tf.div(tf.sub(ce ? tf.softmax(free[L - 1]) : free[L - 1], y), n) as tf.Tensor2D,
    backward: net.weights.map((w) => tf.transpose(w)) as tf.Tensor2D[],
  }));
  let mu: tf.Tensor2D[] = free.map((s) => tf.zerosLike(s));
  for (let t = 0; t < steps; t++) {
    const next = tf.tidy(() =>
      free.map((_, l) => {
        let lambda: tf.Tensor2D = l === L - 1 ? fixed.lossGrad : tf.zerosLike(free[l]);
        if (l + 1 < L) lambda = tf.add(lambda, tf.matMul(mu[l + 1], fixed.backward[l + 1]));
        if (l >= 1 && !(readout && l === L - 1)) lambda = tf.add(lambda, tf.matMul(mu[l - 1], net.weights[l]));
        return tf.mul(fixed.slope[l], lambda) as tf.Tensor2D;
      }),
    );
    tf.dispose(mu);
    mu = next;
  }
  const grads = tf.tidy(() => ({
    weights: free.map((s, l) => {
      const g = tf.matMul(tf.transpose(l === 0 ? x : free[l - 1]), mu[l]);
      return (l >= 1 && !(readout && l === L - 1) ? tf.add(g, tf.matMul(tf.transpose(mu[l - 1]), s)) : g) as tf.Tensor2D;
    }),
    biases: mu.map((m) => tf.sum(m, 0)) as tf.Tensor1D[],
  }));
  tf.dispose([...mu, ...fixed.slope, fixed.lossGrad, ...fixed.backward]);
  return grads;
}

/** Angle in degrees between two parameter gradients, all weights and biases flattened together. */
export function gradientAngle(a: ParameterGradients, b: ParameterGradients): number {
  const c = tf.tidy(() => {
    const flat = (g: ParameterGradients) => tf.concat([...g.weights, ...g.biases].map((t) => tf.reshape(t, [-1])));
    const fa = flat(a);
    const fb = flat(b);
    return tf.div(tf.sum(tf.mul(fa, fb)), tf.maximum(tf.mul(tf.norm(fa), tf.norm(fb)), 1e-30));
  });
  const cos = c.dataSync()[0];
  c.dispose();
  return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
}

export function disposeGradients(g: ParameterGradients): void {
  tf.dispose([...g.weights, ...g.biases]);
}

export interface EqPropAngleOptions {
  /** Free-phase steps (default 200: converged, so the reference is the true gradient at a true equilibrium). */
  freeSteps?: number;
  /** Nudged-phase steps (default 200). */
  nudgedSteps?: number;
  /** Adjoint iterations of the reference (default 200). */
  referenceSteps?: number;
  /**
   * Relaxation step ε: s ← s + ε(σ(∂Φ/∂s) − s). Default 0.5: the same equilibria as training's plain
   * iteration (ε = 1), but it also converges under a strong nudge (β ≳ 0.5), where ε = 1 oscillates.
   */
  damping?: number;
}

/** Angle (degrees) between EP's estimate at (β, nudging) and the true gradient (recurrent backprop) on (x, y). */
export function eqpropAngle(net: EqPropNet, x: tf.Tensor2D, y: tf.Tensor2D, beta: number, nudging: Nudging, options: EqPropAngleOptions = {}): number {
  const damping = options.damping ?? 0.5;
  const free = relax(net, x, y, null, options.freeSteps ?? 200, 0, damping);
  const estimate = eqpropGradients(net, x, y, free, beta, nudging, options.nudgedSteps ?? 200, damping);
  const reference = recurrentBackpropGradients(net, x, y, free, options.referenceSteps ?? 200);
  const angle = gradientAngle(estimate, reference);
  disposeGradients(estimate);
  disposeGradients(reference);
  tf.dispose(free);
  return angle;
}

/**
 * eqpropAngle for many β at once, one-sided and symmetric: the free state and the reference are
 * computed once, and each β's +β phase serves both estimates (its −β phase only the symmetric one).
 * Same options and the same numbers as calling eqpropAngle per β and mode. `plusShift[i]` and
 * `minusShift[i]` are how far the ±β phases move the output, mean_rows ‖s_L^(±β) − s_L⁰‖: equal to first
 * order while s^(−β) continues the free state's branch of equilibria. Where −β moves the output several
 * times further than +β, the −β phase has left that branch for another attractor (another answer), and
 * the symmetric estimate's O(β²) expansion no longer applies.
 */
export function eqpropAngleCurve(
  net: EqPropNet,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  betas: readonly number[],
  options: EqPropAngleOptions = {},
): { oneSided: number[]; symmetric: number[]; plusShift: number[]; minusShift: number[] } {
  const damping = options.damping ?? 0.5;
  const nudged = options.nudgedSteps ?? 200;
  const n = x.shape[0];
  const L = net.weights.length;
  const free = relax(net, x, y, null, options.freeSteps ?? 200, 0, damping);
  const reference = recurrentBackpropGradients(net, x, y, free, options.referenceSteps ?? 200);
  const oneSided: number[] = [];
  const symmetric: number[] = [];
  const plusShift: number[] = [];
  const minusShift: number[] = [];
  const shift = (state: EqPropState) => {
    const d = tf.tidy(() => tf.mean(tf.sqrt(tf.sum(tf.square(tf.sub(state[L - 1], free[L - 1])), 1))));
    const v = d.dataSync()[0];
    d.dispose();
    return v;
  };
  for (const beta of betas) {
    if (beta === 0) throw new RangeError('eqpropAngleCurve: β must be non-zero');
    const plus = relax(net, x, y, free, nudged, beta, damping);
    const minus = relax(net, x, y, free, nudged, -beta, damping);
    for (const [upper, lower, scale, out] of [
      [plus, free, -1 / (beta * n), oneSided],
      [plus, minus, -1 / (2 * beta * n), symmetric],
    ] as const) {
      const estimate = estimateFromStates(net, x, y, free, upper, lower, scale);
      out.push(gradientAngle(estimate, reference));
      disposeGradients(estimate);
    }
    plusShift.push(shift(plus));
    minusShift.push(shift(minus));
    tf.dispose([...plus, ...minus]);
  }
  disposeGradients(reference);
  tf.dispose(free);
  return { oneSided, symmetric, plusShift, minusShift };
}

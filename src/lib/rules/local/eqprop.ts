/**
 * Equilibrium propagation: ΔW ∝ (1/β)(∂Φ/∂W(s^β) − ∂Φ/∂W(s⁰)), or (1/2β)(∂Φ/∂W(s^β) − ∂Φ/∂W(s^−β)) when
 * symmetric  (Scellier & Bengio 2017, Front. Comput. Neurosci. 11:24; Laborieux et al. 2021, Front.
 * Neurosci. 15:633674).
 *
 * A layered network with symmetric connections settles to an equilibrium of its primitive function
 *   Φ(x, s) = Σℓ sℓ · (sℓ₋₁ Wℓ + bℓ)      (s₀ = x clamped; rows are examples)
 * by iterating sℓ ← σ(∂Φ/∂sℓ) = σ(sℓ₋₁Wℓ + bℓ + sℓ₊₁Wℓ₊₁ᵀ), all layers at once, from s = 0
 * (the free phase, T1 steps). The nudged phase (T2 steps from the free state) adds β(y − s_L) to the
 * output's drive: Φ − β·½‖s_L − y‖². The update uses only local products ∂Φ/∂Wℓ = sℓ₋₁ᵀ sℓ at the two
 * equilibria. σ(u) = 1/(1 + e^(−4(u − ½))) (Laborieux's "mysig"), σ′ = 4σ(1 − σ).
 *
 * Loss 'cross-entropy' is Laborieux et al.'s other output (their `--loss cel`): the output units are
 * linear (they hold the logits, s_L = ∂Φ/∂s_L) and the nudge is β(y − softmax(s_L)), the descent
 * direction of L = mean_rows CE(softmax(s_L), y). With squared error on sigmoid outputs, −β adds
 * β(s_L − y), a positive feedback on every output unit: past |β| ≈ 0.5 (trained 784-512-10) the branch
 * of −β equilibria that continues the free state folds, and the −β phase lands on another answer's
 * attractor. The softmax bounds the −β term's curvature, which postpones the fold, but the couplings
 * through the hidden layer still bring it below |β| = 1 in a trained 784-512-10 (see eqpropAngleCurve).
 *
 * Loss 'softmax-readout' is their third variant (`--softmax`): the last layer is a readout outside the
 * energy. The hidden layers settle in Φ without it (the top hidden layer s_h gets no feedback from the
 * output), the output holds the logits z = s_h W_L + b_L, L = mean_rows CE(softmax(z), y), and the nudge
 * −β ∂L/∂s_h = β(y − softmax(z))W_Lᵀ acts on s_h: Φ − β·L. The −β phase pushes s_h through a bounded
 * softmax: in a trained 784-512-10 at β = 1 it moves the logits about twice as far as the +β phase (the
 * squared-error −β output moves five times as far), and symmetric nudging stays the better estimator
 * up to β = 1 (see `npm run reproduce -- eqprop`). The readout's
 * own parameters get the plain gradient of L at the free state (a delta rule: s_hᵀ(softmax(z) − y)).
 * With one hidden layer (784-512-10) the free phase is a single feed-forward pass, and only the nudged
 * phases relax (through W_Lᵀ).
 *
 * As β → 0 (and with both phases converged) the estimate equals the gradient of the loss at the free
 * equilibrium, computed here independently by recurrent backprop (Almeida 1987; Pineda 1987): solve
 * λ = ∂L/∂s + Jᵀ(σ′ ⊙ λ) by iteration, then ∂L/∂Wℓ = sℓ₋₁ᵀ μℓ + μℓ₋₁ᵀ sℓ with μ = σ′ ⊙ λ
 * (./eqprop-angles.ts, with the angle between the two).
 *
 * Shapes: x [n, 784], sℓ [n, width ℓ], Wℓ [fanIn, fanOut]. Every function returns tensors the caller
 * owns and frees everything else; the network's Variables are freed by disposeEqPropNet.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import { initialWeights } from '../../nets/mlp';

export interface EqPropNet {
  /** Layer widths, input first: [784, 512, 10]. */
  sizes: number[];
  weights: tf.Variable<tf.Rank.R2>[];
  biases: tf.Variable<tf.Rank.R1>[];
  loss: EqPropLoss;
}

export type Nudging = 'one-sided' | 'symmetric';

/**
 * Squared error on sigmoid outputs (the default), cross-entropy on linear outputs (logits) in the
 * energy, or 'softmax-readout': the last layer is a readout outside the energy (see the header).
 */
export type EqPropLoss = 'mse' | 'cross-entropy' | 'softmax-readout';

/** The neurons of every non-input layer, s[0] … s[L−1] (s[L−1] is the output; the logits with a readout). */
export type EqPropState = tf.Tensor2D[];

/** Weights W ~ U(±1/√fanIn) (PyTorch's nn.Linear default, as in Laborieux's code); biases zero. */
export function createEqPropNet(sizes: number[], rng: Rng, loss: EqPropLoss = 'mse'): EqPropNet {
  const init = initialWeights({ sizes, activation: 'linear', init: 'uniform' }, rng);
  const { weights, biases } = tf.tidy(() => ({
    weights: init.weights.map((w, l) => tf.variable(tf.tensor2d(w, [sizes[l], sizes[l + 1]]))),
    biases: init.biases.map((b) => tf.variable(tf.tensor1d(b))),
  }));
  return { sizes, weights, biases, loss };
}

export function disposeEqPropNet(net: EqPropNet): void {
  [...net.weights, ...net.biases].forEach((v) => v.dispose());
}

export function eqpropActivation(u: tf.Tensor2D): tf.Tensor2D {
  return tf.sigmoid(tf.sub(tf.mul(u, 4), 2));
}

/**
 * `steps` synchronous updates sℓ ← σ(∂Φ_β/∂sℓ) from `start` (zeros when null), nudging the output by
 * β(y − s_L) (cross-entropy: linear outputs, nudged by β(y − softmax(s_L)); softmax readout: the top
 * hidden layer is nudged by β(y − softmax(z))W_Lᵀ and the output is recomputed as the readout z of the
 * updated hidden state). Returns a new state;
 * `start` is left to its owner. `onStep(state, t)` sees the state after each update t = 1…steps (it
 * must copy what it keeps: the state is freed after the call).
 */
export function relax(
  net: EqPropNet,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  start: EqPropState | null,
  steps: number,
  beta: number,
  damping = 1,
  onStep?: (state: EqPropState, t: number) => void,
): EqPropState {
  const L = net.weights.length;
  const n = x.shape[0];
  const readout = net.loss === 'softmax-readout';
  const constants = tf.tidy(() => ({
    drive: tf.add(tf.matMul(x, net.weights[0]), net.biases[0]) as tf.Tensor2D, // the clamped input's push on layer 1
    backward: net.weights.map((w) => tf.transpose(w)) as tf.Tensor2D[],
  }));
  let state: EqPropState = start ?? net.sizes.slice(1).map((w) => tf.zeros([n, w]) as tf.Tensor2D);
  for (let t = 0; t < steps; t++) {
    const next = tf.tidy(() =>
      state.map((_, l) => {
        let u = l === 0 ? constants.drive : (tf.add(tf.matMul(state[l - 1], net.weights[l]), net.biases[l]) as tf.Tensor2D);
        const output = l === L - 1;
        if (readout && output) return u; // replaced below by the readout of the updated hidden state
        if (readout && l === L - 2) {
          // The readout is outside the energy: it feeds nothing back, and the nudge is −β ∂L/∂s_h.
          if (beta !== 0) u = tf.add(u, tf.matMul(tf.mul(tf.sub(y, tf.softmax(state[l + 1])), beta), constants.backward[l + 1]));
        } else if (l < L - 1) u = tf.add(u, tf.matMul(state[l + 1], constants.backward[l + 1]));
        const ce = output && net.loss === 'cross-entropy';
        if (output && beta !== 0) u = tf.add(u, tf.mul(tf.sub(y, ce ? tf.softmax(state[l]) : state[l]), beta));
        const target = ce ? u : eqpropActivation(u);
        return damping === 1 ? target : (tf.add(state[l], tf.mul(tf.sub(target, state[l]), damping)) as tf.Tensor2D);
      }),
    );
    if (readout) {
      const logits = tf.tidy(() => tf.add(tf.matMul(next[L - 2], net.weights[L - 1]), net.biases[L - 1]) as tf.Tensor2D);
      next[L - 1].dispose();
      next[L - 1] = logits;
    }
    if (state !== start) tf.dispose(state);
    state = next;
    onStep?.(state, t + 1);
  }
  tf.dispose([constants.drive, ...constants.backward]);
  return state === start ? state.map((s) => tf.clone(s)) : state;
}

export interface ParameterGradients {
  weights: tf.Tensor2D[];
  biases: tf.Tensor1D[];
}

/** ∂Φ/∂Wℓ = sℓ₋₁ᵀ sℓ and ∂Φ/∂bℓ = Σ_rows sℓ at a state (call inside tf.tidy). */
function phiGradients(x: tf.Tensor2D, state: EqPropState): ParameterGradients {
  return {
    weights: state.map((s, l) => tf.matMul(tf.transpose(l === 0 ? x : state[l - 1]), s)),
    biases: state.map((s) => tf.sum(s, 0)),
  };
}

/**
 * The EP estimate of ∂L/∂θ (a descent direction: θ ← θ − η·estimate), L = mean_rows ½‖s_L − y‖² (or
 * mean_rows CE(softmax(s_L), y); with a readout, its parameters get ∂L/∂θ at the free state), from the free state `free`: one-sided −(∂Φ(s^β) − ∂Φ(s⁰))/(βn) (β may be negative: random sign),
 * symmetric −(∂Φ(s^β) − ∂Φ(s^−β))/(2βn). Runs the nudged phase(s) of `nudgedSteps` steps.
 */
export function eqpropGradients(
  net: EqPropNet,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  free: EqPropState,
  beta: number,
  nudging: Nudging,
  nudgedSteps: number,
  damping = 1,
): ParameterGradients {
  if (beta === 0) throw new RangeError('eqpropGradients: β must be non-zero');
  const n = x.shape[0];
  const plus = relax(net, x, y, free, nudgedSteps, beta, damping);
  const minus = nudging === 'symmetric' ? relax(net, x, y, free, nudgedSteps, -beta, damping) : free;
  const grads = estimateFromStates(net, x, y, free, plus, minus, -1 / ((nudging === 'symmetric' ? 2 * beta : beta) * n));
  tf.dispose(plus);
  if (minus !== free) tf.dispose(minus);
  return grads;
}

/**
 * scale · (∂Φ/∂θ(upper) − ∂Φ/∂θ(lower)): EP's estimate from the two states it contrasts. With a softmax
 * readout, the readout's own parameters are outside Φ and get the plain gradient of L at the free state.
 */
/** The estimate from a free state and two nudged ones, scaled (shared with the angle measurements in ./eqprop-angles.ts). */
export function estimateFromStates(net: EqPropNet, x: tf.Tensor2D, y: tf.Tensor2D, free: EqPropState, upper: EqPropState, lower: EqPropState, scale: number): ParameterGradients {
  return tf.tidy(() => {
    const readout = net.loss === 'softmax-readout';
    const energy = (state: EqPropState) => phiGradients(x, readout ? state.slice(0, -1) : state);
    const a = energy(upper);
    const b = energy(lower);
    const weights = a.weights.map((g, l) => tf.mul(tf.sub(g, b.weights[l]), scale)) as tf.Tensor2D[];
    const biases = a.biases.map((g, l) => tf.mul(tf.sub(g, b.biases[l]), scale)) as tf.Tensor1D[];
    if (readout) {
      const L = free.length;
      const delta = tf.div(tf.sub(tf.softmax(free[L - 1]), y), x.shape[0]) as tf.Tensor2D; // ∂L/∂logits
      weights.push(tf.matMul(tf.transpose(free[L - 2]), delta));
      biases.push(tf.sum(delta, 0));
    }
    return { weights, biases };
  });
}

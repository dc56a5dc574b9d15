/**
 * Float64 oracle of the feedback rules (feedback alignment, direct FA, sign symmetry, output-only, and
 * backprop as FA with B = Wᵀ): the general written-out backward of an MLP with the error signal of
 * each hidden layer given by a feedback function, written without the lib or tfjs (nested loops
 * over number[][]). Test-only.
 */
import type { Mat } from './linear-algebra';
import { activationDerivative, oracleForward, type Act } from './mlp';

/**
 * Float64 oracle of the general written-out backward: δ_L = (softmax(z) − y)/n; δℓ = signalℓ ⊙ f′(aℓ)
 * with signalℓ[r][i] given by `feedback`; ∂Wℓ = hℓ₋₁ᵀ δℓ. Independent of tfjs (nested loops).
 */
export function oracleRuleGrads(W: Mat[], b: Mat, x: Mat, y: Mat, act: Act, feedback: (l: number, deltaAbove: Mat, outputDelta: Mat) => Mat) {
  const { pre, post } = oracleForward(W, b, x, act);
  const n = x.length;
  const L = W.length;
  const outputDelta = post[L - 1].map((z, r) => {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((p, q) => p + q, 0);
    return e.map((v, k) => (v / s - y[r][k]) / n);
  });
  let delta = outputDelta;
  const dW: Mat[] = new Array(L);
  const deltas: Mat[] = new Array(L);
  for (let l = L - 1; l >= 0; l--) {
    deltas[l] = delta;
    const input = l === 0 ? x : post[l - 1];
    dW[l] = W[l].map((_, i) => W[l][0].map((_, j) => input.reduce((s, row, r) => s + row[i] * delta[r][j], 0)));
    if (l > 0) {
      const signal = feedback(l - 1, delta, outputDelta);
      delta = signal.map((row, r) => row.map((v, i) => v * activationDerivative(act, pre[l - 1][r][i])));
    }
  }
  return { dW, deltas };
}

/** row-vector signal = δ · M for M [rows = width above, cols = width below]. */
export const times = (delta: Mat, M: Mat): Mat => delta.map((row) => M[0].map((_, i) => row.reduce((s, v, j) => s + v * M[j][i], 0)));

/** Mᵀ. */
export const transposeRows = (M: Mat): Mat => M[0].map((_, j) => M.map((row) => row[j]));

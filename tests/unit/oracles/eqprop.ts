/**
 * Float64 oracle of equilibrium propagation (Scellier & Bengio 2017) on a layered Hopfield-like net
 * with the steep sigmoid σ(u) = 1/(1 + e^(−4(u − ½))): synchronous relaxation of the states
 * s ← σ(∂Φ_β/∂s) under a nudge β(y − s_L), and ∂Φ/∂W, written without the lib or tfjs (nested loops
 * over number[][]). Test-only.
 */
import type { Mat } from './linear-algebra';

const sigma = (u: number) => 1 / (1 + Math.exp(-4 * (u - 0.5)));

/** Float64 synchronous relaxation s ← σ(∂Φ_β/∂s) of a layered net, from `start` (zeros if null). */
export function oracleRelax(W: Mat[], b: number[][], x: Mat, y: Mat, start: Mat[] | null, steps: number, beta: number): Mat[] {
  const L = W.length;
  let s: Mat[] = start ?? W.map((w) => x.map(() => w[0].map(() => 0)));
  for (let t = 0; t < steps; t++) {
    s = s.map((layer, l) =>
      layer.map((row, r) =>
        row.map((v, j) => {
          const below = l === 0 ? x[r] : s[l - 1][r];
          let u = b[l][j] + below.reduce((acc, a, i) => acc + a * W[l][i][j], 0);
          if (l < L - 1) u += s[l + 1][r].reduce((acc, a, k) => acc + a * W[l + 1][j][k], 0);
          if (l === L - 1) u += beta * (y[r][j] - v);
          return sigma(u);
        }),
      ),
    );
  }
  return s;
}

/** Float64 ∂Φ/∂Wℓ = sℓ₋₁ᵀ sℓ. */
export const phiGrad = (x: Mat, s: Mat[], l: number): Mat => {
  const below = l === 0 ? x : s[l - 1];
  return below[0].map((_, i) => s[l][0].map((_, j) => below.reduce((acc, row, r) => acc + row[i] * s[l][r][j], 0)));
};

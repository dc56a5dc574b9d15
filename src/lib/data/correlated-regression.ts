/**
 * The regression task of Pogodin, Cornford et al. (ICLR 2024, their code's linear_regression.py):
 * N points in D dimensions, x = L z + e with z ~ N(0, I), e ~ U(−½, ½)ᴰ and L the Cholesky factor of
 * the Toeplitz correlation C_ij = (−1)^{|i−j|} / (1 + |i−j|^power) (power 2 or 1); labels y = ±1 (fair
 * coins); a linear model w ∈ ℝᴰ starting from w₀ ~ N(0, 1/D). With N < D the model can fit every
 * label exactly, and which interpolating w it reaches depends on the geometry it learned in.
 * Seeded (forks 'inputs', 'labels', 'init'); row-major Float64Arrays.
 */
import type { Rng } from '../random';

export interface CorrelatedRegressionSpec {
  /** D, the input dimension (1,000 in the chapter). */
  dimension: number;
  /** N, the number of points (177 ≈ 1000^0.75 in the chapter). */
  points: number;
  /** The correlation's decay exponent (2 or 1). Default 2. */
  power?: number;
}

export interface CorrelatedRegression {
  dimension: number;
  points: number;
  /** X, [points × dimension], row-major. */
  inputs: Float64Array;
  /** y ∈ {−1, +1}, [points]. */
  labels: Float64Array;
  /** w₀ ~ N(0, 1/D), [dimension]. */
  start: Float64Array;
}

/** The lower Cholesky factor of the D×D Toeplitz correlation (−1)^k / (1 + k^power), row-major. */
export function toeplitzCholesky(dimension: number, power: number): Float64Array {
  const d = dimension;
  const corr = (k: number) => (k % 2 === 0 ? 1 : -1) / (1 + k ** power);
  const chol = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = corr(0);
    const rowJ = j * d;
    for (let k = 0; k < j; k++) s -= chol[rowJ + k] * chol[rowJ + k];
    if (!(s > 0)) throw new Error(`toeplitzCholesky: the correlation is not positive definite at ${j}`);
    const diag = Math.sqrt(s);
    chol[rowJ + j] = diag;
    for (let i = j + 1; i < d; i++) {
      const rowI = i * d;
      let t = corr(i - j);
      for (let k = 0; k < j; k++) t -= chol[rowI + k] * chol[rowJ + k];
      chol[rowI + j] = t / diag;
    }
  }
  return chol;
}

export function correlatedRegression(spec: CorrelatedRegressionSpec, rng: Rng): CorrelatedRegression {
  const { dimension: d, points: n } = spec;
  if (!Number.isInteger(d) || d < 1 || !Number.isInteger(n) || n < 1) throw new RangeError(`correlatedRegression: D = ${d}, N = ${n} must be positive integers`);
  const chol = toeplitzCholesky(d, spec.power ?? 2);
  const inputRng = rng.fork('inputs');
  const inputs = new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) z[j] = inputRng.normal();
    for (let i = 0; i < d; i++) {
      let s = 0;
      const row = i * d;
      for (let k = 0; k <= i; k++) s += chol[row + k] * z[k];
      inputs[r * d + i] = s + inputRng.next() - 0.5;
    }
  }
  const labelRng = rng.fork('labels');
  const labels = Float64Array.from({ length: n }, () => (labelRng.next() < 0.5 ? -1 : 1));
  const initRng = rng.fork('init');
  const start = Float64Array.from({ length: d }, () => initRng.normal(0, 1 / Math.sqrt(d)));
  return { dimension: d, points: n, inputs, labels, start };
}

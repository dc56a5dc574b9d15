/**
 * Kernel regression with the tangent kernel: where gradient descent on the squared loss ends when Θ
 * stays fixed (Jacot, Gabriel & Hongler 2018, §5):
 *
 *   f∞(x) = f₀(x) + Θ(x, X) Θ(X, X)⁻¹ (y − f₀(X)),
 *
 * solved with a Float64 Cholesky factorisation of Θ(X, X) (+ ridge·I when asked; 0 by default).
 * Shapes: trainKernel N × N, testKernel M × N (row-major), targets and initialTrain length N,
 * initialTest length M. Returns f∞ at the M test inputs.
 */
import { solveSymmetric } from './cholesky';

export interface KernelProblem {
  /** Θ(X, X), N × N. */
  trainKernel: Float64Array;
  /** Θ(x, X), M × N. */
  testKernel: Float64Array;
  trainCount: number;
  testCount: number;
  targets: Float64Array;
  /** f₀(X); zeros when absent. */
  initialTrain?: Float64Array;
  /** f₀(x); zeros when absent. */
  initialTest?: Float64Array;
}

/** Θ(X, X) + ridge·I. */
export function withRidge(kernel: Float64Array, n: number, ridge: number): Float64Array {
  if (ridge === 0) return kernel;
  const out = Float64Array.from(kernel);
  for (let i = 0; i < n; i++) out[i * n + i] += ridge;
  return out;
}

/** The residual to fit, y − f₀(X). */
export function targetResidual(problem: KernelProblem): Float64Array {
  const { targets, initialTrain, trainCount } = problem;
  const out = new Float64Array(trainCount);
  for (let p = 0; p < trainCount; p++) out[p] = targets[p] - (initialTrain ? initialTrain[p] : 0);
  return out;
}

/** f∞ at the test inputs. */
export function kernelRegression(problem: KernelProblem, ridge = 0): Float64Array {
  const { trainKernel, testKernel, trainCount: n, testCount: m, initialTest } = problem;
  const weights = solveSymmetric(withRidge(trainKernel, n, ridge), n, targetResidual(problem));
  const out = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    let sum = initialTest ? initialTest[q] : 0;
    for (let p = 0; p < n; p++) sum += testKernel[q * n + p] * weights[p];
    out[q] = sum;
  }
  return out;
}

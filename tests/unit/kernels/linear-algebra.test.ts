// Cholesky, kernel regression and the Jacobi eigensolver against the test oracles (Gaussian
// elimination with pivoting, reconstruction), Float64: tolerances ~1e-10 relative.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { analyticNtk, choleskyFactor, choleskySolve, circlePoints, kernelRegression, solveSymmetric, symmetricEigen, withRidge } from '../../../src/lib/kernels';
import { expectClose } from '../oracles/expect-close';
import { gaussSolve, matMul, transpose } from '../oracles/linear-algebra';

/** A random symmetric positive-definite n × n matrix B Bᵀ + δ I. */
function randomSpd(n: number, seed: number, delta = 0.1): Float64Array {
  const rng = createRng(seed);
  const b = new Float64Array(n * n).map(() => rng.normal());
  const a = matMul(b, transpose(b, n, n), n, n, n);
  for (let i = 0; i < n; i++) a[i * n + i] += delta;
  return a;
}

describe('Cholesky', () => {
  it('L Lᵀ = A with L lower triangular, and the solve matches Gaussian elimination (several right-hand sides)', () => {
    for (const n of [1, 4, 9]) {
      const a = randomSpd(n, n);
      const lower = choleskyFactor(a, n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(lower[i * n + j]).toBe(0);
      expectClose(matMul(lower, transpose(lower, n, n), n, n, n), a, 1e-10 * Math.max(...a), { scale: 'absolute' });
      const rng = createRng(50 + n);
      const b = new Float64Array(n * 3).map(() => rng.normal());
      const x = choleskySolve(lower, n, b, 3);
      const oracle = gaussSolve(a, n, b, 3);
      expectClose(x, oracle, 'float64', { scale: 'largest' });
      expectClose(solveSymmetric(a, n, b.subarray(0, n).map((_, i) => b[i * 3]), 1), oracle.filter((_, k) => k % 3 === 0), 1e-9 * Math.max(...Array.from(oracle, Math.abs)), { scale: 'absolute' });
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => choleskyFactor(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/positive definite/);
  });
});

describe('kernel regression', () => {
  const train = circlePoints([-2.5, -1, 0.5, 2]);
  const test = circlePoints([-3, -0.2, 0.5, 1.3, 2.9]);
  const spec = { parameterisation: 'ntk', alpha: 1, width: 1, init: 'gaussian' } as const;
  const trainKernel = analyticNtk(spec, train, 4, train, 4, 2);
  const testKernel = analyticNtk(spec, test, 5, train, 4, 2);
  const targets = Float64Array.of(0.9, -0.9, 0.8, -0.7);
  const initialTrain = Float64Array.of(0.3, -0.1, 0.2, 0.5);
  const initialTest = Float64Array.of(-0.4, 0.1, 0.2, 0.6, -0.2);

  it('f∞ = f₀(x) + Θ(x, X) Θ(X, X)⁻¹ (y − f₀(X)), as a direct solve computes it', () => {
    const f = kernelRegression({ trainKernel, testKernel, trainCount: 4, testCount: 5, targets, initialTrain, initialTest });
    const weights = gaussSolve(trainKernel, 4, targets.map((y, p) => y - initialTrain[p]));
    const oracle = matMul(testKernel, weights, 5, 4, 1).map((v, q) => v + initialTest[q]);
    expectClose(f, oracle, 1e-12, { scale: 'absolute' });
    // The test point at γ = 0.5 is a training point: kernel regression interpolates it.
    expect(f[2]).toBeCloseTo(targets[2], 12);
  });

  it('a ridge shrinks the fit towards f₀', () => {
    const problem = { trainKernel, testKernel: trainKernel, trainCount: 4, testCount: 4, targets };
    const exact = kernelRegression(problem);
    const ridged = kernelRegression(problem, 1);
    const oracle = gaussSolve(withRidge(trainKernel, 4, 1), 4, targets);
    expectClose(ridged, matMul(trainKernel, oracle, 4, 4, 1), 1e-12, { scale: 'absolute' });
    expectClose(exact, targets, 1e-12, { scale: 'absolute' });
    expect(Math.hypot(...ridged)).toBeLessThan(Math.hypot(...exact));
  });
});

describe('Jacobi eigensolver', () => {
  it('V diag(λ) Vᵀ reconstructs A, V is orthonormal, λ sorted from largest, trace preserved', () => {
    for (const n of [2, 4, 7, 12]) {
      const a = randomSpd(n, 100 + n, -0.5 * n); // indefinite too: B Bᵀ shifted down
      const { values, vectors } = symmetricEigen(a, n);
      const v = transpose(vectors, n, n); // columns = eigenvectors
      const lambdaVt = new Float64Array(n * n);
      for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) lambdaVt[k * n + i] = values[k] * vectors[k * n + i];
      expectClose(matMul(v, lambdaVt, n, n, n), a, 1e-12, { scale: 'largest' });
      const identity = new Float64Array(n * n).map((_, i) => (i % (n + 1) === 0 ? 1 : 0));
      expectClose(matMul(vectors, v, n, n, n), identity, 1e-12, { scale: 'absolute' });
      for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
      let trace = 0;
      for (let i = 0; i < n; i++) trace += a[i * n + i];
      expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 9);
    }
  });

  it('solves a 2 × 2 case in closed form', () => {
    // [[2, 1], [1, 2]]: λ = 3 along (1, 1)/√2, λ = 1 along (1, −1)/√2.
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[0] * vectors[1]).toBeCloseTo(0.5, 14);
    expect(vectors[2] * vectors[3]).toBeCloseTo(-0.5, 14);
  });
});

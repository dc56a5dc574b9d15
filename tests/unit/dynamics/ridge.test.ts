// Ridge regression by Cholesky against an independent Gauss–Jordan solve of the normal equations.
import { describe, expect, it } from 'vitest';
import { RidgeAccumulator, cholesky, ridgeSolve } from '../../../src/lib/dynamics/ridge';
import { createRng } from '../../../src/lib/random';
import { expectClose } from '../oracles/expect-close';
import { oracleRidge } from '../oracles/dynamics';

describe('ridge regression', () => {
  const rng = createRng(11);
  const samples = 50;
  const d = 6;
  const m = 3;
  const x = Array.from({ length: samples }, () => Array.from({ length: d }, () => rng.normal()));
  const y = Array.from({ length: samples }, () => Array.from({ length: m }, () => rng.normal()));

  it('Cholesky factor reproduces the matrix: L Lᵀ = A', () => {
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) a[i * d + j] = x.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? 0.1 : 0);
    const l = cholesky(Float64Array.from(a), d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let k = 0; k <= j; k++) sum += l[i * d + k] * l[j * d + k];
        expect(sum).toBeCloseTo(a[i * d + j], 10);
      }
    }
    expect(() => cholesky(new Float64Array([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it('the accumulated normal equations give the oracle’s weights to 1e-9', () => {
    for (const lambdaPerSample of [0, 1e-3, 0.5]) {
      const acc = new RidgeAccumulator(d, m);
      x.forEach((row, t) => acc.add(row, y[t]));
      const w = acc.solve(lambdaPerSample);
      const oracle = oracleRidge(x, y, lambdaPerSample * samples);
      expectClose(w, oracle, 'float64', { scale: 'absolute' });
    }
  });

  it('recovers exact weights from noiseless data', () => {
    const truth = [0.5, -2, 0, 1, 3, -0.25];
    const gram = new Float64Array(d * d);
    const cross = new Float64Array(d);
    for (const row of x) {
      const target = row.reduce((s, v, i) => s + v * truth[i], 0);
      for (let i = 0; i < d; i++) {
        cross[i] += row[i] * target;
        for (let j = 0; j < d; j++) gram[i * d + j] += row[i] * row[j];
      }
    }
    const w = ridgeSolve(gram, cross, d, 1, 0);
    truth.forEach((v, i) => expect(w[i]).toBeCloseTo(v, 10));
  });
});

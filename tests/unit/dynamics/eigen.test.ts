// Eigenvalues by Hessenberg–QR against matrices with known spectra, and against trace identities
// (Σλᵏ = tr Aᵏ) and Gelfand's formula (ρ = lim ‖Aᵏ‖^(1/k)) computed by a plain oracle.
import { describe, expect, it } from 'vitest';
import { eigenvalues, spectralRadius } from '../../../src/lib/dynamics/eigen';
import { Reservoir } from '../../../src/lib/dynamics/reservoir';
import { createRng } from '../../../src/lib/random';

function sorted(e: { real: Float64Array; imag: Float64Array }): Array<[number, number]> {
  return Array.from(e.real, (re, i): [number, number] => [re, e.imag[i]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * n + k] * b[k * n + j];
  return out;
}

describe('eigenvalues', () => {
  it('finds a rotation-scaling pair ±2i', () => {
    expect(sorted(eigenvalues([0, -2, 2, 0], 2))).toEqual([
      [0, -2],
      [0, 2],
    ]);
    expect(spectralRadius([0, -2, 2, 0], 2)).toBeCloseTo(2, 12);
  });

  it('finds the roots of a companion matrix: x³ − 7x + 6 = (x − 1)(x − 2)(x + 3)', () => {
    const e = sorted(eigenvalues([0, 1, 0, 0, 0, 1, -6, 7, 0], 3));
    [-3, 1, 2].forEach((root, i) => {
      expect(e[i][0]).toBeCloseTo(root, 10);
      expect(e[i][1]).toBeCloseTo(0, 10);
    });
    expect(spectralRadius([0, 1, 0, 0, 0, 1, -6, 7, 0], 3)).toBeCloseTo(3, 10);
  });

  it('reads a triangular matrix off its diagonal, and a block-diagonal one block by block', () => {
    expect(sorted(eigenvalues([3, 5, -1, 0, -4, 2, 0, 0, 0.5], 3)).map(([re]) => re)).toEqual([-4, 0.5, 3].map((v) => expect.closeTo(v, 12)));
    // [[1, −1], [1, 1]] has 1 ± i (|λ| = √2) beside a real 1.2: ρ = √2.
    const block = [1, -1, 0, 1, 1, 0, 0, 0, 1.2];
    expect(spectralRadius(block, 3)).toBeCloseTo(Math.SQRT2, 12);
  });

  it('matches tr(Aᵏ) = Σ λᵏ (k = 1, 2, 3) and Gelfand’s formula on a random 60×60 matrix', () => {
    const n = 60;
    const rng = createRng(5);
    const a = Float64Array.from({ length: n * n }, () => rng.normal() / Math.sqrt(n));
    const { real, imag } = eigenvalues(a, n);
    let power: Float64Array = Float64Array.from(a);
    for (let k = 1; k <= 3; k++) {
      let trace = 0;
      for (let i = 0; i < n; i++) trace += power[i * n + i];
      let sum = 0; // Re Σ (re + i·im)^k
      for (let i = 0; i < n; i++) {
        const r = Math.hypot(real[i], imag[i]);
        sum += r ** k * Math.cos(k * Math.atan2(imag[i], real[i]));
      }
      expect(sum).toBeCloseTo(trace, 9);
      power = matmul(power, a, n);
    }
    // Gelfand: ρ = lim ‖Aᵏx‖^(1/k), estimated by the mean log growth of a vector over many steps.
    let x = Float64Array.from({ length: n }, () => rng.normal());
    let logGrowth = 0;
    const steps = 3000;
    for (let s = 0; s < steps; s++) {
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) y[i] += a[i * n + j] * x[j];
      const norm = Math.hypot(...y);
      logGrowth += Math.log(norm);
      x = y.map((v) => v / norm);
    }
    expect(Math.exp(logGrowth / steps)).toBeCloseTo(spectralRadius(a, n), 1);
  });

  it('scales a reservoir’s recurrent matrix to spectral radius exactly 1', () => {
    const reservoir = new Reservoir(80, createRng(2));
    expect(spectralRadius(reservoir.recurrent, 80)).toBeCloseTo(1, 10);
    expect(Math.hypot(reservoir.leading.real, reservoir.leading.imag)).toBeCloseTo(1, 12);
    expect(reservoir.leading.imag).toBeGreaterThanOrEqual(0);
    expect(reservoir.rawRadius).toBeGreaterThan(0.8 * Math.sqrt(80)); // circular law: ≈ √N
    expect(reservoir.rawRadius).toBeLessThan(1.2 * Math.sqrt(80));
  });
});

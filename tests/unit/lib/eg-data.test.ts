// The exponentiated-gradient chapter's data: Kivinen & Warmuth's online regression stream and the
// correlated regression task of Pogodin, Cornford et al. (its Cholesky factor against C = L Lᵀ).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { OnlineRegressionStream } from '../../../src/lib/data/online';
import { correlatedRegression, toeplitzCholesky } from '../../../src/lib/data/correlated-regression';

describe('online regression stream', () => {
  it('sign inputs: x ∈ {±1}ᴺ, y = u·x, k relevant ±1 weights; same seed, same stream', () => {
    const a = new OnlineRegressionStream({ inputs: 32, relevant: 3, kind: 'signs' }, createRng(5));
    const b = new OnlineRegressionStream({ inputs: 32, relevant: 3, kind: 'signs' }, createRng(5));
    expect(Array.from(a.target).filter((v) => v !== 0).every((v) => Math.abs(v) === 1)).toBe(true);
    expect(a.targetL1).toBe(3);
    expect(Array.from(a.relevantInputs).every((i) => a.target[i] !== 0)).toBe(true);
    const x = new Float64Array(32);
    const x2 = new Float64Array(32);
    const seen = new Set<number>();
    for (let t = 0; t < 50; t++) {
      const y = a.next(x);
      expect(b.next(x2)).toBe(y);
      expect(Array.from(x2)).toEqual(Array.from(x));
      expect(x.every((v) => v === 1 || v === -1)).toBe(true);
      expect(y).toBe(x.reduce((s, v, i) => s + v * a.target[i], 0));
      x.forEach((v, i) => v === 1 && seen.add(i));
    }
    expect(seen.size).toBeGreaterThan(25);
    expect(a.inputNorm2Squared).toBe(32);
  });

  it('unit inputs and a dense target: x = e_i, y = u_i, every input relevant', () => {
    const s = new OnlineRegressionStream({ inputs: 8, relevant: 100, kind: 'unit' }, createRng(1));
    expect(s.targetL1).toBe(8);
    const x = new Float64Array(8);
    for (let t = 0; t < 20; t++) {
      const y = s.next(x);
      expect(x.reduce((a, v) => a + v, 0)).toBe(1);
      expect(y).toBe(s.target[x.indexOf(1)]);
    }
    expect(s.inputNorm2Squared).toBe(1);
    expect(() => new OnlineRegressionStream({ inputs: 8, relevant: 0, kind: 'unit' }, createRng(1))).toThrow(RangeError);
  });
});

describe('correlated regression', () => {
  it('the Cholesky factor reproduces the Toeplitz correlation (−1)^k/(1 + k²)', () => {
    const d = 12;
    const chol = toeplitzCholesky(d, 2);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += chol[i * d + k] * chol[j * d + k];
        const lag = Math.abs(i - j);
        expect(s).toBeCloseTo((lag % 2 ? -1 : 1) / (1 + lag * lag), 12);
        if (j > i) expect(chol[i * d + j]).toBe(0);
      }
    }
  });

  it('inputs have the correlation plus U(−½, ½) noise; labels ±1; w₀ ~ N(0, 1/D)', () => {
    const task = correlatedRegression({ dimension: 6, points: 4000 }, createRng(2));
    const { inputs, labels, start } = task;
    const cov = (a: number, b: number) => {
      let s = 0;
      for (let r = 0; r < 4000; r++) s += inputs[r * 6 + a] * inputs[r * 6 + b];
      return s / 4000;
    };
    expect(cov(2, 2)).toBeCloseTo(1 + 1 / 12, 1);
    expect(cov(2, 3)).toBeCloseTo(-0.5, 1);
    expect(cov(1, 3)).toBeCloseTo(0.2, 1);
    expect(labels.every((y) => y === 1 || y === -1)).toBe(true);
    expect(start).toHaveLength(6);
    const again = correlatedRegression({ dimension: 6, points: 4000 }, createRng(2));
    expect(Array.from(again.inputs.subarray(0, 30))).toEqual(Array.from(inputs.subarray(0, 30)));
    const big = correlatedRegression({ dimension: 400, points: 2 }, createRng(4)).start;
    const rms = Math.sqrt(big.reduce((s, v) => s + v * v, 0) / 400);
    expect(rms).toBeGreaterThan(0.045);
    expect(rms).toBeLessThan(0.055);
  });
});

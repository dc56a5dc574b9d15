// The linearity argument's arithmetic (src/widgets/linearity/model.ts) against direct sums.
import { describe, expect, it } from 'vitest';
import { dimensionCurves, randomSigns, randomWeights, runningSums, squareImage, sums, TRAINED_MEAN_ABS } from '../../../src/chapters/adversarial-attacks/widgets/linearity/model';

describe('linearity model', () => {
  it('the aligned change is ε‖w‖₁ and beats every other sign pattern', () => {
    const w = Float32Array.from([0.5, -0.2, 0.1, -0.4]);
    const s = sums(w, [1, 1, -1, 1], 4, 0.1);
    expect(s.aligned).toBeCloseTo(0.1 * 1.2, 6);
    expect(s.random).toBeCloseTo(0.1 * (0.5 - 0.2 - 0.1 - 0.4), 6);
    expect(s.typical).toBeCloseTo(0.1 * Math.sqrt(0.25 + 0.04 + 0.01 + 0.16), 6);
    expect(Math.abs(s.random)).toBeLessThanOrEqual(s.aligned);
  });

  it('random weights have the trained model’s mean |w|; aligned grows like n, random like √n', () => {
    const w = randomWeights(100_000, 1);
    const meanAbs = w.reduce((a, v) => a + Math.abs(v), 0) / w.length;
    expect(meanAbs).toBeGreaterThan(0.95 * TRAINED_MEAN_ABS);
    expect(meanAbs).toBeLessThan(1.05 * TRAINED_MEAN_ABS);
    const c = dimensionCurves(w, 100_000, 0.1);
    expect(c.n[0]).toBe(1);
    expect(c.n.at(-1)).toBe(100_000);
    const at = (n: number) => c.n.indexOf(n);
    const [i100, i10k] = [at(100), at(10_000)];
    expect(c.aligned[i10k] / c.aligned[i100]).toBeGreaterThan(80); // ≈ 100×
    expect(c.typical[i10k] / c.typical[i100]).toBeGreaterThan(8); // ≈ 10×
    expect(c.typical[i10k] / c.typical[i100]).toBeLessThan(12);
    expect(c.perInput.every((v) => v === 0.1)).toBe(true);
  });

  it('running sums end at the totals and are thinned to at most the requested points', () => {
    const w = randomWeights(5000, 2);
    const signs = randomSigns(5000, 2);
    const r = runningSums(w, signs, 5000, 0.2, 100);
    const total = sums(w, signs, 5000, 0.2);
    expect(r.x.length).toBeLessThanOrEqual(102);
    expect(r.x.at(-1)).toBe(5000);
    expect(r.aligned.at(-1)).toBeCloseTo(total.aligned, 4);
    expect(r.random.at(-1)).toBeCloseTo(total.random, 4);
    expect(Array.from(signs).every((s) => s === 1 || s === -1)).toBe(true);
  });

  it('squareImage pads a vector to the next square with NaN', () => {
    const { side, pixels } = squareImage([1, 2, 3, 4, 5], 5);
    expect(side).toBe(3);
    expect(Array.from(pixels.slice(0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(Number.isNaN(pixels[8])).toBe(true);
  });
});

// The non-Gaussianity measure (Pogodin, Cornford et al. 2024's W1 distance of the standardised sample
// to N(0, 1) on [−5, 5]), Φ and Φ⁻¹, Q–Q points and histograms, against closed forms and samples.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { histogram, meanStd, nonGaussianity, normalCdf, normalQuantile, qqPoints } from '../../../src/lib/stats/normality';
import { oracleNonGaussianity } from '../oracles/normality';

describe('Φ and Φ⁻¹', () => {
  it('match tabulated values and invert each other', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963985)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
    for (const p of [1e-6, 0.01, 0.3, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('non-Gaussianity', () => {
  const rng = createRng(3);
  it('is ≈ 0 for exact normal quantiles and small for Gaussian draws, whatever their mean and scale', () => {
    const exact = Array.from({ length: 2000 }, (_, i) => 3 + 7 * normalQuantile((i + 0.5) / 2000));
    expect(nonGaussianity(exact)).toBeLessThan(0.01);
    const draws = Array.from({ length: 1000 }, () => rng.normal(-2, 0.01));
    expect(nonGaussianity(draws)).toBeLessThan(0.06);
  });

  it('is large for a uniform, an exponential and a two-point sample, and matches a direct Riemann sum', () => {
    const uniform = Array.from({ length: 4000 }, () => rng.next());
    const exponential = Array.from({ length: 4000 }, () => -Math.log(1 - rng.next()));
    const twoPoint = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1 : -1));
    expect(nonGaussianity(uniform)).toBeGreaterThan(0.08);
    expect(nonGaussianity(exponential)).toBeGreaterThan(0.2);
    expect(nonGaussianity(twoPoint)).toBeCloseTo(oracleNonGaussianity(twoPoint, normalCdf), 9);
    expect(nonGaussianity(exponential)).toBeCloseTo(oracleNonGaussianity(exponential, normalCdf), 9);
  });

  it('is NaN for samples without spread', () => {
    expect(nonGaussianity([1, 1, 1])).toBeNaN();
    expect(nonGaussianity([2])).toBeNaN();
  });
});

describe('Q–Q points and histograms', () => {
  it('Q–Q of exact quantiles lies on the diagonal', () => {
    const exact = Array.from({ length: 5001 }, (_, i) => normalQuantile((i + 0.5) / 5001));
    const { theoretical, sample } = qqPoints(exact, 21);
    expect(theoretical).toHaveLength(21);
    theoretical.forEach((t, i) => expect(sample[i]).toBeCloseTo(t, 2));
  });

  it('histogram counts every value once, with out-of-range ones apart', () => {
    const h = histogram([0, 0.5, 1, 1, 2, -1, Number.NaN], 2, 0, 1);
    expect(h.counts).toEqual([1, 3]);
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
    expect(histogram([4, 4], 3).counts.reduce((a, b) => a + b, 0)).toBe(2);
    const { mean, std } = meanStd([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });
});

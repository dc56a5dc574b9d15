/**
 * Float64 oracle of the non-Gaussianity measure (Pogodin, Cornford et al. 2024): the W1 distance
 * ∫ |F̂(x) − Φ(x)| dx over [−5, 5] of the sample standardised by its mean and (n − 1) standard
 * deviation, by a direct Riemann sum, written without the lib (plain loops over number[]). Test-only.
 */

/**
 * Direct Riemann sum, written independently: grid of 1,000 points on [−5, 5], F̂ by counting.
 * `cdf` is Φ (the caller passes the lib's normalCdf, checked on its own against tabulated values).
 */
export function oracleNonGaussianity(values: number[], cdf: (x: number) => number): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const z = values.map((v) => (v - mean) / std);
  let total = 0;
  for (let k = 0; k < 1000; k++) {
    const x = -5 + (k * 10) / 999;
    const f = z.filter((v) => v < x).length / n;
    total += Math.abs(f - cdf(x));
  }
  return (total * 10) / 999;
}

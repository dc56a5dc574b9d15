/**
 * Float64 oracles of the mirror-descent update rules, written without the lib (loops over number[]):
 * one step of exponentiated gradient (sign-preserving, w ← w·e^(−η·sign(w)·g)), of p-norm mirror
 * descent (through the dual sign(w)|w|^(p−1)), of Kivinen & Warmuth's EG± on the simplex of 2n
 * weights, and the GD-vs-EG± race of their online regression. Test-only.
 */

/** One EG step: w·exp(−η·sign(w)·g), so w keeps its sign. */
export const oracleEg = (w: number[], g: number[], eta: number) => w.map((v, i) => v * Math.exp(-eta * (v > 0 ? 1 : v < 0 ? -1 : 0) * g[i]));

/** One p-norm step: θ = sign(w)|w|^(p−1) − ηg, back by sign(θ)|θ|^(1/(p−1)). */
export const oraclePNorm = (w: number[], g: number[], eta: number, p: number) =>
  w.map((v, i) => {
    const theta = Math.sign(v) * Math.pow(Math.abs(v), p - 1) - eta * g[i];
    return Math.sign(theta) * Math.pow(Math.abs(theta), 1 / (p - 1));
  });

/** K&W's EG± written directly: multiplicative factors, then division by the sum of all 2n weights. */
export function oracleEgPm(plus: number[], minus: number[], g: number[], eta: number, total: number) {
  const p = plus.map((v, i) => v * Math.exp(-eta * total * g[i]));
  const m = minus.map((v, i) => v * Math.exp(eta * total * g[i]));
  const z = [...p, ...m].reduce((s, v) => s + v, 0);
  const np = p.map((v) => v / z);
  const nm = m.map((v) => v / z);
  return { plus: np, minus: nm, w: np.map((v, i) => total * (v - nm[i])) };
}

/**
 * Kivinen & Warmuth's sparse-vs-dense race written out: GD from w = 0 and EG± from the uniform split
 * (U = min(relevant, n)) on the same online stream, K&W's rates (GD 1/(2·n) for ±1 inputs, 1/2 for
 * unit ones; EG± 1/(2U²)); the summed squared errors of each. `stream.next(x)` fills x, returns y.
 */
export function oracleSparseDenseRace(stream: { next(x: Float64Array): number }, n: number, relevant: number, kind: 'signs' | 'unit', trials: number) {
  const u = Math.min(relevant, n);
  const x = new Float64Array(n);
  const w = new Array(n).fill(0);
  let plus = new Array(n).fill(1 / (2 * n));
  let minus = new Array(n).fill(1 / (2 * n));
  const gdRate = 1 / (2 * (kind === 'signs' ? n : 1));
  const egRate = 1 / (2 * u * u);
  let gd = 0;
  let eg = 0;
  for (let t = 0; t < trials; t++) {
    const y = stream.next(x);
    const a = w.reduce((s, v, i) => s + v * x[i], 0) - y;
    const b = plus.reduce((s, v, i) => s + u * (v - minus[i]) * x[i], 0) - y;
    gd += a * a;
    eg += b * b;
    for (let i = 0; i < n; i++) w[i] -= gdRate * 2 * a * x[i];
    const p = plus.map((v, i) => v * Math.exp(-egRate * 2 * b * u * x[i]));
    const m = minus.map((v, i) => v * Math.exp(egRate * 2 * b * u * x[i]));
    const z = [...p, ...m].reduce((s, v) => s + v, 0);
    plus = p.map((v) => v / z);
    minus = m.map((v) => v / z);
  }
  return { gd, eg };
}

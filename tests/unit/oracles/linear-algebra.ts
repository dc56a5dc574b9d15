/**
 * Float64 linear algebra for the oracles and the tests, written without the lib (plain loops over
 * number[] / Float64Array): nested ⇄ flat matrices, Gaussian elimination with partial pivoting,
 * matrix products, transposes, and the part of a vector outside a row space. Test-only.
 */

/** A dense matrix as rows of numbers. */
export type Mat = number[][];

/** A row-major flat array as rows × cols nested rows. */
export function toMat(flat: ArrayLike<number>, rows: number, cols: number): Mat {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => flat[r * cols + c]));
}

/** X with A X = B (A n × n, B n × m, row-major) by Gaussian elimination with partial pivoting. */
export function gaussSolve(a: ArrayLike<number>, n: number, b: ArrayLike<number>, m = 1): Float64Array {
  const aug = Array.from({ length: n }, (_, i) => [...Array.from({ length: n }, (_, j) => a[i * n + j]), ...Array.from({ length: m }, (_, c) => b[i * m + c])]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(aug[r][col]) > Math.abs(aug[pivot][col])) pivot = r;
    [aug[col], aug[pivot]] = [aug[pivot], aug[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = aug[r][col] / aug[col][col];
      for (let c = col; c < n + m; c++) aug[r][c] -= f * aug[col][c];
    }
  }
  const x = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) x[i * m + c] = aug[i][n + c] / aug[i][i];
  return x;
}

/** A B for A (r × k) and B (k × c), row-major. */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) for (let t = 0; t < k; t++) out[i * c + j] += a[i * k + t] * b[t * c + j];
  return out;
}

/** Aᵀ for A (r × c), row-major. */
export function transpose(a: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/** Solve A z = b (A small, symmetric positive definite) by Gaussian elimination with pivoting. */
export function solveRows(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const z = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) z[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((s, v, k) => s + v * z[r + 1 + k], 0)) / m[r][r];
  return z;
}

/** The part of v outside the row space of X (n × d): v − Xᵀ (XXᵀ)⁻¹ X v. */
export function outsideRowSpace(x: Float64Array, n: number, d: number, v: ArrayLike<number>): number[] {
  const row = (r: number) => Array.from(x.subarray(r * d, (r + 1) * d));
  const rows = Array.from({ length: n }, (_, r) => row(r));
  const dot = (a: number[], b: ArrayLike<number>) => a.reduce((s, val, i) => s + val * b[i], 0);
  const gram = rows.map((a) => rows.map((b) => dot(a, b)));
  const alpha = solveRows(gram, rows.map((a) => dot(a, v)));
  return Array.from(v, (val, i) => val - rows.reduce((s, a, r) => s + alpha[r] * a[i], 0));
}

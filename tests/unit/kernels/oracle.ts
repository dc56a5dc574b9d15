/**
 * Independent Float64 references for the kernel tests, written without the lib: Gaussian elimination
 * with partial pivoting, matrix products, central finite differences of a function of a parameter vector.
 */

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

export function transpose(a: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/** Central differences (g(θ + h eₖ) − g(θ − h eₖ)) / 2h of a vector-valued g: returns outputs × params. */
export function centralJacobian(g: (theta: Float64Array) => Float64Array, theta: Float64Array, h: number): Float64Array {
  const outputs = g(theta).length;
  const jac = new Float64Array(outputs * theta.length);
  for (let k = 0; k < theta.length; k++) {
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[k] += h;
    minus[k] -= h;
    const gp = g(plus);
    const gm = g(minus);
    for (let o = 0; o < outputs; o++) jac[o * theta.length + k] = (gp[o] - gm[o]) / (2 * h);
  }
  return jac;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

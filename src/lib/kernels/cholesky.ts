/**
 * Cholesky factorisation of a symmetric positive-definite matrix, A = L Lᵀ with L lower triangular
 * (Golub & Van Loan, Matrix Computations, alg. 4.2.1), and the solve A X = B by one forward and one
 * backward substitution. Float64 throughout: kernel matrices of nearby points are ill-conditioned.
 * Shapes: A and L are row-major n × n; B and X are row-major n × m (m right-hand sides).
 */

/** L with A = L Lᵀ (upper triangle zero). Throws if A is not numerically positive definite. */
export function choleskyFactor(a: Float64Array, n: number): Float64Array {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error(`choleskyFactor: matrix is not positive definite (pivot ${i} is ${sum})`);
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / lower[j * n + j];
      }
    }
  }
  return lower;
}

/** X with (L Lᵀ) X = B, for B of shape n × m (row-major); m = 1 for a vector. */
export function choleskySolve(lower: Float64Array, n: number, b: Float64Array, m = 1): Float64Array {
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    // L z = b
    for (let i = 0; i < n; i++) {
      let sum = x[i * m + c];
      for (let k = 0; k < i; k++) sum -= lower[i * n + k] * x[k * m + c];
      x[i * m + c] = sum / lower[i * n + i];
    }
    // Lᵀ x = z
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i * m + c];
      for (let k = i + 1; k < n; k++) sum -= lower[k * n + i] * x[k * m + c];
      x[i * m + c] = sum / lower[i * n + i];
    }
  }
  return x;
}

/** X with A X = B for a symmetric positive-definite A (n × n) and B (n × m). */
export function solveSymmetric(a: Float64Array, n: number, b: Float64Array, m = 1): Float64Array {
  return choleskySolve(choleskyFactor(a, n), n, b, m);
}

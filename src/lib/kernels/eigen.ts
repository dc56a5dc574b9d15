/**
 * Eigendecomposition of a small symmetric matrix by the cyclic Jacobi method (Golub & Van Loan,
 * Matrix Computations, §8.5): rotate away each off-diagonal entry in turn until the off-diagonal mass
 * is below 1e-14 of the total. A = V diag(λ) Vᵀ. Float64; meant for the few-by-few Θ(X, X) of a toy.
 * Shapes: A row-major n × n; `vectors` row-major n × n with vectors[k·n + i] = component i of the k-th
 * eigenvector; eigenvalues sorted from largest to smallest.
 */

export interface Eigen {
  values: Float64Array;
  vectors: Float64Array;
}

export function symmetricEigen(matrix: Float64Array, n: number, maxSweeps = 100): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * a[p * n + q] * a[p * n + q];
    if (off <= 1e-28 * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // The rotation (c, s) that zeroes a[p][q]: t = tan of the angle, the smaller root.
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p, q
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // rows p, q
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, k) => {
    values[k] = a[col * n + col];
    // Sign convention: each eigenvector's largest-magnitude component is positive.
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i * n + col]) > Math.abs(big)) big = v[i * n + col];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[k * n + i] = sign * v[i * n + col];
  });
  return { values, vectors };
}

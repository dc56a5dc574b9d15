/**
 * Eigenvalues of a real square matrix, for the spectral radius ρ(W) = max |λ_i| of a reservoir.
 * Householder reduction to upper Hessenberg form, then Francis double-shift QR iterations with
 * deflation (Wilkinson & Reinsch 1971, *Handbook for Automatic Computation* vol. II, routines
 * orthes and hqr; this follows the public-domain JAMA port of hqr2 with hqr's eigenvalue-only ranges).
 *
 * Why not power iteration: a random non-symmetric matrix has its eigenvalues spread over a disc
 * (the circular law), so the largest are often a complex-conjugate pair or several of nearly equal
 * modulus; x ← Wx/‖Wx‖ then rotates or converges arbitrarily slowly instead of settling.
 * Shapes: A is n×n row-major (Float64Array, copied, not modified). Cost O(n³): ≈ 0.1–0.5 s for n = 300.
 */

export interface Eigenvalues {
  /** Real parts. */
  real: Float64Array;
  /** Imaginary parts (complex pairs appear as +z, −z). */
  imag: Float64Array;
}

/** Reduce H (n×n row-major, in place) to upper Hessenberg form by orthogonal similarity transforms. */
function toHessenberg(h: Float64Array, n: number): void {
  const ort = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(h[i * n + m - 1]);
    if (scale === 0) continue;
    let sum = 0;
    for (let i = n - 1; i >= m; i--) {
      ort[i] = h[i * n + m - 1] / scale;
      sum += ort[i] * ort[i];
    }
    let g = Math.sqrt(sum);
    if (ort[m] > 0) g = -g;
    sum -= ort[m] * g;
    ort[m] -= g;
    // H ← (I − u uᵀ/sum) H (I − u uᵀ/sum)
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = n - 1; i >= m; i--) f += ort[i] * h[i * n + j];
      f /= sum;
      for (let i = m; i < n; i++) h[i * n + j] -= f * ort[i];
    }
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = n - 1; j >= m; j--) f += ort[j] * h[i * n + j];
      f /= sum;
      for (let j = m; j < n; j++) h[i * n + j] -= f * ort[j];
    }
    ort[m] *= scale;
    h[m * n + m - 1] = scale * g;
  }
  for (let i = 2; i < n; i++) for (let j = 0; j < i - 1; j++) h[i * n + j] = 0;
}

/** All eigenvalues of the n×n row-major matrix `a`. */
export function eigenvalues(a: ArrayLike<number>, n: number): Eigenvalues {
  if (a.length !== n * n) throw new Error(`eigenvalues: expected ${n}×${n} values, got ${a.length}`);
  const h = Float64Array.from(a);
  toHessenberg(h, n);
  const at = (i: number, j: number) => h[i * n + j];
  const real = new Float64Array(n);
  const imag = new Float64Array(n);
  const eps = 2 ** -52;
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(at(i, j));

  let hi = n - 1;
  let exshift = 0;
  let iter = 0;
  // p, q, r carry the first Householder vector from the shift search into the QR sweep.
  let p = 0, q = 0, r = 0, s: number, z: number, w: number, x: number, y: number; // prettier-ignore
  while (hi >= 0) {
    // Look for a single small sub-diagonal element.
    let l = hi;
    while (l > 0) {
      s = Math.abs(at(l - 1, l - 1)) + Math.abs(at(l, l));
      if (s === 0) s = norm;
      if (Math.abs(at(l, l - 1)) < eps * s) break;
      l--;
    }
    if (l === hi) {
      // One root found.
      real[hi] = at(hi, hi) + exshift;
      imag[hi] = 0;
      hi--;
      iter = 0;
    } else if (l === hi - 1) {
      // Two roots found.
      w = at(hi, hi - 1) * at(hi - 1, hi);
      p = (at(hi - 1, hi - 1) - at(hi, hi)) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x = at(hi, hi) + exshift;
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        real[hi - 1] = x + z;
        real[hi] = z !== 0 ? x - w / z : x + z;
        imag[hi - 1] = 0;
        imag[hi] = 0;
      } else {
        real[hi - 1] = x + p;
        real[hi] = x + p;
        imag[hi - 1] = z;
        imag[hi] = -z;
      }
      hi -= 2;
      iter = 0;
    } else {
      // No convergence yet: a double-shift QR step on rows and columns l..hi.
      x = at(hi, hi);
      y = at(hi - 1, hi - 1);
      w = at(hi, hi - 1) * at(hi - 1, hi);
      if (iter === 10) {
        // Wilkinson's exceptional shift.
        exshift += x;
        for (let i = 0; i <= hi; i++) h[i * n + i] -= x;
        s = Math.abs(at(hi, hi - 1)) + Math.abs(at(hi - 1, hi - 2));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        // MATLAB's exceptional shift.
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = 0; i <= hi; i++) h[i * n + i] -= s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      if (++iter > 200) throw new Error('eigenvalues: QR iterations did not converge');
      // Look for two consecutive small sub-diagonal elements.
      let m = hi - 2;
      while (m >= l) {
        z = at(m, m);
        r = x - z;
        s = y - z;
        p = (r * s - w) / at(m + 1, m) + at(m, m + 1);
        q = at(m + 1, m + 1) - z - r - s;
        r = at(m + 2, m + 1);
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (Math.abs(at(m, m - 1)) * (Math.abs(q) + Math.abs(r)) < eps * (Math.abs(p) * (Math.abs(at(m - 1, m - 1)) + Math.abs(z) + Math.abs(at(m + 1, m + 1))))) break;
        m--;
      }
      for (let i = m + 2; i <= hi; i++) {
        h[i * n + i - 2] = 0;
        if (i > m + 2) h[i * n + i - 3] = 0;
      }
      for (let k = m; k <= hi - 1; k++) {
        const notLast = k !== hi - 1;
        if (k !== m) {
          p = at(k, k - 1);
          q = at(k + 1, k - 1);
          r = notLast ? at(k + 2, k - 1) : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s === 0) continue;
        if (k !== m) h[k * n + k - 1] = -s * x;
        else if (l !== m) h[k * n + k - 1] = -at(k, k - 1);
        p += s;
        x = p / s;
        y = q / s;
        z = r / s;
        q /= p;
        r /= p;
        // Row modification (eigenvalues only: the active block's columns suffice, as in EISPACK hqr).
        for (let j = k; j <= hi; j++) {
          p = at(k, j) + q * at(k + 1, j);
          if (notLast) {
            p += r * at(k + 2, j);
            h[(k + 2) * n + j] -= p * z;
          }
          h[k * n + j] -= p * x;
          h[(k + 1) * n + j] -= p * y;
        }
        // Column modification.
        const last = Math.min(hi, k + 3);
        for (let i = l; i <= last; i++) {
          p = x * at(i, k) + y * at(i, k + 1);
          if (notLast) {
            p += z * at(i, k + 2);
            h[i * n + k + 2] -= p * r;
          }
          h[i * n + k] -= p;
          h[i * n + k + 1] -= p * q;
        }
      }
    }
  }
  return { real, imag };
}

/** Spectral radius max_i |λ_i| of the n×n row-major matrix `a`. */
export function spectralRadius(a: ArrayLike<number>, n: number): number {
  const { real, imag } = eigenvalues(a, n);
  let radius = 0;
  for (let i = 0; i < n; i++) radius = Math.max(radius, Math.hypot(real[i], imag[i]));
  return radius;
}

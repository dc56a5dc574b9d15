/**
 * Ridge regression in closed form, in Float64 (Hoerl & Kennard 1970; the standard readout of
 * reservoir computing, Jaeger 2001; Lukoševičius 2012, "A practical guide to applying echo state networks"):
 *   W = (XᵀX + λ I)⁻¹ XᵀY, solved by a Cholesky factorisation XᵀX + λI = L Lᵀ and two triangular solves.
 * The normal equations are accumulated sample by sample (`RidgeAccumulator`), so a reservoir never
 * stores its states. Shapes: d features (the caller appends a constant 1 for a bias), m targets;
 * XᵀX is d×d and XᵀY d×m, row-major. The bias weight is regularised too (λ is tiny).
 */

/** In place: the lower-triangular Cholesky factor L of the symmetric positive-definite d×d `a` (row-major; the upper triangle is left as is). */
export function cholesky(a: Float64Array, d: number): Float64Array {
  for (let j = 0; j < d; j++) {
    let diagonal = a[j * d + j];
    for (let k = 0; k < j; k++) diagonal -= a[j * d + k] * a[j * d + k];
    if (!(diagonal > 0)) throw new Error(`cholesky: matrix is not positive definite (pivot ${j} = ${diagonal})`);
    const root = Math.sqrt(diagonal);
    a[j * d + j] = root;
    for (let i = j + 1; i < d; i++) {
      let sum = a[i * d + j];
      for (let k = 0; k < j; k++) sum -= a[i * d + k] * a[j * d + k];
      a[i * d + j] = sum / root;
    }
  }
  return a;
}

/** Solve L Lᵀ X = B for X, in place in B (d×m row-major), L the lower factor from `cholesky`. */
export function choleskySolve(factor: Float64Array, d: number, b: Float64Array, m: number): Float64Array {
  for (let c = 0; c < m; c++) {
    // Forward: L z = b.
    for (let i = 0; i < d; i++) {
      let sum = b[i * m + c];
      for (let k = 0; k < i; k++) sum -= factor[i * d + k] * b[k * m + c];
      b[i * m + c] = sum / factor[i * d + i];
    }
    // Backward: Lᵀ x = z.
    for (let i = d - 1; i >= 0; i--) {
      let sum = b[i * m + c];
      for (let k = i + 1; k < d; k++) sum -= factor[k * d + i] * b[k * m + c];
      b[i * m + c] = sum / factor[i * d + i];
    }
  }
  return b;
}

/** Weights (d×m) minimising ‖Y − XW‖² + λ‖W‖², from XᵀX (d×d, only the lower triangle is read) and XᵀY (d×m). */
export function ridgeSolve(gram: Float64Array, cross: Float64Array, d: number, m: number, lambda: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) a[i * d + j] = gram[i * d + j];
    a[i * d + i] += lambda;
  }
  return choleskySolve(cholesky(a, d), d, Float64Array.from(cross), m);
}

/**
 * Accumulates XᵀX (lower triangle) and XᵀY one sample at a time. Samples are buffered in blocks of
 * `block` and added as X_bᵀX_b, so each entry of XᵀX is read and written once per block rather than
 * once per sample (the same sums, in a different order: equal to float rounding).
 */
export class RidgeAccumulator {
  readonly features: number;
  readonly targets: number;
  readonly gram: Float64Array;
  readonly cross: Float64Array;
  count = 0;
  private readonly block: number;
  /** Buffered samples, feature-major: bufferX[i·block + b], bufferY[c·block + b]. */
  private readonly bufferX: Float64Array;
  private readonly bufferY: Float64Array;
  private buffered = 0;

  constructor(features: number, targets: number, block = 32) {
    this.features = features;
    this.targets = targets;
    this.block = block;
    this.gram = new Float64Array(features * features);
    this.cross = new Float64Array(features * targets);
    this.bufferX = new Float64Array(features * block);
    this.bufferY = new Float64Array(targets * block);
  }

  /** Add one sample: x has `features` values, y `targets`. */
  add(x: ArrayLike<number>, y: ArrayLike<number>): void {
    const b = this.buffered;
    for (let i = 0; i < this.features; i++) this.bufferX[i * this.block + b] = x[i];
    for (let c = 0; c < this.targets; c++) this.bufferY[c * this.block + b] = y[c];
    this.buffered++;
    this.count++;
    if (this.buffered === this.block) this.flush();
  }

  /** Add the buffered samples into XᵀX and XᵀY. */
  private flush(): void {
    const n = this.buffered;
    if (n === 0) return;
    const { features: d, targets: m, block, bufferX, bufferY, gram, cross } = this;
    for (let i = 0; i < d; i++) {
      const xi = i * block;
      for (let j = 0; j <= i; j++) {
        const xj = j * block;
        let sum = 0;
        for (let b = 0; b < n; b++) sum += bufferX[xi + b] * bufferX[xj + b];
        gram[i * d + j] += sum;
      }
      for (let c = 0; c < m; c++) {
        const yc = c * block;
        let sum = 0;
        for (let b = 0; b < n; b++) sum += bufferX[xi + b] * bufferY[yc + b];
        cross[i * m + c] += sum;
      }
    }
    this.buffered = 0;
  }

  /** The ridge weights (d×m) with penalty λ·count (λ per sample, so its effect does not depend on the run length). */
  solve(lambdaPerSample: number): Float64Array {
    this.flush();
    return ridgeSolve(this.gram, this.cross, this.features, this.targets, lambdaPerSample * this.count);
  }
}

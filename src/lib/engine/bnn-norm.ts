/**
 * Batch norm of the binarized net (../nets/bnn.ts) over row-major [n×w] arrays in the heap, as plain
 * loops (O(n·w), cheap next to the products): each float32 op of the lib's tfjs code rounded the
 * same way (Math.fround), column sums in float64.
 *
 *   forward:   μ = mean_batch(a), σ² = mean_batch((a − μ)²), s = 1/√(σ² + ε), x̂ = (a − μ)·s,
 *              z = x̂·γ + β   (evaluation: μ, σ² are the running statistics)
 *   backward:  ∂γ = Σ δz ⊙ x̂, ∂β = Σ δz, δx̂ = δz·γ, δa = ((δx̂ − mean(δx̂)) − x̂ ⊙ mean(δx̂ ⊙ x̂))·s
 *   running:   r_μ ← r_μ(1 − momentum) + μ·momentum,  r_σ² ← r_σ²(1 − momentum) + σ²·momentum·n/(n−1)
 */
const fr = Math.fround;

/** Offsets of one layer's statistics (each [w]). */
export interface NormStats {
  mean: number;
  variance: number;
  invStd: number;
}

/**
 * z = BN(a) with the batch's statistics (written to `stats`) or, with `running`, the given ones;
 * also x̂ (for the backward). `sums` is float64 scratch of at least w.
 */
export function normForward(f: Float32Array, n: number, w: number, a: number, gamma: number, beta: number, epsilon: number, stats: NormStats, running: { mean: number; variance: number } | null, xhat: number, z: number, sums: Float64Array): void {
  const { mean, variance, invStd } = stats;
  if (running) {
    for (let j = 0; j < w; j++) {
      f[mean + j] = f[running.mean + j];
      f[variance + j] = f[running.variance + j];
    }
  } else {
    sums.fill(0, 0, w);
    for (let r = 0; r < n; r++) for (let j = 0, row = a + r * w; j < w; j++) sums[j] += f[row + j];
    for (let j = 0; j < w; j++) f[mean + j] = sums[j] / n;
    sums.fill(0, 0, w);
    for (let r = 0; r < n; r++) {
      for (let j = 0, row = a + r * w; j < w; j++) {
        const d = fr(f[row + j] - f[mean + j]);
        sums[j] += fr(d * d);
      }
    }
    for (let j = 0; j < w; j++) f[variance + j] = sums[j] / n;
  }
  for (let j = 0; j < w; j++) f[invStd + j] = 1 / Math.sqrt(fr(f[variance + j] + epsilon));
  for (let r = 0; r < n; r++) {
    const o = r * w;
    for (let j = 0; j < w; j++) {
      const x = (f[xhat + o + j] = fr(f[a + o + j] - f[mean + j]) * f[invStd + j]);
      f[z + o + j] = fr(x * f[gamma + j]) + f[beta + j];
    }
  }
}

/**
 * In place, δ [n×w]: δz → δa = ((δz·γ − γ·mean(δz)) − x̂·γ·mean(δz·x̂))·s (δx̂ = γδz, so its two
 * means are γ times those of δz); writes ∂γ = Σ δz·x̂ and ∂β = Σ δz. `sums`: float64 scratch ≥ 2w.
 */
export function normBackward(f: Float32Array, n: number, w: number, delta: number, xhat: number, gamma: number, invStd: number, gradGamma: number, gradBeta: number, sums: Float64Array): void {
  sums.fill(0, 0, 2 * w);
  for (let r = 0; r < n; r++) {
    const o = r * w;
    for (let j = 0; j < w; j++) {
      sums[j] += fr(f[delta + o + j] * f[xhat + o + j]);
      sums[w + j] += f[delta + o + j];
    }
  }
  for (let j = 0; j < w; j++) {
    f[gradGamma + j] = sums[j];
    f[gradBeta + j] = sums[w + j];
    // the two means of δx̂, reusing the scratch
    sums[j] = fr(fr(f[gamma + j] * f[gradBeta + j]) / n);
    sums[w + j] = fr(fr(f[gamma + j] * f[gradGamma + j]) / n);
  }
  for (let r = 0; r < n; r++) {
    const o = r * w;
    for (let j = 0; j < w; j++) {
      const centred = fr(fr(fr(f[delta + o + j] * f[gamma + j]) - sums[j]) - fr(f[xhat + o + j] * sums[w + j]));
      f[delta + o + j] = centred * f[invStd + j];
    }
  }
}

/** Move the running statistics towards the batch's (PyTorch's momentum, unbiased variance). */
export function updateRunning(f: Float32Array, w: number, n: number, momentum: number, stats: NormStats, running: { mean: number; variance: number }): void {
  const unbias = n > 1 ? n / (n - 1) : 1;
  const keep = 1 - momentum;
  const scale = momentum * unbias;
  for (let j = 0; j < w; j++) {
    f[running.mean + j] = fr(f[running.mean + j] * keep) + fr(f[stats.mean + j] * momentum);
    f[running.variance + j] = fr(f[running.variance + j] * keep) + fr(f[stats.variance + j] * scale);
  }
}

/** δ ← δ ⊙ 1_{|z| ≤ 1} (the straight-through estimator of sign). */
export function steMask(f: Float32Array, count: number, z: number, delta: number): void {
  for (let i = 0; i < count; i++) if (!(Math.abs(f[z + i]) <= 1)) f[delta + i] = 0;
}

/**
 * Gradient descent in function space with a fixed kernel, in Θ(X, X)'s eigenbasis Θ = Σ λₖ vₖvₖᵀ
 * (Jacot, Gabriel & Hongler 2018, §5; Lee et al. 2019, eqs. 9–10 and 16). With step η on
 * L = ½ Σ (f(xₚ) − yₚ)², the residual r = f(X) − y obeys r_{t+1} = (I − ηΘ) r_t, so its projection on
 * each eigenvector decays on its own:
 *
 *   ⟨vₖ, r_t⟩ = (1 − ηλₖ)ᵗ ⟨vₖ, r₀⟩          (large-λ directions are learned first),
 *   f_t(x) = f₀(x) + Θ(x, X) Gₜ (y − f₀(X)),  Gₜ = Σ gₜ(λₖ) vₖvₖᵀ,  gₜ(λ) = (1 − (1 − ηλ)ᵗ)/λ,
 *
 * and Gₜ → Θ(X, X)⁻¹ as t → ∞ (kernel-regression.ts). Since f₀ is a Gaussian process with covariance Σ
 * (analytic-ntk.ts), so is f_t in the infinite-width limit, with
 *   mean  m_t(x) = kₜ(x)ᵀ y,   variance  Σ(x,x) − 2 kₜ(x)ᵀ Σ(X,x) + kₜ(x)ᵀ Σ(X,X) kₜ(x),   kₜ(x) = Gₜ Θ(X,x).
 * Shapes: N training inputs, M test inputs; matrices row-major; t may be Infinity.
 */
import type { Eigen } from './eigen';

/** ⟨vₖ, r⟩ for every eigenvector, largest eigenvalue first. */
export function modeProjections(eigen: Eigen, n: number, residual: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += eigen.vectors[k * n + i] * residual[i];
    out[k] = sum;
  }
  return out;
}

/** (1 − ηλₖ)ᵗ: the factor each mode of the residual has kept after t steps. */
export function modeDecay(values: Float64Array, stepSize: number, steps: number): Float64Array {
  return values.map((lambda) => (steps === Infinity ? (Math.abs(1 - stepSize * lambda) < 1 ? 0 : Infinity) : Math.pow(1 - stepSize * lambda, steps)));
}

/** gₜ(λ) = (1 − (1 − ηλ)ᵗ)/λ, stable for small ηλ (→ ηt). */
export function learnedFraction(lambda: number, stepSize: number, steps: number): number {
  const rate = stepSize * lambda;
  if (steps === Infinity) return 1 / lambda;
  if (Math.abs(rate) < 1e-12) return stepSize * steps;
  if (rate < 1) return -Math.expm1(steps * Math.log1p(-rate)) / lambda;
  return (1 - Math.pow(1 - rate, steps)) / lambda;
}

/** Gₜ = Σ gₜ(λₖ) vₖvₖᵀ, N × N. */
export function fitOperator(eigen: Eigen, n: number, stepSize: number, steps: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const weight = learnedFraction(eigen.values[k], stepSize, steps);
    for (let i = 0; i < n; i++) {
      const vi = weight * eigen.vectors[k * n + i];
      for (let j = 0; j < n; j++) g[i * n + j] += vi * eigen.vectors[k * n + j];
    }
  }
  return g;
}

/**
 * Gₜ from each mode's remaining factor ρₖ = Πₛ (1 − ηₛλₖ) (when the step size changed along the way):
 * G = Σ (1 − ρₖ)/λₖ vₖvₖᵀ. With a constant η this is fitOperator.
 */
export function operatorFromDecay(eigen: Eigen, n: number, remaining: ArrayLike<number>): Float64Array {
  const g = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const weight = (1 - remaining[k]) / eigen.values[k];
    for (let i = 0; i < n; i++) {
      const vi = weight * eigen.vectors[k * n + i];
      for (let j = 0; j < n; j++) g[i * n + j] += vi * eigen.vectors[k * n + j];
    }
  }
  return g;
}

/** kₜ(x) = Gₜ Θ(X, x) for every test input: M × N (row q is kₜ(x_q)). */
export function fitWeights(operator: Float64Array, n: number, testKernel: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let q = 0; q < m; q++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += operator[i * n + j] * testKernel[q * n + j];
      out[q * n + i] = sum;
    }
  }
  return out;
}

/** f_t at the test inputs for one start f₀: f₀(x) + kₜ(x)ᵀ (y − f₀(X)). */
export function predictAt(weights: Float64Array, n: number, m: number, targets: Float64Array, initialTrain: Float64Array, initialTest: Float64Array): Float64Array {
  const out = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    let sum = initialTest[q];
    for (let i = 0; i < n; i++) sum += weights[q * n + i] * (targets[i] - initialTrain[i]);
    out[q] = sum;
  }
  return out;
}

export interface GaussianBand {
  mean: Float64Array;
  sd: Float64Array;
}

/**
 * Mean and standard deviation over initialisations of f_t at the test inputs, for f₀ ~ GP(0, Σ).
 * priorTrain Σ(X, X) N × N, priorCross Σ(x, X) M × N, priorDiagonal Σ(x, x) length M.
 */
export function gaussianBand(
  weights: Float64Array,
  n: number,
  m: number,
  targets: Float64Array,
  priorTrain: Float64Array,
  priorCross: Float64Array,
  priorDiagonal: Float64Array,
): GaussianBand {
  const mean = new Float64Array(m);
  const sd = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    let mu = 0;
    let cross = 0;
    let quad = 0;
    for (let i = 0; i < n; i++) {
      const ki = weights[q * n + i];
      mu += ki * targets[i];
      cross += ki * priorCross[q * n + i];
      let row = 0;
      for (let j = 0; j < n; j++) row += priorTrain[i * n + j] * weights[q * n + j];
      quad += ki * row;
    }
    mean[q] = mu;
    sd[q] = Math.sqrt(Math.max(0, priorDiagonal[q] - 2 * cross + quad));
  }
  return { mean, sd };
}

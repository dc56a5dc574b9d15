/**
 * The analytic kernels of one hidden ReLU layer, from the arc-cosine integrals (Cho & Saul 2009) with
 * w ~ N(0, I) and θ the angle between x and x′:
 *
 *   k₁(x, x′) = E[relu(w·x) relu(w·x′)]   = ‖x‖‖x′‖/(2π) · (sin θ + (π − θ) cos θ),
 *   k₀(x, x′) = E[1[w·x > 0] 1[w·x′ > 0]] = (π − θ)/(2π).
 *
 * Taking the expectation of empirical-ntk.ts's sum over units, term by term:
 *
 *   NTK parameterisation:      E Θ = α² (k₁ + x·x′ k₀)          (the limit n → ∞, Jacot et al. 2018),
 *   standard parameterisation: E Θ = α² (n k₁ + x·x′ k₀)        (grows with the width n),
 *   prior covariance of f₀ (both): Σ(x, x′) = α² k₁             (the NNGP kernel; 0 for a 'paired' start).
 *
 * With α = 1 and NTK parameterisation this is science.md's formula; Jacot et al.'s eq. for L = 2 with
 * β = 0 is the same divided by n₀, because they scale the input by 1/√n₀ (two-layer-net.ts).
 * Shapes: matrices are row-major Float64Array (countA × countB) over inputs of dimension inputDim.
 */
import type { TwoLayerSpec } from './two-layer-net';

type KernelSpec = Pick<TwoLayerSpec, 'parameterisation' | 'alpha' | 'width' | 'init'>;

export interface ArcCosine {
  /** k₁ = E[relu(w·x) relu(w·x′)]. */
  degreeOne: number;
  /** k₀ = E[1[w·x > 0] 1[w·x′ > 0]]. */
  degreeZero: number;
  /** x·x′. */
  dot: number;
}

export function arcCosine(x: Float64Array, xOffset: number, y: Float64Array, yOffset: number, inputDim: number): ArcCosine {
  let dot = 0;
  let xx = 0;
  let yy = 0;
  for (let j = 0; j < inputDim; j++) {
    const a = x[xOffset + j];
    const b = y[yOffset + j];
    dot += a * b;
    xx += a * a;
    yy += b * b;
  }
  const norms = Math.sqrt(xx * yy);
  if (norms === 0) return { degreeOne: 0, degreeZero: 0, dot };
  const cos = Math.min(1, Math.max(-1, dot / norms));
  const angle = Math.acos(cos);
  const sin = Math.sqrt(Math.max(0, 1 - cos * cos));
  return {
    degreeOne: (norms / (2 * Math.PI)) * (sin + (Math.PI - angle) * cos),
    degreeZero: (Math.PI - angle) / (2 * Math.PI),
    dot,
  };
}

function kernelMatrix(
  entry: (k: ArcCosine) => number,
  xa: Float64Array,
  countA: number,
  xb: Float64Array,
  countB: number,
  inputDim: number,
): Float64Array {
  const out = new Float64Array(countA * countB);
  for (let p = 0; p < countA; p++) {
    for (let q = 0; q < countB; q++) out[p * countB + q] = entry(arcCosine(xa, p * inputDim, xb, q * inputDim, inputDim));
  }
  return out;
}

/** The expected (for 'ntk': infinite-width) tangent kernel Θ(xa, xb), countA × countB. */
export function analyticNtk(spec: KernelSpec, xa: Float64Array, countA: number, xb: Float64Array, countB: number, inputDim: number): Float64Array {
  const readout = spec.parameterisation === 'ntk' ? 1 : spec.width;
  const alpha2 = spec.alpha * spec.alpha;
  return kernelMatrix((k) => alpha2 * (readout * k.degreeOne + k.dot * k.degreeZero), xa, countA, xb, countB, inputDim);
}

/** The covariance Σ(xa, xb) of the network's function at initialisation (the NNGP kernel), countA × countB. */
export function priorCovariance(spec: KernelSpec, xa: Float64Array, countA: number, xb: Float64Array, countB: number, inputDim: number): Float64Array {
  if (spec.init === 'paired') return new Float64Array(countA * countB);
  const alpha2 = spec.alpha * spec.alpha;
  return kernelMatrix((k) => alpha2 * k.degreeOne, xa, countA, xb, countB, inputDim);
}

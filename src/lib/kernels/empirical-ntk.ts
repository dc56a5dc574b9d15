/**
 * The empirical neural tangent kernel (Jacot, Gabriel & Hongler 2018, eq. 4):
 *
 *   Θ(x, x′) = Σ_p ∂_p f(x) ∂_p f(x′)   i.e. Θ = J Jᵀ over the rows of the Jacobian (jacobian.ts).
 *
 * For the two-layer net the sum over parameters folds into a sum over units,
 *
 *   Θ(x, x′) = s² Σᵢ [ relu(uᵢ) relu(uᵢ′) + aᵢ² 1[uᵢ > 0] 1[uᵢ′ > 0] x·x′ ],   uᵢ = wᵢ·x, uᵢ′ = wᵢ·x′,
 *
 * which `tangentKernel` computes without building J (a test checks it equals J Jᵀ). The first term is
 * the output layer's share (the hidden features' own kernel), the second the hidden layer's.
 * Shapes: kernels are row-major Float64Array (countA × countB). Plain arrays: nothing to dispose.
 */
import { outputScale, preactivations, type TwoLayerNet } from './two-layer-net';

/** Θ = Ja Jbᵀ for Jacobians with `params` columns. */
export function kernelFromJacobians(ja: Float64Array, countA: number, jb: Float64Array, countB: number, params: number): Float64Array {
  const kernel = new Float64Array(countA * countB);
  for (let p = 0; p < countA; p++) {
    for (let q = 0; q < countB; q++) {
      let sum = 0;
      for (let k = 0; k < params; k++) sum += ja[p * params + k] * jb[q * params + k];
      kernel[p * countB + q] = sum;
    }
  }
  return kernel;
}

export interface KernelParts {
  /** Θ, countA × countB. */
  total: Float64Array;
  /** The output layer's share s² Σ relu relu′ (the feature kernel of the hidden layer). */
  outputLayer: Float64Array;
}

/** Per input, relu(uᵢ) and aᵢ·1[uᵢ > 0] for every unit (row-major count × width). */
function unitTerms(net: TwoLayerNet, x: Float64Array, count: number): { relu: Float64Array; gated: Float64Array } {
  const relu = preactivations(net, x, count);
  const gated = new Float64Array(relu.length);
  const { output, width } = net;
  for (let p = 0; p < count; p++) {
    for (let i = 0; i < width; i++) {
      const u = relu[p * width + i];
      relu[p * width + i] = u > 0 ? u : 0;
      gated[p * width + i] = u > 0 ? output[i] : 0;
    }
  }
  return { relu, gated };
}

/** Θ(xa, xb) of the net, and the output layer's share of it, by the sum over units (two dot products per entry). */
export function tangentKernelParts(net: TwoLayerNet, xa: Float64Array, countA: number, xb: Float64Array, countB: number): KernelParts {
  const { width, inputDim } = net;
  const scale2 = outputScale(net) ** 2;
  const ta = unitTerms(net, xa, countA);
  const tb = xa === xb && countA === countB ? ta : unitTerms(net, xb, countB);
  const total = new Float64Array(countA * countB);
  const outputLayer = new Float64Array(countA * countB);
  for (let p = 0; p < countA; p++) {
    for (let q = 0; q < countB; q++) {
      let dot = 0;
      for (let j = 0; j < inputDim; j++) dot += xa[p * inputDim + j] * xb[q * inputDim + j];
      let features = 0;
      let gates = 0;
      const rowA = p * width;
      const rowB = q * width;
      for (let i = 0; i < width; i++) {
        features += ta.relu[rowA + i] * tb.relu[rowB + i];
        gates += ta.gated[rowA + i] * tb.gated[rowB + i];
      }
      outputLayer[p * countB + q] = scale2 * features;
      total[p * countB + q] = scale2 * (features + gates * dot);
    }
  }
  return { total, outputLayer };
}

/** Θ(xa, xb), countA × countB. */
export function tangentKernel(net: TwoLayerNet, xa: Float64Array, countA: number, xb: Float64Array, countB: number): Float64Array {
  return tangentKernelParts(net, xa, countA, xb, countB).total;
}

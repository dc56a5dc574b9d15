/**
 * Per-example parameter gradients of the two-layer net (two-layer-net.ts), f = s Σᵢ aᵢ relu(wᵢ·x):
 *
 *   ∂f/∂wᵢⱼ = s · aᵢ · 1[wᵢ·x > 0] · xⱼ,     ∂f/∂aᵢ = s · relu(wᵢ·x).
 *
 * (ReLU's derivative at exactly 0 is taken as 0.) The Jacobian J has one row per input and one column
 * per parameter, in the order of flattenParameters: [hidden…, output…]; shape count × width·(inputDim+1),
 * row-major Float64Array. Jacot, Gabriel & Hongler (2018) define the tangent kernel from these rows.
 */
import { outputScale, parameterCount, type TwoLayerNet } from './two-layer-net';

export function jacobian(net: TwoLayerNet, x: Float64Array, count: number): Float64Array {
  const { hidden, output, width, inputDim } = net;
  const scale = outputScale(net);
  const params = parameterCount(net);
  const outputOffset = width * inputDim;
  const jac = new Float64Array(count * params);
  for (let p = 0; p < count; p++) {
    const row = p * params;
    const xBase = p * inputDim;
    for (let i = 0; i < width; i++) {
      let u = 0;
      for (let j = 0; j < inputDim; j++) u += hidden[i * inputDim + j] * x[xBase + j];
      if (u <= 0) continue;
      const gate = scale * output[i];
      for (let j = 0; j < inputDim; j++) jac[row + i * inputDim + j] = gate * x[xBase + j];
      jac[row + outputOffset + i] = scale * u;
    }
  }
  return jac;
}

/**
 * The MLP's forward pass on plain typed arrays, for inference from a parameter list (../engine's
 * parameters(), or shipped weights) without tfjs: hℓ = f(hℓ₋₁Wℓ + bℓ), logits = h_{L−1}W_L + b_L,
 * W [fanIn × fanOut] row-major; parameters in the lib's order (./mlp.ts): W₁ … W_L, then b₁ … b_L.
 */
import type { Activation } from './activations';

const apply = (kind: Activation, a: number) => (kind === 'relu' ? (a > 0 ? a : 0) : kind === 'tanh' ? Math.tanh(a) : kind === 'sigmoid' ? 1 / (1 + Math.exp(-a)) : a);

/** Logits [n × sizes[L]] of x [n × sizes[0]]. */
export function mlpLogits(sizes: readonly number[], activation: Activation, params: readonly Float32Array[], x: Float32Array, n: number): Float32Array {
  const layers = sizes.length - 1;
  if (params.length !== 2 * layers) throw new Error(`mlpLogits: ${params.length} arrays for ${layers} layers`);
  let h = x;
  for (let l = 0; l < layers; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const w = params[l];
    const b = params[layers + l];
    const out = new Float32Array(n * fanOut);
    for (let i = 0; i < n; i++) {
      const row = out.subarray(i * fanOut, (i + 1) * fanOut);
      row.set(b);
      for (let p = 0; p < fanIn; p++) {
        const v = h[i * fanIn + p];
        if (v === 0) continue;
        for (let j = 0; j < fanOut; j++) row[j] += v * w[p * fanOut + j];
      }
      if (l < layers - 1) for (let j = 0; j < fanOut; j++) row[j] = apply(activation, row[j]);
    }
    h = out;
  }
  return h;
}

// The binarized net's kernels (src/lib/engine/bnn-kernels.ts), JS and WASM SIMD, against plain
// Float64 oracles: the bit-packed ±1 product (odd sizes: padding bits, scalar tails), binarize, and
// the metaplastic Adam update over the whole range of m·|W| (the WASM build's inline exp).
import { describe, expect, it } from 'vitest';
import { jsKernels, wasmKernels } from '../../../src/lib/engine/kernels';
import { jsBnnKernels, packRows, wasmBnnKernels, words } from '../../../src/lib/engine/bnn-kernels';
import { createRng } from '../../../src/lib/random';

const builds = [
  ['js', () => jsKernels(), jsBnnKernels],
  ['wasm-simd', () => wasmKernels(), wasmBnnKernels],
] as const;

describe.each(builds)('BNN kernels (%s)', (_name, shared, make) => {
  it('multiplies ±1 matrices exactly from their bits (k = 77, n = 13: padding and tails)', () => {
    const { heap } = shared();
    const bnn = make(heap);
    const [m, k, n] = [5, 77, 13];
    const rng = createRng(3);
    const rows = heap.alloc(m * k);
    const cols = heap.alloc(k * n);
    const [rowBits, colBits, out, signs] = [heap.alloc(m * words(k)), heap.alloc(words(k) * n), heap.alloc(m * n), heap.alloc(k * n)];
    heap.f32.set(rng.uniformArray(m * k, -1, 1), rows);
    heap.f32.set(rng.uniformArray(k * n, -1, 1), cols);
    heap.f32[cols] = 0; // sign(0) = −1
    packRows(heap, m, k, rows, rowBits);
    bnn.packColumns(k, n, cols, colBits);
    bnn.signProduct(m, n, k, rowBits, colBits, out);
    bnn.binarize(k * n, cols, signs, -1, 1);
    const f = heap.f32;
    const sign = (v: number) => (v > 0 ? 1 : -1);
    for (let i = 0; i < k * n; i++) expect(f[signs + i]).toBe(sign(f[cols + i]));
    for (let r = 0; r < m; r++) {
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let i = 0; i < k; i++) dot += sign(f[rows + r * k + i]) * sign(f[cols + i * n + j]);
        expect(f[out + r * n + j]).toBe(dot);
      }
    }
  });

  it('applies metaplastic Adam as the Float64 formula, f_meta only where m·W > 0 (m·|W| from 0 to 100)', () => {
    const { heap } = shared();
    const bnn = make(heap);
    const count = 1001;
    const rng = createRng(8);
    const init = [rng.uniformArray(count, -2, 2), rng.uniformArray(count, -0.1, 0.1), rng.uniformArray(count, -0.01, 0.01), rng.uniformArray(count, 0, 1e-4)];
    const [p, g, m, v] = init.map((values) => {
      const at = heap.alloc(count);
      heap.f32.set(values, at);
      return at;
    });
    const [beta1, beta2, stepSize, epsHat, meta] = [0.9, 0.999, 0.01, 1e-8, 50];
    bnn.metaAdam(count, p, g, m, v, beta1, beta2, stepSize, epsHat, meta);
    let damped = 0;
    for (let i = 0; i < count; i++) {
      const [w, gi, mi0, vi0] = init.map((a) => a[i]);
      const mi = beta1 * mi0 + (1 - beta1) * gi;
      const vi = beta2 * vi0 + (1 - beta2) * gi * gi;
      const factor = mi * w > 0 ? 1 - Math.tanh(meta * Math.abs(w)) ** 2 : 1;
      if (factor < 0.5) damped++;
      const step = (mi / (Math.sqrt(vi) + epsHat)) * stepSize * factor;
      expect(Math.abs(heap.f32[m + i] - mi)).toBeLessThan(4e-7 * (Math.abs(beta1 * mi0) + Math.abs((1 - beta1) * gi)));
      // float32 rounding of W (|W| ≤ 2) and of m after cancellation; the steps are ~1e-2
      expect(Math.abs(heap.f32[p + i] - (w - step))).toBeLessThan(1e-6);
    }
    expect(damped).toBeGreaterThan(count / 4);
  });
});

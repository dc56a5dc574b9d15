// The binarized net's kernels (src/lib/engine/bnn-kernels.ts), JS and WASM SIMD, against plain
// Float64 oracles: the bit-packed ±1 product (odd sizes: padding bits, scalar tails), binarize, and
// the metaplastic Adam update over the whole range of m·|W| (the WASM build's inline exp).
import { describe, expect, it } from 'vitest';
import { jsKernels, wasmKernels } from '../../../src/lib/engine/kernels';
import { jsBnnKernels, wasmBnnKernels, words } from '../../../src/lib/engine/bnn-kernels';
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
    bnn.packRows(m, k, rows, rowBits);
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

  it('multiplies a ±1 matrix (bits, either layout) by a real one through four-row tables', () => {
    const { heap } = shared();
    const bnn = make(heap);
    // S [m×k] ±1, k = 4·groups; src [k×len], len = 13 (vectors and a scalar tail); out rows 17 apart
    const [m, groups, len, outStride] = [6, 9, 13, 17];
    const k = 4 * groups;
    const rng = createRng(4);
    const signs = heap.alloc(m * k);
    const src = heap.alloc(k * len);
    heap.f32.set(rng.uniformArray(m * k, -1, 1), signs);
    heap.f32.set(rng.uniformArray(k * len, -1, 1), src);
    const [byRows, byColumns, tables, out1, out2] = [heap.alloc(m * words(k)), heap.alloc(words(m) * k), heap.alloc(groups * 16 * len), heap.alloc(m * outStride), heap.alloc(m * outStride)];
    bnn.packRows(m, k, signs, byRows);
    // the same signs by columns: pack Sᵀ [k×m] by columns = S by rows, transposed layout
    const transposed = heap.alloc(k * m);
    for (let i = 0; i < m; i++) for (let r = 0; r < k; r++) heap.f32[transposed + r * m + i] = heap.f32[signs + i * k + r];
    bnn.packColumns(k, m, transposed, byColumns);
    bnn.signedTables(groups, len, src, len, tables);
    bnn.selectSum(m, groups, len, byRows, 1, words(k), tables, out1, outStride);
    bnn.selectSum(m, groups, len, byColumns, m, 1, tables, out2, outStride);
    const f = heap.f32;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < len; j++) {
        let dot = 0;
        for (let r = 0; r < k; r++) dot += (f[signs + i * k + r] > 0 ? 1 : -1) * f[src + r * len + j];
        expect(Math.abs(f[out1 + i * outStride + j] - dot)).toBeLessThan(1e-5);
        expect(f[out2 + i * outStride + j]).toBe(f[out1 + i * outStride + j]);
      }
    }
  });

  it('normalises a batch as the Float64 formulas (forward, running statistics, backward)', () => {
    const { heap } = shared();
    const bnn = make(heap);
    const [n, w] = [6, 7];
    const rng = createRng(6);
    const arr = (values: Float32Array) => {
      const at = heap.alloc(values.length);
      heap.f32.set(values, at);
      return at;
    };
    const a = arr(rng.uniformArray(n * w, -5, 5));
    const gamma = arr(rng.uniformArray(w, 0, 1));
    const beta = arr(rng.uniformArray(w, -1, 1));
    const delta = arr(rng.uniformArray(n * w, -1, 1));
    const d0 = heap.f32.slice(delta, delta + n * w);
    const stats = { mean: heap.alloc(w), variance: heap.alloc(w), invStd: heap.alloc(w) };
    const [xhat, z, gg, gb] = [heap.alloc(n * w), heap.alloc(n * w), heap.alloc(w), heap.alloc(w)];
    bnn.normForward(n, w, a, gamma, beta, 1e-5, stats, null, xhat, z);
    bnn.normBackward(n, w, delta, xhat, gamma, stats.invStd, gg, gb);
    const f = heap.f32;
    for (let j = 0; j < w; j++) {
      const col = Array.from({ length: n }, (_, r) => f[a + r * w + j]);
      const mean = col.reduce((s, v) => s + v) / n;
      const inv = 1 / Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / n + 1e-5);
      const xs = col.map((v) => (v - mean) * inv);
      const ds = Array.from({ length: n }, (_, r) => d0[r * w + j]);
      const sumD = ds.reduce((s, v) => s + v);
      const sumDx = ds.reduce((s, v, r) => s + v * xs[r], 0);
      const g = f[gamma + j];
      expect(Math.abs(f[gg + j] - sumDx)).toBeLessThan(1e-5);
      expect(Math.abs(f[gb + j] - sumD)).toBeLessThan(1e-5);
      for (let r = 0; r < n; r++) {
        expect(Math.abs(f[z + r * w + j] - (xs[r] * g + f[beta + j]))).toBeLessThan(1e-5);
        expect(Math.abs(f[delta + r * w + j] - (ds[r] * g - (g * sumD) / n - (xs[r] * g * sumDx) / n) * inv)).toBeLessThan(1e-5 * inv);
      }
    }
    // Evaluation: the running statistics instead of the batch's.
    const running = { mean: arr(rng.uniformArray(w, -1, 1)), variance: arr(rng.uniformArray(w, 1, 2)) };
    bnn.normForward(n, w, a, gamma, beta, 1e-5, stats, running, xhat, z);
    for (let j = 0; j < w; j++) {
      const inv = 1 / Math.sqrt(f[running.variance + j] + 1e-5);
      expect(Math.abs(f[xhat + j] - (f[a + j] - f[running.mean + j]) * inv)).toBeLessThan(1e-5);
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

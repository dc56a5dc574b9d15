/**
 * The binarized net's kernels beyond the shared ones (./heap.ts), in plain JS and as WASM SIMD
 * (./wasm/bnn.ts, a second module over the same memory). Offsets are elements of the heap:
 *
 *   binarize:    out = w > 0 ? hi : lo            (sign(0) = −1, as ../nets/bnn.ts's tf.step)
 *   metaAdam:    Adam whose step is scaled by f_meta = 1 − tanh²(meta·|p|) where m·p > 0
 *                (../rules/metaplastic.ts; meta = 0 is plain Adam)
 *   packColumns: the signs of w [k×n] as bits, by columns: word (i/32, j), bit i%32 = [w[i, j] > 0]
 *   signProduct: out [m×n] = (±1 rows)·(±1 columns) = k − 2·popcount(rows[r] ⊕ cols[·, j]), exact
 *
 * and, as plain loops over the heap (cheap next to the products), packing a row-major ±1 matrix.
 */
import type { Heap, Kernels } from './heap';
import { bnnModule, type BnnExports } from './wasm/bnn';

export interface BnnKernels {
  binarize(n: number, w: number, out: number, lo: number, hi: number): void;
  metaAdam(n: number, p: number, g: number, m: number, v: number, beta1: number, beta2: number, stepSize: number, epsHat: number, meta: number): void;
  packColumns(k: number, n: number, w: number, bits: number): void;
  signProduct(m: number, n: number, k: number, rows: number, cols: number, out: number): void;
}

/** Words per bit-packed run of k signs. */
export const words = (k: number): number => Math.ceil(k / 32);

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function jsBnnKernels(heap: Heap): BnnKernels {
  return {
    binarize(n, w, out, lo, hi) {
      const f = heap.f32;
      for (let i = 0; i < n; i++) f[out + i] = f[w + i] > 0 ? hi : lo;
    },
    metaAdam(n, p, g, m, v, beta1, beta2, stepSize, epsHat, meta) {
      const f = heap.f32;
      const c1 = 1 - beta1;
      const c2 = 1 - beta2;
      for (let i = 0; i < n; i++) {
        const gi = f[g + i];
        const mi = (f[m + i] = beta1 * f[m + i] + c1 * gi);
        const vi = (f[v + i] = beta2 * f[v + i] + c2 * gi * gi);
        let step = (mi / (Math.sqrt(vi) + epsHat)) * stepSize;
        const w = f[p + i];
        if (mi * w > 0) {
          const tanh = 1 - 2 / (1 + Math.exp(2 * meta * Math.abs(w)));
          step *= 1 - tanh * tanh;
        }
        f[p + i] = w - step;
      }
    },
    packColumns(k, n, w, bits) {
      const f = heap.f32;
      const b = heap.i32;
      b.fill(0, bits, bits + words(k) * n);
      for (let i = 0; i < k; i++) {
        const row = w + i * n;
        const word = bits + (i >>> 5) * n;
        const bit = 1 << (i & 31);
        for (let j = 0; j < n; j++) if (f[row + j] > 0) b[word + j] |= bit;
      }
    },
    signProduct(m, n, k, rows, cols, out) {
      const b = heap.i32;
      const f = heap.f32;
      const wc = words(k);
      for (let r = 0; r < m; r++) {
        const h = rows + r * wc;
        for (let j = 0; j < n; j++) {
          let count = 0;
          for (let q = 0; q < wc; q++) count += popcount(b[h + q] ^ b[cols + q * n + j]);
          f[out + r * n + j] = k - 2 * count;
        }
      }
    },
  };
}

let compiled: WebAssembly.Module | undefined;

/** The WASM SIMD build over the heap's memory (that of a `wasmKernels()` heap). */
export function wasmBnnKernels(heap: Heap): BnnKernels {
  if (!heap.memory) throw new Error('wasmBnnKernels: the heap has no WebAssembly memory');
  compiled ??= new WebAssembly.Module(bnnModule());
  const wasm = new WebAssembly.Instance(compiled, { env: { memory: heap.memory } }).exports as unknown as BnnExports;
  return {
    binarize: (n, w, out, lo, hi) => wasm.binarize(n, w * 4, out * 4, lo, hi),
    metaAdam: (n, p, g, m, v, beta1, beta2, stepSize, epsHat, meta) => wasm.meta_adam(n, p * 4, g * 4, m * 4, v * 4, beta1, beta2, stepSize, epsHat, meta),
    packColumns: (k, n, w, bits) => wasm.pack_columns(k, n, w * 4, bits * 4),
    signProduct: (m, n, k, rows, cols, out) => wasm.sign_product(m, n, k, rows * 4, cols * 4, out * 4),
  };
}

/** The BNN kernels that match a shared kernel build. */
export function bnnKernelsFor(kernels: Kernels): BnnKernels {
  return kernels.name === 'wasm-simd' ? wasmBnnKernels(kernels.heap) : jsBnnKernels(kernels.heap);
}

/**
 * Bit-pack the signs of a row-major matrix x [m×k] by rows: word (r, i/32), bit i%32 = [x[r, i] > 0];
 * returns nothing, writes m·⌈k/32⌉ int32 words at `bits`.
 */
export function packRows(heap: Heap, m: number, k: number, x: number, bits: number): void {
  const f = heap.f32;
  const b = heap.i32;
  const wc = words(k);
  for (let r = 0; r < m; r++) {
    const row = x + r * k;
    const out = bits + r * wc;
    for (let q = 0; q < wc; q++) {
      let word = 0;
      const end = Math.min(32, k - 32 * q);
      for (let t = 0; t < end; t++) if (f[row + 32 * q + t] > 0) word |= 1 << t;
      b[out + q] = word;
    }
  }
}

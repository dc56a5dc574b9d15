/**
 * The binarized net's kernels beyond the shared ones (./heap.ts), in plain JS and as WASM SIMD
 * (./wasm/bnn.ts, a second module over the same memory). Offsets are elements of the heap:
 *
 *   binarize:     out = w > 0 ? hi : lo                 (sign(0) = −1, as ../nets/bnn.ts's tf.step)
 *   metaAdam:     Adam whose step is scaled by f_meta = 1 − tanh²(meta·|p|) where m·p > 0
 *                 (../rules/metaplastic.ts; meta = 0 is plain Adam)
 *   packColumns:  the signs of w [k×n] as bits by columns: word (i/32, j), bit i%32 = [w[i, j] > 0]
 *   packRows:     the signs of x [m×k] as bits by rows: word (r, i/32), bit i%32 = [x[r, i] > 0]
 *   signProduct:  out [m×n] = (±1 rows)·(±1 columns) = k − 2·popcount(rows[r] ⊕ cols[·, j]), exact
 *   signedTables, selectSum: a ±1 matrix times a real one by four-row tables ("four Russians"):
 *                 T_g[mask] = Σ_t ±row(4g + t) for the 16 sign patterns of four rows, then each
 *                 output row adds one table row per four rows of the sum
 *   normForward, normBackward, steMask: batch norm and the straight-through mask (./bnn-norm.ts)
 */
import type { Heap, Kernels } from './heap';
import { normBackward, normForward, steMask, type NormStats } from './bnn-norm';
import { bnnModule, type BnnExports } from './wasm/bnn';

export interface BnnKernels {
  binarize(n: number, w: number, out: number, lo: number, hi: number): void;
  metaAdam(n: number, p: number, g: number, m: number, v: number, beta1: number, beta2: number, stepSize: number, epsHat: number, meta: number): void;
  packColumns(k: number, n: number, w: number, bits: number): void;
  packRows(m: number, k: number, x: number, bits: number): void;
  signProduct(m: number, n: number, k: number, rows: number, cols: number, out: number): void;
  /** Tables of `groups` groups of four rows of src (rows srcStride apart, len floats each): [groups × 16 × len]. */
  signedTables(groups: number, len: number, src: number, srcStride: number, tables: number): void;
  /** out[i, 0…len) (rows outStride apart) = Σ_g T_g[bits g·4…g·4+3 of row i], word q of row i at bits + q·qStride + i·iStride. */
  selectSum(m: number, groups: number, len: number, bits: number, qStride: number, iStride: number, tables: number, out: number, outStride: number): void;
  normForward(n: number, w: number, a: number, gamma: number, beta: number, epsilon: number, stats: NormStats, running: { mean: number; variance: number } | null, xhat: number, z: number): void;
  normBackward(n: number, w: number, delta: number, xhat: number, gamma: number, invStd: number, gradGamma: number, gradBeta: number): void;
  steMask(count: number, z: number, delta: number): void;
}

/** Words per bit-packed run of k signs. */
export const words = (k: number): number => Math.ceil(k / 32);

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function jsBnnKernels(heap: Heap): BnnKernels {
  let sums = new Float64Array(0);
  const scratch = (n: number) => (sums.length >= n ? sums : (sums = new Float64Array(n)));
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
    packRows(m, k, x, bits) {
      const f = heap.f32;
      const b = heap.i32;
      const wc = words(k);
      for (let r = 0; r < m; r++) {
        for (let q = 0; q < wc; q++) {
          let word = 0;
          const from = x + r * k + 32 * q;
          const end = Math.min(32, k - 32 * q);
          for (let t = 0; t < end; t++) if (f[from + t] > 0) word |= 1 << t;
          b[bits + r * wc + q] = word;
        }
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
    signedTables(groups, len, src, srcStride, tables) {
      const f = heap.f32;
      for (let g = 0; g < groups; g++) {
        const rows = src + 4 * g * srcStride;
        const t0 = tables + 16 * g * len;
        for (let j = 0; j < len; j++) f[t0 + j] = -f[rows + j] - f[rows + srcStride + j] - f[rows + 2 * srcStride + j] - f[rows + 3 * srcStride + j];
        for (let mask = 1; mask < 16; mask++) {
          const prev = t0 + (mask & (mask - 1)) * len;
          const row = rows + (31 - Math.clz32(mask & -mask)) * srcStride;
          const dst = t0 + mask * len;
          for (let j = 0; j < len; j++) f[dst + j] = f[prev + j] + 2 * f[row + j];
        }
      }
    },
    selectSum(m, groups, len, bits, qStride, iStride, tables, out, outStride) {
      const f = heap.f32;
      const b = heap.i32;
      for (let i = 0; i < m; i++) {
        const o = out + i * outStride;
        f.fill(0, o, o + len);
        for (let g = 0; g < groups; g++) {
          const mask = (b[bits + (g >>> 3) * qStride + i * iStride] >>> ((g & 7) * 4)) & 15;
          const t = tables + (16 * g + mask) * len;
          for (let j = 0; j < len; j++) f[o + j] += f[t + j];
        }
      }
    },
    normForward(n, w, a, gamma, beta, epsilon, stats, running, xhat, z) {
      normForward(heap.f32, n, w, a, gamma, beta, epsilon, stats, running, xhat, z, scratch(w));
    },
    normBackward(n, w, delta, xhat, gamma, invStd, gradGamma, gradBeta) {
      normBackward(heap.f32, n, w, delta, xhat, gamma, invStd, gradGamma, gradBeta, scratch(2 * w));
    },
    steMask(count, z, delta) {
      steMask(heap.f32, count, z, delta);
    },
  };
}

let compiled: WebAssembly.Module | undefined;

/** The WASM SIMD build over the heap's memory (that of a `wasmKernels()` heap). */
export function wasmBnnKernels(heap: Heap): BnnKernels {
  if (!heap.memory) throw new Error('wasmBnnKernels: the heap has no WebAssembly memory');
  compiled ??= new WebAssembly.Module(bnnModule());
  const wasm = new WebAssembly.Instance(compiled, { env: { memory: heap.memory } }).exports as unknown as BnnExports;
  // select_sum's per-row list of table offsets (one int32 per group), grown rarely
  let listSize = 1024;
  let list = heap.alloc(listSize);
  const listFor = (groups: number) => {
    if (groups > listSize) {
      listSize = Math.max(256, groups);
      list = heap.alloc(listSize);
    }
    return list * 4;
  };
  return {
    binarize: (n, w, out, lo, hi) => wasm.binarize(n, w * 4, out * 4, lo, hi),
    metaAdam: (n, p, g, m, v, beta1, beta2, stepSize, epsHat, meta) => wasm.meta_adam(n, p * 4, g * 4, m * 4, v * 4, beta1, beta2, stepSize, epsHat, meta),
    packColumns: (k, n, w, bits) => wasm.pack_columns(k, n, w * 4, bits * 4),
    packRows: (m, k, x, bits) => wasm.pack_rows(m, k, x * 4, bits * 4),
    signProduct: (m, n, k, rows, cols, out) => wasm.sign_product(m, n, k, rows * 4, cols * 4, out * 4),
    signedTables: (groups, len, src, srcStride, tables) => wasm.signed_tables(groups, len, src * 4, srcStride, tables * 4),
    selectSum: (m, groups, len, bits, qStride, iStride, tables, out, outStride) => wasm.select_sum(m, groups, len, bits * 4, qStride, iStride, tables * 4, out * 4, outStride, listFor(groups)),
    normForward: (n, w, a, gamma, beta, epsilon, stats, running, xhat, z) =>
      wasm.norm_forward(n, w, a * 4, gamma * 4, beta * 4, epsilon, stats.mean * 4, stats.variance * 4, stats.invStd * 4, xhat * 4, z * 4, running ? 1 : 0, (running?.mean ?? 0) * 4, (running?.variance ?? 0) * 4),
    normBackward: (n, w, delta, xhat, gamma, invStd, gradGamma, gradBeta) => wasm.norm_backward(n, w, delta * 4, xhat * 4, gamma * 4, invStd * 4, gradGamma * 4, gradBeta * 4),
    steMask: (count, z, delta) => wasm.ste_mask(count, z * 4, delta * 4),
  };
}

/** The BNN kernels that match a shared kernel build. */
export function bnnKernelsFor(kernels: Kernels): BnnKernels {
  return kernels.name === 'wasm-simd' ? wasmBnnKernels(kernels.heap) : jsBnnKernels(kernels.heap);
}

/**
 * out [m×len] (rows outStride apart) = S·src, S [m×(4·groups)] ±1 given by its bits (word q of row
 * i at bits + q·qStride + i·iStride), src [(4·groups)×len] rows srcStride apart (padding rows zero):
 * four-row tables in `tables`, the columns taken in chunks that keep them under `tableFloats`.
 */
export function signTimes(bnn: BnnKernels, tables: number, tableFloats: number, m: number, groups: number, len: number, bits: number, qStride: number, iStride: number, src: number, srcStride: number, out: number, outStride: number): void {
  const chunk = Math.max(4, Math.floor(tableFloats / (16 * groups) / 4) * 4);
  for (let j = 0; j < len; j += chunk) {
    const width = Math.min(chunk, len - j);
    bnn.signedTables(groups, width, src + j, srcStride, tables);
    bnn.selectSum(m, groups, width, bits, qStride, iStride, tables, out + j, outStride);
  }
}

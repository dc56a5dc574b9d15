/**
 * The typed-array engine's hot loops behind one interface, in two builds: plain JavaScript over a
 * Float32Array, and WASM SIMD over the same numbers in a WebAssembly.Memory (./wasm). The models
 * (./mlp.ts, ./cnn.ts) are written once against `Kernels` and address their arrays as float offsets
 * into `heap.f32`, so both builds run the same model code; only gemm and the optimizer loops differ.
 *
 *   gemm:    C[m×n] (+)= A·B,  A(i, p) = f32[a + i·aRow + p·aCol]  (Aᵀ = swapped strides), B [k×n]
 *   gemmTN:  C[m×n] (+)= Aᵀ·B, A [k×m], B [k×n]; one pass over A and B, for a small C
 *   adam / sgd: the fused optimizer updates of ../optim.ts, over one contiguous parameter block
 *
 * Zero entries of A are skipped (exact: 0·b adds nothing), which is what makes MNIST (≈80% zero
 * pixels) and post-ReLU activations cheap.
 */
import { kernelsModule, type KernelExports } from './wasm/kernels-module';

export type KernelsName = 'js' | 'wasm-simd';

/** A growable float32 arena (int32 views over the same bytes); offsets are in elements, 16-byte aligned. */
export class Heap {
  f32: Float32Array;
  i32: Int32Array;
  /** Arrays allocated so far. */
  arrays = 0;
  private top = 0;

  constructor(
    private readonly memory: WebAssembly.Memory | null,
    initialFloats = 1 << 16,
  ) {
    this.f32 = memory ? new Float32Array(memory.buffer) : new Float32Array(initialFloats);
    this.i32 = new Int32Array(this.f32.buffer);
  }

  /** Room for n elements (rounded up to whole 4-element vectors), zeroed; returns its offset. */
  alloc(n: number): number {
    const at = this.top;
    this.arrays += 1;
    this.top += Math.ceil(Math.max(n, 1) / 4) * 4;
    this.ensure(this.top);
    this.f32.fill(0, at, this.top);
    return at;
  }

  get bytes(): number {
    return this.f32.byteLength;
  }

  private ensure(floats: number): void {
    if (floats <= this.f32.length) return;
    if (this.memory) {
      const pages = Math.ceil((floats * 4 - this.memory.buffer.byteLength) / 65536);
      this.memory.grow(pages);
      this.f32 = new Float32Array(this.memory.buffer);
    } else {
      const grown = new Float32Array(Math.max(floats, this.f32.length * 2));
      grown.set(this.f32);
      this.f32 = grown;
    }
    this.i32 = new Int32Array(this.f32.buffer);
  }
}

/**
 * The kernels. Offsets are elements of `heap` (f32, or i32 for `win`); every array is row-major.
 * Re-read `heap.f32` after any call that may allocate (the heap may grow and move).
 */
export interface Kernels {
  readonly name: KernelsName;
  readonly heap: Heap;
  /** C[m×n] (+)= A·B, A(i, p) = f32[a + i·aRow + p·aCol], B [k×n]. */
  gemm(m: number, n: number, k: number, a: number, aRow: number, aCol: number, b: number, c: number, accumulate: boolean): void;
  /** C[m×n] (+)= Aᵀ·B, A [k×m], B [k×n], one pass over A and B (for a small C). */
  gemmTN(m: number, n: number, k: number, a: number, b: number, c: number, accumulate: boolean): void;
  adam(n: number, p: number, g: number, m: number, v: number, beta1: number, beta2: number, stepSize: number, epsHat: number): void;
  sgd(n: number, p: number, g: number, rate: number): void;
  /** pre[r, :] += bias over rows×n; with `post` ≥ 0, post = relu(pre) too. */
  biasAdd(rows: number, n: number, pre: number, bias: number, post: number): void;
  /** d ← d ⊙ [pre > 0] over `count` floats. */
  reluGrad(count: number, pre: number, d: number): void;
  /** out[j] = Σ_r a[r, j]. */
  columnSums(rows: number, n: number, a: number, out: number): void;
  /** out [cols×rows] = aᵀ. */
  transpose(rows: number, cols: number, a: number, out: number): void;
  /** x [n, h, w, ch] → cols [n·ho·wo, k·k·ch] (valid k×k patches, stride 1), and its adjoint (x zeroed, then added to). */
  im2col(n: number, h: number, w: number, ch: number, k: number, x: number, cols: number): void;
  col2im(n: number, h: number, w: number, ch: number, k: number, x: number, cols: number): void;
  /** 2×2 max pool of h [n, ho, wo, ch] into out; win (i32) = each maximum's index in h (ties: top, then left). */
  maxPool(n: number, ho: number, wo: number, ch: number, h: number, out: number, win: number): void;
  /** d[0 … total) ← 0, then d[win[o]] = dp[o] for o < count. */
  unpool(count: number, win: number, dp: number, d: number, total: number): void;
}

export function jsKernels(heap = new Heap(null)): Kernels {
  return {
    name: 'js',
    heap,
    gemm(m, n, k, a, aRow, aCol, b, c, accumulate) {
      const f = heap.f32;
      for (let i = 0; i < m; i++) {
        const crow = c + i * n;
        if (!accumulate) f.fill(0, crow, crow + n);
        let ap = a + i * aRow;
        for (let p = 0; p < k; p++, ap += aCol) {
          const s = f[ap];
          if (s === 0) continue;
          const brow = b + p * n;
          for (let j = 0; j < n; j++) f[crow + j] += s * f[brow + j];
        }
      }
    },
    gemmTN(m, n, k, a, b, c, accumulate) {
      const f = heap.f32;
      if (!accumulate) f.fill(0, c, c + m * n);
      for (let p = 0; p < k; p++) {
        const arow = a + p * m;
        const brow = b + p * n;
        for (let r = 0; r < m; r++) {
          const s = f[arow + r];
          if (s === 0) continue;
          const crow = c + r * n;
          for (let j = 0; j < n; j++) f[crow + j] += s * f[brow + j];
        }
      }
    },
    adam(n, p, g, m, v, beta1, beta2, stepSize, epsHat) {
      const f = heap.f32;
      const c1 = 1 - beta1;
      const c2 = 1 - beta2;
      for (let i = 0; i < n; i++) {
        const gi = f[g + i];
        const mi = (f[m + i] = beta1 * f[m + i] + c1 * gi);
        const vi = (f[v + i] = beta2 * f[v + i] + c2 * gi * gi);
        f[p + i] -= (mi / (Math.sqrt(vi) + epsHat)) * stepSize;
      }
    },
    sgd(n, p, g, rate) {
      const f = heap.f32;
      for (let i = 0; i < n; i++) f[p + i] -= rate * f[g + i];
    },
    biasAdd(rows, n, pre, bias, post) {
      const f = heap.f32;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < n; j++) {
          const a = (f[pre + r * n + j] += f[bias + j]);
          if (post >= 0) f[post + r * n + j] = a < 0 ? 0 : a;
        }
      }
    },
    reluGrad(count, pre, d) {
      const f = heap.f32;
      for (let i = 0; i < count; i++) if (!(f[pre + i] > 0)) f[d + i] = 0;
    },
    columnSums(rows, n, a, out) {
      const f = heap.f32;
      f.fill(0, out, out + n);
      for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) f[out + j] += f[a + r * n + j];
    },
    transpose(rows, cols, a, out) {
      const f = heap.f32;
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) f[out + c * rows + r] = f[a + r * cols + c];
    },
    im2col(n, h, w, ch, k, x, cols) {
      patchLoop(heap.f32, n, h, w, ch, k, x, cols, false);
    },
    col2im(n, h, w, ch, k, x, cols) {
      heap.f32.fill(0, x, x + n * h * w * ch);
      patchLoop(heap.f32, n, h, w, ch, k, x, cols, true);
    },
    maxPool(n, ho, wo, ch, h, out, win) {
      const f = heap.f32;
      const wins = heap.i32;
      const rs = wo * ch;
      let o = 0;
      for (let i = 0; i < n; i++) {
        for (let py = 0; py < ho; py += 2) {
          for (let px = 0; px < wo; px += 2) {
            const tl = (i * ho + py) * rs + px * ch;
            for (let c = 0; c < ch; c++, o++) {
              const i00 = tl + c;
              const i10 = i00 + rs;
              const left = f[h + i00] >= f[h + i10] ? i00 : i10;
              const right = f[h + i00 + ch] >= f[h + i10 + ch] ? i00 + ch : i10 + ch;
              const best = f[h + left] >= f[h + right] ? left : right;
              wins[win + o] = best;
              f[out + o] = f[h + best];
            }
          }
        }
      }
    },
    unpool(count, win, dp, d, total) {
      const f = heap.f32;
      const wins = heap.i32;
      f.fill(0, d, d + total);
      for (let o = 0; o < count; o++) f[d + wins[win + o]] = f[dp + o];
    },
  };
}

function patchLoop(f: Float32Array, n: number, h: number, w: number, ch: number, k: number, x: number, cols: number, add: boolean): void {
  const ho = h - k + 1;
  const wo = w - k + 1;
  const run = k * ch;
  let out = cols;
  for (let i = 0; i < n; i++) {
    const image = x + i * h * w * ch;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ki = 0; ki < k; ki++) {
          const src = image + ((oy + ki) * w + ox) * ch;
          const dst = out + ki * run;
          if (add) for (let t = 0; t < run; t++) f[src + t] += f[dst + t];
          else for (let t = 0; t < run; t++) f[dst + t] = f[src + t];
        }
        out += k * run;
      }
    }
  }
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernels module, or null where WebAssembly or its SIMD extension is missing. */
export function wasmSimdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = kernelsModule();
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

export function wasmSimdAvailable(): boolean {
  return wasmSimdModule() !== null;
}

/** The WASM SIMD kernels over a fresh memory; throws where WASM SIMD is unavailable. */
export function wasmKernels(): Kernels {
  const module = wasmSimdModule();
  if (!module) throw new Error('WebAssembly SIMD is not available here');
  const memory = new WebAssembly.Memory({ initial: 16 });
  const wasm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const heap = new Heap(memory);
  // gemm's per-row list of non-zeros: 8 bytes per entry of a row of A. Allocated up front, because
  // growing the memory mid-step would detach the views the model code holds; grown only for a rare
  // k above it (the model code re-reads heap.f32 after every kernel call that may allocate).
  let scratchFloats = 2 * 16384;
  let scratch = heap.alloc(scratchFloats);
  const scratchFor = (k: number) => {
    if (2 * k > scratchFloats) {
      scratchFloats = 2 * k;
      scratch = heap.alloc(scratchFloats);
    }
    return scratch * 4;
  };
  return {
    name: 'wasm-simd',
    heap,
    gemm(m, n, k, a, aRow, aCol, b, c, accumulate) {
      wasm.gemm(m, n, k, a * 4, aRow * 4, aCol * 4, b * 4, c * 4, accumulate ? 1 : 0, scratchFor(k));
    },
    gemmTN(m, n, k, a, b, c, accumulate) {
      wasm.gemm_tn(m, n, k, a * 4, b * 4, c * 4, accumulate ? 1 : 0, scratchFor(m));
    },
    adam(n, p, g, m, v, beta1, beta2, stepSize, epsHat) {
      wasm.adam(n, p * 4, g * 4, m * 4, v * 4, beta1, beta2, stepSize, epsHat);
    },
    sgd(n, p, g, rate) {
      wasm.sgd(n, p * 4, g * 4, rate);
    },
    biasAdd(rows, n, pre, bias, post) {
      if (post >= 0) wasm.bias_relu(rows, n, pre * 4, bias * 4, post * 4);
      else wasm.bias_add(rows, n, pre * 4, bias * 4, 0);
    },
    reluGrad(count, pre, d) {
      wasm.relu_grad(count, pre * 4, d * 4);
    },
    columnSums(rows, n, a, out) {
      wasm.col_sums(rows, n, a * 4, out * 4);
    },
    transpose(rows, cols, a, out) {
      wasm.transpose(rows, cols, a * 4, out * 4);
    },
    im2col(n, h, w, ch, k, x, cols) {
      wasm.im2col(n, h, w, ch, k, h - k + 1, w - k + 1, x * 4, cols * 4);
    },
    col2im(n, h, w, ch, k, x, cols) {
      wasm.col2im(n, h, w, ch, k, h - k + 1, w - k + 1, x * 4, cols * 4);
    },
    maxPool(n, ho, wo, ch, h, out, win) {
      wasm.max_pool(n, ho, wo, ch, h * 4, out * 4, win * 4);
    },
    unpool(count, win, dp, d, total) {
      wasm.unpool(count, win * 4, dp * 4, d * 4, total);
    },
  };
}

export function createKernels(name: KernelsName): Kernels {
  return name === 'wasm-simd' ? wasmKernels() : jsKernels();
}

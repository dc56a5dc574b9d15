/** The typed-array engine's memory (a growable arena) and its kernels' interface (see ./kernels.ts). */

export type KernelsName = 'js' | 'wasm-simd';

/** A growable float32 arena (int32 views over the same bytes); offsets are in elements, 16-byte aligned. */
export class Heap {
  f32: Float32Array;
  i32: Int32Array;
  /** Arrays allocated so far. */
  arrays = 0;
  private top = 0;

  constructor(
    readonly memory: WebAssembly.Memory | null,
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
  /** 2×2 max pool at stride 1 of h [n, hh, ww, ch] into out [n, hh−1, ww−1, ch]; win as maxPool (ties: top, then left). */
  maxPool1(n: number, hh: number, ww: number, ch: number, h: number, out: number, win: number): void;
  /** d[0 … total) ← 0, then d[win[o]] += dp[o] for o < count (windows that overlap share winners). */
  unpoolAdd(count: number, win: number, dp: number, d: number, total: number): void;
  /** [1,2,1]ᵀ[1,2,1]/16 blur of x [n, hh, ww, ch] (reflect padding 1) sampled at stride 2 into out [n, ⌊(hh−1)/2⌋+1, ⌊(ww−1)/2⌋+1, ch]. */
  blurDown(n: number, hh: number, ww: number, ch: number, x: number, out: number): void;
  /** Its adjoint: d [n, hh, ww, ch] ← 0, then each output's gradient spread back over its 9 taps. */
  blurDownAdjoint(n: number, hh: number, ww: number, ch: number, d: number, dOut: number): void;
  /** out [n, ch] = the mean of h [n, p, ch] over its p positions. */
  globalAverage(n: number, p: number, ch: number, h: number, out: number): void;
  /** d [n, p, ch] = g [n, ch] / p at every position (the adjoint of globalAverage). */
  spreadAverage(n: number, p: number, ch: number, g: number, d: number): void;
}

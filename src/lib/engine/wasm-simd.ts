/** The kernels as WASM SIMD over a WebAssembly.Memory, emitted at run time (./wasm). */
import { Heap, type Kernels } from './heap';
import { kernelsModule, type KernelExports } from './wasm/kernels-module';

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
    maxPool1(n, hh, ww, ch, h, out, win) {
      wasm.max_pool1(n, hh, ww, ch, h * 4, out * 4, win * 4);
    },
    unpoolAdd(count, win, dp, d, total) {
      wasm.unpool_add(count, win * 4, dp * 4, d * 4, total);
    },
    blurDown(n, hh, ww, ch, x, out) {
      wasm.blur_down(n, hh, ww, ch, x * 4, out * 4);
    },
    blurDownAdjoint(n, hh, ww, ch, d, dOut) {
      wasm.blur_down_adjoint(n, hh, ww, ch, d * 4, dOut * 4);
    },
    globalAverage(n, p, ch, h, out) {
      wasm.global_average(n, p, ch, h * 4, out * 4);
    },
    spreadAverage(n, p, ch, g, d) {
      wasm.spread_average(n, p, ch, g * 4, d * 4);
    },
  };
}

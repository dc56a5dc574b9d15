/**
 * The typed-array engine's hot loops behind one interface, in two builds: plain JavaScript over a
 * Float32Array, and WASM SIMD over the same numbers in a WebAssembly.Memory (./wasm). The models
 * (./mlp.ts, ./cnn.ts) are written once against `Kernels` and address their arrays as float offsets
 * into `heap.f32`, so both builds run the same model code (interface: ./heap.ts).
 *
 *   gemm:    C[m×n] (+)= A·B,  A(i, p) = f32[a + i·aRow + p·aCol]  (Aᵀ = swapped strides), B [k×n]
 *   gemmTN:  C[m×n] (+)= Aᵀ·B, A [k×m], B [k×n]; one pass over A and B, for a small C
 *   adam / sgd: the fused optimizer updates of ../optim.ts, over one contiguous parameter block
 *   and the element-wise and convolution loops: bias + ReLU, ∂ReLU, column sums, transpose,
 *   im2col / col2im, 2×2 max pooling and its routing back
 *
 * Zero entries of A are skipped (exact: 0·b adds nothing), which is what makes MNIST (≈80% zero
 * pixels) and post-ReLU activations cheap.
 */
import type { Kernels, KernelsName } from './heap';
import { jsKernels } from './js-kernels';
import { wasmKernels } from './wasm-simd';

export { Heap } from './heap';
export type { Kernels, KernelsName } from './heap';
export { jsKernels } from './js-kernels';
export { wasmKernels, wasmSimdAvailable, wasmSimdModule } from './wasm-simd';

export function createKernels(name: KernelsName): Kernels {
  return name === 'wasm-simd' ? wasmKernels() : jsKernels();
}

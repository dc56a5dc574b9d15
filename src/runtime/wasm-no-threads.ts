/**
 * Stands in, in the essay's build, for tfjs-backend-wasm's threaded build (its Emscripten factory
 * and pthread worker source: ~20 KB gzipped on every page). Threads need cross-origin isolation
 * (COOP/COEP headers), which the static hosts the essay targets do not send, and the worker turns
 * them off explicitly (WASM_HAS_MULTITHREAD_SUPPORT = false, src/runtime/backend.ts), so tfjs
 * always takes its single-threaded SIMD build. The benchmark page (bench/vite.config.ts) keeps the
 * real threaded build to measure it. Wired up in vite.config.ts.
 */
export default function threadedWasmUnavailable(): never {
  throw new Error('tfjs-backend-wasm: the threaded build is not part of this site (no cross-origin isolation).');
}

export const wasmWorkerContents = '';

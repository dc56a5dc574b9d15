/**
 * Backend selection, run INSIDE the training worker: probe WebGPU, WebGL, WASM, CPU in that order
 * (backend-choice.ts decides), keep the first that starts in time and multiplies a 2×2 matrix
 * correctly, and watch a GPU backend for a lost context.
 *
 * Each backend package is imported only when it is probed, so the WASM/CPU path never downloads
 * the GPU code, and a software GPU is recognised before its package is fetched.
 */
import * as tf from '@tensorflow/tfjs-core';
import { contextLostText, decideBackend, isSoftwareAdapter, isSoftwareRenderer, type BackendInfo, type BackendName, type ProbeResult } from './backend-choice';

export interface SelectOptions {
  forced: BackendName | null;
  /** Backends not to try again (a lost GPU context, a timed-out init). */
  exclude?: BackendName[];
  /** Per-backend initialisation limit. */
  timeoutMs?: number;
  /** Called once if the kept GPU backend loses its context later: `why` in English, `detail` the driver's message if any. */
  onLost?: (name: BackendName, why: string, detail?: string) => void;
}

const DEFAULT_TIMEOUT_MS = 5000;

export async function selectBackend(options: SelectOptions): Promise<BackendInfo> {
  const probes: ProbeResult[] = [];
  const exclude = options.exclude ?? [];
  for (;;) {
    const decision = decideBackend(options.forced, probes, exclude);
    if (decision.done) {
      if (!decision.info) throw new Error(`No tfjs backend could start: ${decision.why}`);
      if (options.onLost) watchContextLoss(decision.info.name, options.onLost);
      return decision.info;
    }
    const name = decision.next;
    probes.push(await probeBackend(name, name === options.forced, options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  }
}

/** Probe one backend: does the API exist, is it real hardware, does it start in time, is it right. */
export async function probeBackend(name: BackendName, forced: boolean, timeoutMs: number): Promise<ProbeResult> {
  const result: ProbeResult = { name, available: false, initialised: false, correct: false };
  try {
    const device = await PREFLIGHT[name]();
    if (device === null) return result;
    result.available = true;
    result.device = device.label;
    result.software = device.software;
    if (device.software && !forced) return result; // skip without downloading the package
    await REGISTER[name]();
    const started = await withTimeout(tf.setBackend(name), timeoutMs);
    if (started === 'timeout') {
      result.timedOut = true;
      safeRemove(name); // clears tfjs' pending init so the next setBackend does not wait on it
      return result;
    }
    result.initialised = started;
    if (started) result.correct = await passesCheck(timeoutMs);
    if (!result.correct) safeRemove(name);
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    safeRemove(name);
  }
  return result;
}

interface Preflight {
  label?: string;
  software: boolean;
}

/** Cheap checks before importing a backend package; null means the API is missing. */
const PREFLIGHT: Record<BackendName, () => Promise<Preflight | null>> = {
  async webgpu() {
    const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
    if (!gpu) return null;
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
    const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    const facts = { isFallbackAdapter: info?.isFallbackAdapter ?? legacyFallback, vendor: info?.vendor, architecture: info?.architecture, description: info?.description };
    const label = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || undefined;
    return { label, software: isSoftwareAdapter(facts) };
  },
  async webgl() {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // free the probe context
    return { label: renderer, software: isSoftwareRenderer(renderer) };
  },
  async wasm() {
    return typeof WebAssembly === 'object' ? { label: undefined, software: false } : null;
  },
  async cpu() {
    return { software: false };
  },
};

/** Import the backend package (it registers itself with tfjs-core). */
const REGISTER: Record<BackendName, () => Promise<void>> = {
  async webgpu() {
    await import('@tensorflow/tfjs-backend-webgpu');
  },
  async webgl() {
    await import('@tensorflow/tfjs-backend-webgl');
  },
  async wasm() {
    // The backend without its 160 kernels, then only the kernels the essay runs (wasm-kernels.ts).
    const [wasm, paths] = await Promise.all([import('@tensorflow/tfjs-backend-wasm/dist/base'), import('./wasm-paths'), import('./tfjs-wasm-kernels')]);
    wasm.setWasmPaths(paths.wasmPaths);
    // Single-threaded SIMD always: the threaded build needs cross-origin isolation and is not shipped (wasm-no-threads.ts).
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  },
  async cpu() {
    await import('@tensorflow/tfjs-backend-cpu');
  },
};

/** [[1,2],[3,4]] · [[5,6],[7,8]] = [[19,22],[43,50]]: a backend that gets this wrong is not used. */
export async function passesCheck(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<boolean> {
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
  try {
    const values = await withTimeout(product.data(), timeoutMs);
    if (values === 'timeout') return false;
    const expected = [19, 22, 43, 50];
    return expected.every((v, i) => Math.abs(values[i] - v) < 1e-3);
  } finally {
    product.dispose();
  }
}

/** Report a lost GPU context once: WebGL's `webglcontextlost` on its canvas, WebGPU's `device.lost`. */
function watchContextLoss(name: BackendName, onLost: (name: BackendName, why: string, detail?: string) => void): void {
  let reported = false;
  const report = (detail?: string) => {
    if (reported) return;
    reported = true;
    onLost(name, contextLostText(name, detail), detail);
  };
  const backend = tf.findBackend(name) as unknown as Record<string, unknown> | null;
  if (!backend) return;
  if (name === 'webgl') {
    const gl = (backend.gpgpu as { gl?: WebGLRenderingContext } | undefined)?.gl;
    const canvas = gl?.canvas as (HTMLCanvasElement | OffscreenCanvas) | undefined;
    canvas?.addEventListener('webglcontextlost', () => report());
  } else if (name === 'webgpu') {
    const device = backend.device as GPUDevice | undefined;
    void device?.lost.then((info) => report(info.message ? info.message.replace(/\.$/, '') : undefined));
  }
}

/** Lose the current GPU backend's context as a driver reset would (WEBGL_lose_context; WebGPU's device.destroy()). */
export function loseGpuContext(): BackendName | null {
  const name = tf.getBackend() as BackendName;
  const backend = tf.findBackend(name) as unknown as Record<string, unknown> | null;
  if (name === 'webgl') {
    const gl = (backend?.gpgpu as { gl?: WebGLRenderingContext } | undefined)?.gl;
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl ? name : null;
  }
  if (name === 'webgpu') {
    const device = backend?.device as GPUDevice | undefined;
    device?.destroy();
    return device ? name : null;
  }
  return null;
}

function safeRemove(name: BackendName): void {
  try {
    if (tf.findBackendFactory(name)) tf.removeBackend(name);
  } catch {
    // already gone
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

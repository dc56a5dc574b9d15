/**
 * Which training engine runs a model here: the pure decision, apart from the measuring
 * (calibrate.ts) and the cache (cache.ts).
 *
 * Candidates: the typed-array engines ('js'; 'wasm-simd' where WASM SIMD validates), the fused
 * WebGPU engine where the worker chose WebGPU (backend-choice.ts keeps it only on a real GPU), and
 * the lib on the tfjs backend the worker chose (a real GPU's WebGL, else tfjs' WASM).
 * A reader who forces a backend (?backend=) gets the lib on it and nothing else. Priors keep
 * calibration short: a GPU is not tried for a net too small to fill it (its per-step dispatch and
 * readback cost more than the whole step on the CPU), and tfjs' CPU backend only when nothing else
 * can train the model. Then every candidate is timed for a moment on real batches, checked against
 * the reference's first two losses (before and after one update), and the fastest correct one wins; the answer is cached per model, batch
 * size and device.
 */
import type { EngineName, ModelSpec } from '../../lib/engine/types';
import { engineBackend, forwardMacs, modelKey } from '../../lib/engine/types';
import type { BackendInfo } from '../backend-choice';
import { engineWhyText, type EngineWhy } from './words';

export { engineLabel } from './words';

/** Bump when kernels or priors change: cached choices from older code are measured again. */
export const ENGINE_CACHE_VERSION = 2;

/** Below this many multiply-adds per step (forward, one batch) a GPU cannot win: not even tried. */
export const GPU_MIN_MACS_PER_STEP = 2_000_000;

/**
 * The fused WebGPU engine costs ~10 dispatches and one submit a step (not ~100 and ~6 as the lib on
 * tfjs-webgpu), so it is tried from a smaller net; it replaces the lib on WebGPU, which it beats
 * by ~100× on a real GPU (bench/RESULTS.md), so timing the lib there would only slow calibration.
 */
export const FUSED_GPU_MIN_MACS_PER_STEP = 200_000;

/** Where the worker stands: its tfjs backend and what the JavaScript engine offers. */
export interface DeviceFacts {
  backend: BackendInfo;
  wasmSimd: boolean;
  /** Cross-origin isolated (SharedArrayBuffer, threads): part of the cache key. */
  isolated?: boolean;
  cores?: number;
  userAgent?: string;
}

/** One candidate's calibration. */
export interface Measurement {
  engine: EngineName;
  /** Timed steps per second after warm-up; 0 if it failed. */
  stepsPerSec: number;
  /** Creation plus the first step (shader compilation, WASM instantiation), ms. */
  firstStepMs: number;
  /** Its first two losses (before and after one update) agreed with the reference engine's. */
  correct: boolean;
  error?: string;
}

/** What the choice is and why (shown in the badge's tooltip). */
export interface EngineChoice {
  engine: EngineName;
  /** In English (the worker's words); `why` is the same as data, for the page to say in its language. */
  reason: string;
  /** Absent from choices cached by older code. */
  why?: EngineWhy;
  measurements: Measurement[];
  /** Read from the cache rather than measured now. */
  cached: boolean;
}

/** The engines worth timing for this model, best guess first. */
export function engineCandidates(model: ModelSpec, batchSize: number, facts: DeviceFacts): EngineName[] {
  const backend = facts.backend.name;
  const lib: EngineName = `tfjs-${backend}`;
  if (facts.backend.forced) return [lib];
  // The binarized net's plain-JS engine is ~10× slower than its WASM SIMD one: not worth timing.
  const typed: EngineName[] = facts.wasmSimd ? (model.kind === 'bnn' ? ['wasm-simd'] : ['wasm-simd', 'js']) : ['js'];
  const out: EngineName[] = [];
  const macs = forwardMacs(model) * batchSize;
  if (facts.backend.isGpu && backend === 'webgpu' && macs >= FUSED_GPU_MIN_MACS_PER_STEP) {
    out.push('webgpu');
  } else if (facts.backend.isGpu) {
    if (macs >= GPU_MIN_MACS_PER_STEP || typed.length === 0) out.push(lib);
  } else if (backend === 'wasm') {
    out.push(lib);
  } else if (typed.length === 0) {
    out.push(lib);
  }
  // A GPU first (it is the one most likely to win when it is tried at all), then the typed engines.
  return facts.backend.isGpu ? [...out, ...typed] : [...typed, ...out];
}

/** The cache key: model, batch size and everything about the device that changes the ranking. */
export function engineCacheKey(model: ModelSpec, batchSize: number, facts: DeviceFacts): string {
  const b = facts.backend;
  return [
    `v${ENGINE_CACHE_VERSION}`,
    modelKey(model),
    `b${batchSize}`,
    b.name + (b.forced ? '!' : ''),
    b.device ?? '',
    facts.wasmSimd ? 'simd' : 'nosimd',
    facts.isolated ? 'coi' : '',
    facts.cores ?? '',
    facts.userAgent ?? '',
  ].join('|');
}

/**
 * The fastest candidate that worked and agreed with the rest; ties (within 5%) go to the earlier
 * candidate. With nothing measured correct, the first candidate that did not fail, else the first.
 */
export function decideEngine(measurements: readonly Measurement[]): { engine: EngineName; reason: string; why: EngineWhy } {
  if (measurements.length === 0) throw new Error('decideEngine: nothing was measured');
  const usable = measurements.filter((m) => m.correct && !m.error && m.stepsPerSec > 0);
  let engine: EngineName;
  let why: EngineWhy;
  if (usable.length === 0) {
    engine = (measurements.find((m) => !m.error) ?? measurements[0]).engine;
    why = { kind: 'uncalibrated', engine };
  } else {
    let best = usable[0];
    for (const m of usable.slice(1)) if (m.stepsPerSec > best.stepsPerSec * 1.05) best = m;
    engine = best.engine;
    const brief = ({ engine, stepsPerSec, correct, error }: Measurement) => ({ engine, stepsPerSec, correct, ...(error !== undefined && { error }) });
    why = { kind: 'fastest', measured: [best, ...measurements.filter((m) => m !== best)].map(brief) };
  }
  return { engine, reason: engineWhyText(why), why };
}

/** Whether an engine computes on the GPU. */
export function engineOnGpu(engine: EngineName): boolean {
  const backend = engineBackend(engine);
  return engine === 'webgpu' || backend === 'webgl' || backend === 'webgpu';
}

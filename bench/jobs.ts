/**
 * What the benchmark measures: each chapter's standard model, and the engine paths a job can ask
 * for. Shared by the bench page (bench-worker.ts) and the driver (scripts/bench.ts).
 */
import type { EngineName, ModelSpec } from '../src/lib/engine/types';
import { SMALL_CNN } from '../src/lib/nets/cnn';
import type { OptimizerKind } from '../src/lib/rules/update';

export interface BenchModel {
  id: string;
  label: string;
  /** The chapter whose standard model this is. */
  chapter: string;
  spec: ModelSpec;
  batch: number;
  data: 'mnist' | 'toy';
  optimizer: OptimizerKind;
  learningRate: number;
}

export const MODELS: BenchModel[] = [
  { id: 'mlp', label: 'MLP 784-256-10', chapter: 'Introduction', spec: { kind: 'mlp', sizes: [784, 256, 10], activation: 'relu' }, batch: 64, data: 'mnist', optimizer: 'adam', learningRate: 1e-3 },
  { id: 'mlp2', label: 'MLP 784-256-256-10', chapter: 'Feedback alignment, Adversarial', spec: { kind: 'mlp', sizes: [784, 256, 256, 10], activation: 'relu' }, batch: 64, data: 'mnist', optimizer: 'adam', learningRate: 1e-3 },
  { id: 'bnn', label: 'BNN 784-512-512-10', chapter: 'Catastrophic forgetting, Binary crossbar', spec: { kind: 'bnn', sizes: [784, 512, 512, 10] }, batch: 64, data: 'mnist', optimizer: 'adam', learningRate: 5e-3 },
  { id: 'cnn', label: 'CNN conv8-pool-conv16-pool-fc10', chapter: 'CNN pooling', spec: { kind: 'cnn', spec: SMALL_CNN }, batch: 32, data: 'mnist', optimizer: 'adam', learningRate: 3e-3 },
  { id: 'toy', label: 'MLP 2-16-2 (toy)', chapter: 'playground-class toys', spec: { kind: 'mlp', sizes: [2, 16, 2], activation: 'tanh' }, batch: 32, data: 'toy', optimizer: 'adam', learningRate: 0.03 },
];

/**
 * A path: an engine (./src/lib/engine), plain tfjs autodiff ('baseline': tf.train.adam over
 * tf.variableGrads, the "no tuning" way), or 'auto' (the engine chooser: calibration, then the
 * engine it picked).
 */
export type BenchPath = EngineName | 'baseline' | 'auto';

export interface BenchJob {
  model: string;
  path: BenchPath;
  /** A second path measured in alternating windows with the first (same-load ratio). */
  against?: BenchPath;
  /** Timed windows and their length. */
  windows: number;
  windowMs: number;
  /** Also return the first 20 losses at batch 8 (numerical agreement). */
  curve?: boolean;
}

export interface BenchPageOptions {
  /** tfjs backend to start in the worker. */
  backend: 'cpu' | 'wasm' | 'webgl' | 'webgpu';
  /** For 'auto': tell the chooser the backend is a real GPU (to see that calibration still measures it). */
  treatAsGpu?: boolean;
  jobs: BenchJob[];
}

export interface BenchJobResult {
  model: string;
  path: BenchPath;
  backend: string;
  /** For 'auto': the engine picked, the calibration's numbers and how long it took. */
  chosen?: EngineName;
  calibrationMs?: number;
  calibration?: { engine: EngineName; stepsPerSec: number; correct: boolean; error?: string }[];
  /** Create + first step, ms (after the backend and data are ready). */
  firstStepMs: number | null;
  windows: number[];
  stepsPerSec: number | null;
  /** Bytes held: the engine's heap or tensors, plus tfjs-wasm's heap. Peak over the job. */
  peakBytes: number | null;
  frameP50Ms: number | null;
  frameP95Ms: number | null;
  curve?: number[];
  /** On WebGPU: dispatches, queue submits and buffers created per timed step (the loss read every 4). */
  gpuPerStep?: { dispatches: number; submits: number; buffers: number };
  error?: string;
}

export interface BenchPageResult {
  backend: string;
  backendMs: number;
  /** crossOriginIsolated, and the WASM build tfjs chose (threads or not). */
  isolated: boolean;
  wasmThreads?: number;
  /** 'ok', or how tensor.dataSync() disagrees with await tensor.data() on this backend. */
  syncReadback?: string;
  results: BenchJobResult[];
  error?: string;
}

export const CURVE_STEPS = 20;
export const CURVE_BATCH = 8;

/**
 * A training engine: one model, trained step by step on plain typed-array batches, by whichever
 * path is fastest here (typed-array kernels in JS or WASM SIMD, or tfjs on a backend). Every engine
 * starts from the same seeded weights and computes the same written-out backward and optimizer as
 * the lib (../train.ts, ../optim.ts), so their loss curves agree within float32 tolerance
 * (tests/unit/engine/agreement.test.ts).
 */
import type { Activation } from '../nets/activations';
import type { BnnSpec } from '../nets/bnn';
import type { CnnSpec } from '../nets/cnn';
import { cnnShapes } from '../nets/cnn-shapes';
import type { OptimizerKind } from '../rules/update';

/**
 * Typed-array kernels ('js', 'wasm-simd'), fused WGSL compute shaders on a real GPU ('webgpu',
 * ./webgpu), or the lib on a tfjs backend ('tfjs-wasm', …).
 */
export type EngineName = 'js' | 'wasm-simd' | 'webgpu' | 'tfjs-cpu' | 'tfjs-wasm' | 'tfjs-webgl' | 'tfjs-webgpu';

export const ENGINE_NAMES: readonly EngineName[] = ['js', 'wasm-simd', 'webgpu', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu'];

export type TfjsBackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

export function tfjsEngine(backend: TfjsBackendName): EngineName {
  return `tfjs-${backend}`;
}

/** The tfjs backend an engine runs on, or null for the typed-array engines. */
export function engineBackend(name: EngineName): TfjsBackendName | null {
  return name.startsWith('tfjs-') ? (name.slice(5) as TfjsBackendName) : null;
}

/** One candidate's calibration, as much of it as a reason names. */
export interface MeasuredEngine {
  engine: EngineName;
  stepsPerSec: number;
  correct: boolean;
  error?: string;
}

/**
 * Why an engine was chosen, as data ('fastest': the winner first; 'bnn-bench': no calibration, the
 * binarized net on the typed engine because the bench measured it `speedup`× the lib on tfjs-wasm).
 */
export type EngineWhy =
  | { kind: 'forced'; backend: TfjsBackendName }
  | { kind: 'only' }
  | { kind: 'uncalibrated'; engine: EngineName }
  | { kind: 'fastest'; measured: MeasuredEngine[] }
  | { kind: 'bnn-bench'; speedup: number };

/** What a run reports about the engine it trains on (the page's badge shows it). */
export interface EngineReport {
  name: EngineName;
  /** 'WASM SIMD', 'JS typed arrays', 'tfjs WebGL'. */
  label: string;
  onGpu: boolean;
  /** Why this engine: the calibration's numbers, or 'forced backend' (English: the worker's words). */
  reason: string;
  /**
   * The same reason as data (runtime/engine-choice/words.ts), for the page to say in its own
   * language; absent where a run reports no calibration.
   */
  why?: EngineWhy;
  /** The choice was read from this device's cache, not measured now. */
  cached?: boolean;
}

/** The models the engines train: each chapter's standard nets. */
export type ModelSpec =
  | { kind: 'mlp'; sizes: number[]; activation: Activation }
  | { kind: 'cnn'; spec: CnnSpec }
  | ({ kind: 'bnn' } & BnnSpec);

/**
 * A short stable name for a model: 'mlp 784-256-10 relu', 'cnn 28x1 c8k5 c16k5 10', 'bnn 784-512-512-10'.
 * A CNN block's pool other than max is a suffix ('c8k5b' MaxBlurPool, 'c8k3n' none), a global-average head ' gap',
 * a zero border ' p8'.
 */
export function modelKey(model: ModelSpec): string {
  switch (model.kind) {
    case 'mlp':
      return `mlp ${model.sizes.join('-')} ${model.activation}`;
    case 'bnn':
      return `bnn ${model.sizes.join('-')}`;
    case 'cnn':
      return `cnn ${model.spec.imageSize}x${model.spec.inputChannels} ${model.spec.conv.map((c) => `c${c.filters}k${c.kernel}${POOL_SUFFIX[c.pool ?? 'max']}`).join(' ')} ${model.spec.classes}${model.spec.head === 'global-average' ? ' gap' : ''}${model.spec.padding ? ` p${model.spec.padding}` : ''}`;
  }
}

const POOL_SUFFIX = { max: '', maxblur: 'b', none: 'n' } as const;

/** Input width and class count of a model. */
export function modelShape(model: ModelSpec): { inputs: number; classes: number } {
  if (model.kind === 'cnn') return { inputs: model.spec.imageSize ** 2 * model.spec.inputChannels, classes: model.spec.classes };
  return { inputs: model.sizes[0], classes: model.sizes[model.sizes.length - 1] };
}

/** Multiply-adds of one forward pass of one example: a size for calibration priors. */
export function forwardMacs(model: ModelSpec): number {
  if (model.kind !== 'cnn') return model.sizes.slice(1).reduce((s, out, l) => s + model.sizes[l] * out, 0);
  const { layers, features } = cnnShapes(model.spec);
  const conv = layers.reduce((s, l) => s + l.convSide * l.convSide * l.kernel * l.kernel * l.channels * l.filters, 0);
  return conv + features * model.spec.classes;
}

/** A batch: n rows of `inputs` floats (NHWC images for the CNN) and n class indices. */
export interface Batch {
  x: Float32Array;
  labels: ArrayLike<number>;
  n: number;
}

export interface OptimizerSettings {
  optimizer: OptimizerKind;
  learningRate: number;
  /** BNN only: metaplastic Adam's m on the hidden weights (../rules/metaplastic.ts); 0 or absent: plain Adam. */
  meta?: number;
}

/**
 * How a run gets its engine: the worker's chooser measures the candidates here and picks the fastest
 * correct one (src/runtime/engine-choice); a script may fix one (`fixedEngine`). `batch(i)` gives real
 * batches to time on.
 */
export type ChooseEngine = (model: ModelSpec, batchSize: number, settings: OptimizerSettings, batch: (i: number) => Batch) => Promise<EngineReport>;

export interface EngineStep {
  /** Mean cross-entropy of the batch before the update; NaN when not read (`read` false). */
  loss: number;
  /** Batch accuracy before the update, in [0, 1]; NaN when not read. */
  accuracy: number;
}

export interface Engine {
  readonly name: EngineName;
  readonly model: ModelSpec;
  /**
   * One update on the batch. With `read`, returns the batch's loss and accuracy (before the
   * update); without, NaN — a GPU engine then skips the readback (a pipeline stall), and one whose
   * backend cannot read synchronously (tfjs-webgpu) always returns NaN: use `lastStep()`.
   */
  step(batch: Batch, read?: boolean): EngineStep;
  /** The latest step's loss and accuracy, read asynchronously (works on every backend). */
  lastStep(): Promise<EngineStep>;
  /** Mean loss and accuracy over n examples (inference mode), in chunks. */
  evaluate(x: Float32Array, labels: ArrayLike<number>, n: number): Promise<{ loss: number; accuracy: number }>;
  setLearningRate(learningRate: number): void;
  /** Switch optimizer; its moment estimates start afresh (as ../optim.ts). */
  setOptimizer(kind: OptimizerKind): void;
  /** Copies of the trainable parameters, in the lib's order (MLP: weights then biases). */
  parameters(): Promise<Float32Array[]>;
  /**
   * What the engine holds outside tfjs: its typed arrays (as many as tensors they stand for) and
   * their bytes. A tfjs engine answers zero: its tensors are in tf.memory().
   */
  memory(): { arrays: number; bytes: number };
  dispose(): void;
}

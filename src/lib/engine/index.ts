/**
 * Training engines: one interface (./types.ts), several paths —
 *   'js'         typed-array kernels in plain JavaScript (tiny nets: no call overhead at all)
 *   'wasm-simd'  the same model code on WASM SIMD kernels emitted at run time (./wasm)
 *   'webgpu'     each model's step as a few fused WGSL compute shaders, one submit (./webgpu,
 *                loaded on demand: see registerWebGpuEngine)
 *   'tfjs-…'     the lib on a tfjs backend (a real GPU's WebGPU/WebGL, or tfjs' own WASM/CPU)
 * The runtime measures which is fastest for a model on this device (src/runtime/engine).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initialWeights } from '../nets/mlp';
import type { Rng } from '../random';
import { createKernels, wasmSimdAvailable, type Kernels } from './kernels';
import { TypedMlp } from './mlp';
import { TfjsEngine } from './tfjs';
import { OPTIMIZERS, updateRules, type UpdateRuleName } from '../rules/update';
import { engineBackend, type ChooseEngine, type Engine, type EngineName, type ModelSpec, type OptimizerSettings } from './types';

export * from './types';
export { wasmSimdAvailable } from './kernels';
export { oneHot } from './tfjs';

/**
 * The typed-array engines of the CNN and the BNN are registered by ./cnn-engines.ts and ./bnn-engines.ts,
 * which the code that trains those models imports for its side effect (the pooling chapter's nets,
 * the continual learner, benches and tests): a page whose figures train only MLPs never downloads
 * them (≈15 kB gzipped of the worker).
 */
export type TypedModelFactory = (name: EngineName, kernels: Kernels, model: ModelSpec, rng: Rng, settings: OptimizerSettings) => Engine;

const typedModels: Partial<Record<'cnn' | 'bnn', TypedModelFactory>> = {};

export function registerTypedModel(kind: 'cnn' | 'bnn', factory: TypedModelFactory): void {
  typedModels[kind] = factory;
}

/**
 * The fused WebGPU engine is loaded only where it can run (a real GPU: the runtime imports ./webgpu
 * then, and ./webgpu registers itself here), so CPU-only readers never download it.
 */
export interface WebGpuEngineFactory {
  /** A device is there and the engine computes this model. */
  supports(model: ModelSpec): boolean;
  create(model: ModelSpec, rng: Rng, settings: OptimizerSettings): Engine;
}

let webgpu: WebGpuEngineFactory | null = null;

export function registerWebGpuEngine(factory: WebGpuEngineFactory): void {
  webgpu = factory;
}

/**
 * The update rules an engine implements: the typed-array kernels SGD and Adam (fused into their
 * kernels); the lib on tfjs every registered rule (src/lib/rules/update).
 */
export function engineUpdateRules(name: EngineName): readonly UpdateRuleName[] {
  return engineBackend(name) ? (Object.keys(updateRules) as UpdateRuleName[]) : OPTIMIZERS;
}

/**
 * Whether `name` can train `model` with `update` here (tfjs engines need their backend to be the
 * active one): the (model, update rule) pairs each engine supports.
 */
export function engineSupports(name: EngineName, model: ModelSpec, update: UpdateRuleName = 'sgd'): boolean {
  if (!engineUpdateRules(name).includes(update)) return false;
  const backend = engineBackend(name);
  if (backend) return tf.getBackend() === backend;
  if (name === 'webgpu') return webgpu !== null && webgpu.supports(model);
  return name === 'js' || wasmSimdAvailable();
}

/** Always the engine `name` (scripts and tests: the same engine whatever this device measures). */
export function fixedEngine(name: EngineName, reason = 'fixed by the caller'): ChooseEngine {
  const backend = engineBackend(name);
  return async () => ({ name, label: name, onGpu: backend === 'webgl' || backend === 'webgpu', reason });
}

/**
 * A fresh engine for `model`, its initial weights drawn from `rng` exactly as the lib draws them
 * (createMlp / createCnn / createBnn), so every engine given the same seed starts identical.
 */
export function createEngine(name: EngineName, model: ModelSpec, rng: Rng, settings: OptimizerSettings): Engine {
  const backend = engineBackend(name);
  if (backend) {
    if (tf.getBackend() !== backend) throw new Error(`Engine ${name} needs the ${backend} backend active (active: ${tf.getBackend()})`);
    return new TfjsEngine(name, model, rng, settings);
  }
  if (name === 'webgpu') {
    if (!webgpu) throw new Error('The webgpu engine is not loaded (import src/lib/engine/webgpu)');
    return webgpu.create(model, rng, settings);
  }
  const kernels = createKernels(name === 'wasm-simd' ? 'wasm-simd' : 'js');
  if (model.kind === 'mlp') {
    return new TypedMlp(name, kernels, model.sizes, model.activation, initialWeights({ sizes: model.sizes, activation: model.activation, init: 'uniform' }, rng), settings);
  }
  const factory = typedModels[model.kind];
  if (!factory) throw new Error(`The ${name} engine for a ${model.kind.toUpperCase()} is not loaded: import src/lib/engine/${model.kind}-engines.ts where the model is trained`);
  return factory(name, kernels, model, rng, settings);
}

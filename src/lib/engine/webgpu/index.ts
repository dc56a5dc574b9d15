/// <reference types="@webgpu/types" />
/**
 * The fused WebGPU engine ('webgpu'): each model's whole training step as a handful of WGSL compute
 * shaders in one command buffer (./mlp.ts, ./cnn.ts, ./bnn.ts on ./base.ts and ./gpu.ts), the same
 * seeded initial weights and the same update as the lib and the typed engines. It needs a device:
 * the one registered with setWebGpuDevice (Node/Dawn, tests), else tfjs-webgpu's when that backend
 * is active (the worker activates it only on a real GPU). Importing it registers it with
 * ../index.ts's createEngine (the runtime imports it only on a real WebGPU device).
 */
import { initialWeights } from '../../nets/mlp';
import type { Rng } from '../../random';
import { initialBnnParameters } from '../bnn-layout';
import { initialCnnParameters } from '../cnn';
import { registerWebGpuEngine } from '../index';
import type { ModelSpec, OptimizerSettings } from '../types';
import type { WebGpuModel } from './base';
import { WebGpuBnn } from './bnn';
import { WebGpuCnn } from './cnn';
import { webGpuDevice } from './gpu';
import { WebGpuMlp } from './mlp';

export { setWebGpuDevice, webGpuDevice, type GpuCounts } from './gpu';
export { WebGpuModel } from './base';
export { WebGpuBnn } from './bnn';

const CNN_KEYS = new Set(['imageSize', 'inputChannels', 'conv', 'classes']);
const CONV_KEYS = new Set(['filters', 'kernel']);

/**
 * Whether the fused engine computes this model as the lib does: any MLP and BNN; a CNN only in the
 * form it knows (valid convs, ReLU, 2×2 max pool, dense). A CNN spec with any other field (a pooling
 * variant, say) is refused rather than trained the wrong way.
 */
export function webGpuSupports(model: ModelSpec): boolean {
  if (model.kind !== 'cnn') return true;
  return Object.keys(model.spec).every((k) => CNN_KEYS.has(k)) && model.spec.conv.every((c) => Object.keys(c).every((k) => CONV_KEYS.has(k)));
}

export function createWebGpuEngine(model: ModelSpec, rng: Rng, settings: OptimizerSettings, device: GPUDevice | null = webGpuDevice()): WebGpuModel {
  if (!device) throw new Error('The webgpu engine needs a WebGPU device (none registered, and tfjs-webgpu is not active)');
  if (!webGpuSupports(model)) throw new Error('The webgpu engine does not train this CNN variant');
  switch (model.kind) {
    case 'mlp':
      return new WebGpuMlp(device, model.sizes, model.activation, initialWeights({ sizes: model.sizes, activation: model.activation, init: 'uniform' }, rng), settings);
    case 'cnn':
      return new WebGpuCnn(device, model.spec, initialCnnParameters(model.spec, rng), settings);
    case 'bnn':
      return new WebGpuBnn(device, model, initialBnnParameters(model, rng), settings);
  }
}

// Loading this module is what makes 'webgpu' an engine createEngine knows (../index.ts).
registerWebGpuEngine({
  supports: (model) => webGpuDevice() !== null && webGpuSupports(model),
  create: (model, rng, settings) => createWebGpuEngine(model, rng, settings),
});

/**
 * Pretrained weights shipped in public/models (see its README): per model a JSON manifest
 * `<name>.json` (architecture, parameter shapes, storage type, seed, training settings, test
 * accuracy, the command that made it) and a little-endian binary `<name>.bin` holding every
 * parameter in the model's parameters() order, back to back, as float16 (or float32).
 * Bytes come from a ByteSource rooted at the models folder, so the same loader runs in Node
 * (nodeModelSource in ./pretrained-node.ts) and in a worker or the page
 * (fetchSource with the models folder resolved against the page's base URL).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ByteSource } from '../data';
import { createRng } from '../random';
import { createClassifier, type Classifier } from './classifier';
import { decodeFloat16, encodeFloat16 } from '../nets/float16';

import { loadManifest, parameterNames, WEIGHTS_FORMAT, type TensorEntry, type WeightsDtype, type WeightsManifest } from './weights-manifest';

// The manifest format lives in ./weights-manifest.ts (no tfjs); these names stay importable from here.
export { WEIGHTS_FORMAT, loadManifest, parameterNames, type TensorEntry, type WeightsDtype, type WeightsManifest } from './weights-manifest';

const BYTES: Record<WeightsDtype, number> = { float16: 2, float32: 4 };

/** Every parameter of `model`, stored as `dtype`, little-endian, back to back. */
export function encodeWeights(model: Classifier, dtype: WeightsDtype): { bytes: Uint8Array; tensors: TensorEntry[] } {
  const params = model.parameters();
  const names = parameterNames(model.architecture);
  const total = params.reduce((s, p) => s + p.size, 0);
  const bytes = new Uint8Array(total * BYTES[dtype]);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const p of params) {
    const values = p.dataSync();
    if (dtype === 'float16') encodeFloat16(values).forEach((h, i) => view.setUint16(offset + 2 * i, h, true));
    else values.forEach((v, i) => view.setFloat32(offset + 4 * i, v, true));
    offset += p.size * BYTES[dtype];
  }
  return { bytes, tensors: params.map((p, i) => ({ name: names[i], shape: p.shape.slice() })) };
}

/** A model of `manifest.architecture` holding the weights in `bytes`. The caller owns it. */
export function decodeWeights(manifest: WeightsManifest, bytes: Uint8Array): Classifier {
  if (manifest.format !== WEIGHTS_FORMAT) throw new Error(`${manifest.name}: unknown weights format ${String(manifest.format)}`);
  const size = BYTES[manifest.dtype];
  if (!size) throw new Error(`${manifest.name}: unknown dtype ${String(manifest.dtype)}`);
  const model = createClassifier(manifest.architecture, createRng(0));
  const params = model.parameters();
  const expected = params.reduce((s, p) => s + p.size, 0) * size;
  if (params.length !== manifest.tensors.length || bytes.length !== expected) {
    model.dispose();
    throw new Error(`${manifest.name}: ${bytes.length} bytes and ${manifest.tensors.length} tensors do not fit its architecture (${expected} bytes, ${params.length} tensors)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  params.forEach((p, i) => {
    if (manifest.tensors[i].shape.join('x') !== p.shape.join('x')) {
      model.dispose();
      throw new Error(`${manifest.name}: ${manifest.tensors[i].name} has shape [${manifest.tensors[i].shape}], the model expects [${p.shape}]`);
    }
    const values =
      manifest.dtype === 'float16'
        ? decodeFloat16(Uint16Array.from({ length: p.size }, (_, k) => view.getUint16(offset + 2 * k, true)))
        : Float32Array.from({ length: p.size }, (_, k) => view.getFloat32(offset + 4 * k, true));
    tf.tidy(() => p.assign(tf.tensor(values, p.shape, 'float32')));
    offset += p.size * size;
  });
  return model;
}

/** Load a shipped model by name ('softmax', 'mlp', 'mlp-fgsm', 'mlp-pgd', 'cnn'). The caller owns the model. */
export async function loadPretrained(name: string, source: ByteSource): Promise<{ model: Classifier; manifest: WeightsManifest }> {
  const manifest = await loadManifest(name, source);
  const bytes = await source(manifest.file);
  return { model: decodeWeights(manifest, bytes), manifest };
}

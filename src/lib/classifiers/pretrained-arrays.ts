/**
 * The shipped-weights format (./weights-manifest.ts) (manifest + little-endian binary, float16 or float32,
 * parameters back to back in parameters() order) to and from plain Float32Arrays, without tfjs: for
 * typed-array engines and probes, which hold their weights outside tfjs.
 */
import { decodeFloat16, encodeFloat16 } from '../nets/float16';
import { parameterNames, WEIGHTS_FORMAT, type TensorEntry, type WeightsDtype, type WeightsManifest } from './weights-manifest';
import type { Architecture } from './classifier';

const BYTES: Record<WeightsDtype, number> = { float16: 2, float32: 4 };

/** The parameter shapes of an architecture, in parameters() order. */
export function parameterShapes(architecture: Architecture, sizes: readonly number[]): TensorEntry[] {
  const names = parameterNames(architecture);
  if (architecture.kind !== 'cnn') {
    const s = architecture.spec.sizes;
    const layers = s.length - 1;
    return names.map((name, i) => ({ name, shape: i < layers ? [s[i], s[i + 1]] : [s[i - layers + 1]] }));
  }
  const classes = architecture.spec.classes;
  return names.map((name, i) => {
    if (name === 'dense.weight') return { name, shape: [sizes[i] / classes, classes] };
    if (name.endsWith('.bias')) return { name, shape: [sizes[i]] };
    const filters = architecture.spec.conv[Math.floor(i / 2)].filters;
    return { name, shape: [sizes[i] / filters, filters] };
  });
}

/** Parameters → the binary (and its tensor list). */
export function encodeWeightArrays(architecture: Architecture, params: readonly Float32Array[], dtype: WeightsDtype): { bytes: Uint8Array; tensors: TensorEntry[] } {
  const total = params.reduce((s, p) => s + p.length, 0);
  const bytes = new Uint8Array(total * BYTES[dtype]);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const p of params) {
    if (dtype === 'float16') encodeFloat16(p).forEach((h, i) => view.setUint16(offset + 2 * i, h, true));
    else p.forEach((v, i) => view.setFloat32(offset + 4 * i, v, true));
    offset += p.length * BYTES[dtype];
  }
  return { bytes, tensors: parameterShapes(architecture, params.map((p) => p.length)) };
}

/** The binary → parameters, checked against the manifest's tensor list. */
export function decodeWeightArrays(manifest: WeightsManifest, bytes: Uint8Array): Float32Array[] {
  if (manifest.format !== WEIGHTS_FORMAT) throw new Error(`${manifest.name}: unknown weights format ${String(manifest.format)}`);
  const size = BYTES[manifest.dtype];
  if (!size) throw new Error(`${manifest.name}: unknown dtype ${String(manifest.dtype)}`);
  const counts = manifest.tensors.map((t) => t.shape.reduce((a, b) => a * b, 1));
  const expected = counts.reduce((a, b) => a + b, 0) * size;
  if (bytes.length !== expected) throw new Error(`${manifest.name}: ${bytes.length} bytes, its tensors need ${expected}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  return counts.map((count) => {
    const values =
      manifest.dtype === 'float16'
        ? decodeFloat16(Uint16Array.from({ length: count }, (_, k) => view.getUint16(offset + 2 * k, true)))
        : Float32Array.from({ length: count }, (_, k) => view.getFloat32(offset + 4 * k, true));
    offset += count * size;
    return values;
  });
}

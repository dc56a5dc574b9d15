/**
 * A trained binarized net (./binary-net.ts) stored as a JSON manifest + a little-endian binary: every
 * layer's hidden weights W_h as float16 (their signs are the weights; their magnitudes rank importance),
 * then every layer's γ, β, running mean and running variance as float32. The manifest records the
 * sizes, the bytes' SHA-256, the seed, the training and the test accuracy (public/models/binary-crossbar).
 */
import { decodeFloat16, encodeFloat16 } from '../nets/float16';
import type { BinaryNet } from './binary-net';

export const BINARY_NET_FORMAT = 'local-minimum/binary-net@1';

export interface BinaryNetManifest {
  format: typeof BINARY_NET_FORMAT;
  name: string;
  about: string;
  sizes: number[];
  file: string;
  bytes: number;
  sha256: string;
  seed: number;
  training: Record<string, string | number>;
  testAccuracy: { stored: number; testImages: number };
  command: string;
}

function byteLength(sizes: number[]): number {
  let bytes = 0;
  for (let l = 0; l < sizes.length - 1; l++) bytes += 2 * sizes[l] * sizes[l + 1] + 4 * 4 * sizes[l + 1];
  return bytes;
}

export function encodeBinaryNet(net: BinaryNet): Uint8Array {
  const bytes = new Uint8Array(byteLength(net.sizes));
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const w of net.hidden) {
    encodeFloat16(w).forEach((h) => {
      view.setUint16(at, h, true);
      at += 2;
    });
  }
  for (const part of [net.gamma, net.beta, net.runningMean, net.runningVar]) {
    for (const v of part) {
      v.forEach((x) => {
        view.setFloat32(at, x, true);
        at += 4;
      });
    }
  }
  return bytes;
}

export function decodeBinaryNet(sizes: number[], bytes: Uint8Array): BinaryNet {
  if (bytes.length !== byteLength(sizes)) throw new Error(`binary net ${sizes.join('-')}: expected ${byteLength(sizes)} bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const hidden = sizes.slice(1).map((w, l) => {
    const halves = new Uint16Array(sizes[l] * w);
    for (let k = 0; k < halves.length; k++, at += 2) halves[k] = view.getUint16(at, true);
    return decodeFloat16(halves);
  });
  const floats = () =>
    sizes.slice(1).map((w) => {
      const out = new Float32Array(w);
      for (let k = 0; k < w; k++, at += 4) out[k] = view.getFloat32(at, true);
      return out;
    });
  const gamma = floats();
  const beta = floats();
  const runningMean = floats();
  const runningVar = floats();
  return { sizes: [...sizes], hidden, gamma, beta, runningMean, runningVar, epsilon: 1e-5 };
}

/** Reads a manifest and its weights through a byte source rooted at the models folder. */
export async function loadBinaryNet(source: (file: string) => Promise<Uint8Array>, name: string): Promise<{ manifest: BinaryNetManifest; net: BinaryNet }> {
  const manifest = JSON.parse(new TextDecoder().decode(await source(`${name}.json`))) as BinaryNetManifest;
  if (manifest.format !== BINARY_NET_FORMAT) throw new Error(`${name}: unknown format ${String(manifest.format)}`);
  const bytes = await source(manifest.file);
  return { manifest, net: decodeBinaryNet(manifest.sizes, bytes) };
}

/**
 * The shipped-weights manifest (public/models/README.md): its type, the parameter names of an
 * architecture in parameters() order, and reading a manifest from a ByteSource. No tfjs: the
 * typed-array loader (./pretrained-arrays.ts) and the tfjs one (../classifiers/pretrained.ts) share
 * it, so a worker that only runs typed-array engines does not download the tfjs models for it.
 */
import type { ByteSource } from '../data';
import type { Architecture } from './classifier';

export const WEIGHTS_FORMAT = 'local-minimum/weights@1';

export type WeightsDtype = 'float16' | 'float32';

export interface TensorEntry {
  name: string;
  shape: number[];
}

export interface WeightsManifest {
  format: typeof WEIGHTS_FORMAT;
  name: string;
  about: string;
  architecture: Architecture;
  dtype: WeightsDtype;
  /** The binary's file name, beside the manifest. */
  file: string;
  bytes: number;
  /** Hex SHA-256 of the binary. */
  sha256: string;
  tensors: TensorEntry[];
  seed: number;
  /** The training recipe and what it cost (steps, seconds, backend). */
  training: Record<string, unknown>;
  /** Accuracy on the 10,000 MNIST test digits, before and after the storage rounding. */
  testAccuracy: { float32: number; stored: number; testImages: number };
  command: string;
}

/** Names of a model's parameters, in parameters() order. */
export function parameterNames(architecture: Architecture): string[] {
  if (architecture.kind === 'cnn') {
    const conv = architecture.spec.conv.flatMap((_, l) => [`conv${l + 1}.weight`, `conv${l + 1}.bias`]);
    return [...conv, 'dense.weight', 'dense.bias'];
  }
  const layers = architecture.spec.sizes.length - 1;
  return [...Array.from({ length: layers }, (_, l) => `layer${l + 1}.weight`), ...Array.from({ length: layers }, (_, l) => `layer${l + 1}.bias`)];
}

export async function loadManifest(name: string, source: ByteSource): Promise<WeightsManifest> {
  const text = new TextDecoder().decode(await source(`${name}.json`));
  return JSON.parse(text) as WeightsManifest;
}

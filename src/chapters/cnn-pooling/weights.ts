/**
 * The chapter's shipped weights (public/models/cnn-pooling, written by scripts/train-pooling-models.ts):
 * per net and task, `<name>.json` (the manifest of src/lib/nets/pretrained.ts) and `<name>.bin`
 * (float16). Names: the net's id for digits ('max'), 'face-' + id for faces vs non-faces.
 * Read as plain Float32Arrays (no tfjs), from a ByteSource rooted at that folder.
 */
import type { ByteSource } from '../../lib/data';
import type { Architecture } from '../../lib/classifiers/classifier';
import { decodeWeightArrays } from '../../lib/classifiers/pretrained-arrays';
import { loadManifest, type WeightsManifest } from '../../lib/classifiers/weights-manifest';
import { NETS, type NetId } from './nets';

/** The folder under public/models. */
export const WEIGHTS_FOLDER = 'cnn-pooling/';

export type Task = 'digits' | 'faces';
export const TASK_CLASSES: Record<Task, number> = { digits: 10, faces: 2 };

export const weightsName = (id: NetId, task: Task): string => (task === 'digits' ? id : `face-${id}`);

/** The manifest's architecture for a net (what src/lib/nets/pretrained.ts rebuilds). */
export function netArchitecture(id: NetId, task: Task): Architecture {
  const model = NETS[id].model(TASK_CLASSES[task]);
  if (model.kind === 'cnn') return { kind: 'cnn', spec: model.spec };
  if (model.kind === 'mlp') return { kind: 'mlp', spec: { sizes: model.sizes, activation: model.activation, init: 'uniform' } };
  throw new Error(`netArchitecture: ${id} is not an MLP or CNN`);
}

/** Every net's parameters for a task, and their manifests. */
export async function loadNetWeights(task: Task, ids: readonly NetId[], source: ByteSource): Promise<{ weights: Partial<Record<NetId, Float32Array[]>>; manifests: Partial<Record<NetId, WeightsManifest>> }> {
  const weights: Partial<Record<NetId, Float32Array[]>> = {};
  const manifests: Partial<Record<NetId, WeightsManifest>> = {};
  await Promise.all(
    ids.map(async (id) => {
      const manifest = await loadManifest(weightsName(id, task), source);
      if (JSON.stringify(manifest.architecture) !== JSON.stringify(netArchitecture(id, task))) throw new Error(`${manifest.name}: its architecture is not the chapter's ${id} net`);
      weights[id] = decodeWeightArrays(manifest, await source(manifest.file));
      manifests[id] = manifest;
    }),
  );
  return { weights, manifests };
}

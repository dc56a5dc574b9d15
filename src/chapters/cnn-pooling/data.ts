/**
 * The chapter's digits: science.md's 8,000 / 2,000 split of the shipped 12,000-digit MNIST training
 * subset (a permutation from seed 0: the first digits train, the next ones test; smaller sizes are
 * prefixes), as float pixels in [0, 1]. The split does not depend on a run's seed, so every net and
 * every seed is scored on the same digits. Faces: src/lib/data/faces.ts.
 */
import { createRng } from '../../lib/random';
import { loadDataset, subsetIndices, type ByteSource } from '../../lib/data';
import type { Batch } from '../../lib/engine/types';

export const SPLIT_SEED = 0;
export const SIDE = 28;
const PIXELS = SIDE * SIDE;

/** n images [n × 784] in [0, 1] and their labels. */
export interface LabeledImages {
  x: Float32Array;
  labels: Uint8Array;
  n: number;
}

/** The split; `keep` (≤ trainSize) training digits are materialised (the test digits stay those after trainSize). */
export async function loadDigitSplit(source: ByteSource, trainSize = 8000, testSize = 2000, keep = trainSize): Promise<{ train: LabeledImages; test: LabeledImages }> {
  const ds = await loadDataset('mnist', 'train', source);
  if (trainSize + testSize > ds.n) throw new RangeError(`loadDigitSplit: ${trainSize} + ${testSize} digits asked of ${ds.n}`);
  const order = subsetIndices(ds.n, trainSize + testSize, createRng(SPLIT_SEED));
  const pick = (indices: Int32Array): LabeledImages => {
    const x = new Float32Array(indices.length * PIXELS);
    const labels = new Uint8Array(indices.length);
    indices.forEach((idx, i) => {
      for (let j = 0; j < PIXELS; j++) x[i * PIXELS + j] = ds.images[idx * PIXELS + j] / 255;
      labels[i] = ds.labels[idx];
    });
    return { x, labels, n: indices.length };
  };
  return { train: pick(order.subarray(0, Math.min(keep, trainSize))), test: pick(order.subarray(trainSize)) };
}

/** The first `n` images of a set (a view, no copy). */
export function firstImages(set: LabeledImages, n: number): LabeledImages {
  const k = Math.min(n, set.n);
  return { x: set.x.subarray(0, k * PIXELS), labels: set.labels.subarray(0, k), n: k };
}

/** Rows `indices` of a set into `out` (reused when large enough). */
export function gatherRows(set: LabeledImages, indices: ArrayLike<number>, out?: Batch): Batch {
  const n = indices.length;
  const x = out && out.x.length >= n * PIXELS ? out.x : new Float32Array(n * PIXELS);
  const labels = out && (out.labels as Uint8Array).length >= n ? (out.labels as Uint8Array) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x.set(set.x.subarray(indices[i] * PIXELS, (indices[i] + 1) * PIXELS), i * PIXELS);
    labels[i] = set.labels[indices[i]];
  }
  return { x, labels, n };
}

/**
 * A gallery of a set's images: the first `perClass` of each class, class by class (0, 0, 1, 1, …),
 * as indices into the set. The figures pick their test digit by its place in this gallery.
 */
export function galleryIndices(labels: ArrayLike<number>, perClass = 2, classes = 10): number[] {
  const out: number[] = [];
  for (let c = 0; c < classes; c++) {
    let found = 0;
    for (let i = 0; i < labels.length && found < perClass; i++) {
      if (labels[i] === c) {
        out.push(i);
        found++;
      }
    }
  }
  return out;
}

/**
 * The Feedback-alignment chapter's data: science.md's 8,000 / 2,000 split of the shipped 12,000-digit
 * MNIST training subset (a seeded permutation: the first trainSize digits train, the next testSize
 * test). The split does not depend on a run's seed, so every rule and every seed is scored on the
 * same digits. Smaller sizes are prefixes of the full split.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { loadDataset, subsetIndices, toTensors, type ByteSource } from '../../../lib/data';

export const FA_SPLIT_SEED = 0;

export interface FaSplit {
  train: { x: tf.Tensor2D; y: tf.Tensor2D };
  test: { x: tf.Tensor2D; y: tf.Tensor2D };
  /** Pixels per image and classes. */
  inputs: number;
  classes: number;
}

export async function loadFaSplit(source: ByteSource, trainSize = 8000, testSize = 2000): Promise<FaSplit> {
  const ds = await loadDataset('mnist', 'train', source);
  if (trainSize + testSize > ds.n) throw new RangeError(`loadFaSplit: ${trainSize} + ${testSize} digits asked of ${ds.n}`);
  const order = subsetIndices(ds.n, trainSize + testSize, createRng(FA_SPLIT_SEED));
  return {
    train: toTensors(ds, order.subarray(0, trainSize)),
    test: toTensors(ds, order.subarray(trainSize)),
    inputs: ds.rows * ds.cols,
    classes: ds.classNames.length,
  };
}

export function disposeSplit(split: FaSplit): void {
  for (const t of [split.train.x, split.train.y, split.test.x, split.test.y]) t.dispose();
}

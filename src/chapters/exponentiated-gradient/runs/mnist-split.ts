/**
 * The chapter's MNIST digits: `trainSize` of the shipped 12,000 training digits and `testSize` of the
 * 10,000 test digits, each a seeded subset (seed 0, independent of a run's seed, so every rule and
 * every seed is scored on the same digits; smaller sizes are prefixes of larger ones). The caller
 * owns the four tensors (disposeSplit).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { loadDataset, subsetIndices, toTensors, type ByteSource } from '../../../lib/data';

export interface DigitSplit {
  train: { x: tf.Tensor2D; y: tf.Tensor2D };
  test: { x: tf.Tensor2D; y: tf.Tensor2D };
}

export async function loadDigitSplit(source: ByteSource, trainSize: number, testSize: number): Promise<DigitSplit> {
  const [train, test] = await Promise.all([loadDataset('mnist', 'train', source), loadDataset('mnist', 'test', source)]);
  if (trainSize > train.n || testSize > test.n) throw new RangeError(`loadDigitSplit: ${trainSize} / ${testSize} digits asked of ${train.n} / ${test.n}`);
  return {
    train: toTensors(train, subsetIndices(train.n, trainSize, createRng(0).fork('train'))),
    test: toTensors(test, subsetIndices(test.n, testSize, createRng(0).fork('test'))),
  };
}

export function disposeSplit(split: DigitSplit): void {
  for (const t of [split.train.x, split.train.y, split.test.x, split.test.y]) t.dispose();
}

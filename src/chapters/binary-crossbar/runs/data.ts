/** MNIST as the crossbar chapter uses it: the shipped 12,000-digit training subset and the 10,000 test digits, pixels in [0, 1]. */
import { loadDataset, type ByteSource, type ImageDataset } from '../../../lib/data';
import type { LabelledImages } from '../../../lib/hardware/train';

const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** The first `n` images of a split (all when n is larger). */
export function toUnit(set: ImageDataset, n = set.n): LabelledImages {
  const count = Math.min(n, set.n);
  const d = set.rows * set.cols;
  const x = new Float32Array(count * d);
  for (let k = 0; k < count * d; k++) x[k] = UNIT[set.images[k]];
  return { x, labels: set.labels.slice(0, count), n: count };
}

export async function loadDigits(source: ByteSource, trainSize?: number, testSize?: number): Promise<{ train: LabelledImages; test: LabelledImages }> {
  const [train, test] = await Promise.all([loadDataset('mnist', 'train', source), loadDataset('mnist', 'test', source)]);
  return { train: toUnit(train, trainSize), test: toUnit(test, testSize) };
}

/** The first n rows of a set (a calibration set for batch norm). */
export function head(set: LabelledImages, n: number): LabelledImages {
  const count = Math.min(n, set.n);
  const d = set.x.length / set.n;
  return { x: set.x.subarray(0, count * d), labels: set.labels.subarray(0, count), n: count };
}

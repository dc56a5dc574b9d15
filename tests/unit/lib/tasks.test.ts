// Task streams: permutations applied as documented, seeded, train/test pools, no leaked tensors.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { CLASS_NAMES, type DatasetName, type ImageDataset, type Split } from '../../../src/lib/data';
import { loadTaskStream, makeTaskStream, taskTensors, taskTestTensors, type TaskStream } from '../../../src/lib/data/tasks';
import { nodeSource } from '../../../src/lib/data/source-node';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A tiny fake dataset: n images of 3×3 random grey levels, labels i % 10. */
function fakeSet(name: DatasetName, split: Split, n: number, seed: number): ImageDataset {
  const rng = createRng(seed);
  const images = Uint8Array.from({ length: n * 9 }, () => rng.int(256));
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return { name, split, n, rows: 3, cols: 3, images, labels, classNames: CLASS_NAMES[name] };
}

const fakeData = (): TaskStream['data'] => ({
  mnist: { train: fakeSet('mnist', 'train', 40, 1), test: fakeSet('mnist', 'test', 20, 2) },
  fashion: { train: fakeSet('fashion', 'train', 30, 3), test: fakeSet('fashion', 'test', 20, 4) },
});

describe('permuted MNIST stream', () => {
  it('task 1 is the identity, later tasks apply their own seeded permutation x′[j] = x[π[j]]', () => {
    const data = fakeData();
    const stream = makeTaskStream(data, { kind: 'permuted', numTasks: 3, seed: 5, trainSize: 25, testSize: 10 });
    expect(stream.tasks.map((t) => t.name)).toEqual(['MNIST', 'P2', 'P3']);
    expect(stream.tasks[0].permutation).toBeNull();
    const [p2, p3] = [stream.tasks[1].permutation!, stream.tasks[2].permutation!];
    expect(Array.from(p2).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(p2)).not.toEqual(Array.from(p3));
    const idx = [7, 3, 7];
    const mnist = data.mnist!.train;
    for (let t = 0; t < 3; t++) {
      const before = tf.memory().numTensors;
      const { x, y } = taskTensors(stream, 'train', t, idx);
      expect(tf.memory().numTensors).toBe(before + 2);
      const xs = x.arraySync();
      const ys = y.arraySync();
      idx.forEach((i, r) => {
        const perm = stream.tasks[t].permutation;
        for (let j = 0; j < 9; j++) expect(xs[r][j]).toBe(Math.fround(mnist.images[i * 9 + (perm ? perm[j] : j)] / 255));
        expect(ys[r].indexOf(1)).toBe(mnist.labels[i]);
        expect(ys[r].reduce((a, b) => a + b, 0)).toBe(1);
      });
      tf.dispose([x, y]);
    }
  });

  it('is reproducible from the seed; permuteFirst permutes task 1; pools have the asked sizes', () => {
    const data = fakeData();
    const a = makeTaskStream(data, { kind: 'permuted', numTasks: 2, seed: 9, trainSize: 25, testSize: 10 });
    const b = makeTaskStream(data, { kind: 'permuted', numTasks: 2, seed: 9, trainSize: 25, testSize: 10 });
    const c = makeTaskStream(data, { kind: 'permuted', numTasks: 2, seed: 10, trainSize: 25, testSize: 10, permuteFirst: true });
    expect(a.tasks[1].permutation).toEqual(b.tasks[1].permutation);
    expect(a.tasks[1].trainPool).toEqual(b.tasks[1].trainPool);
    expect(c.tasks[1].permutation).not.toEqual(a.tasks[1].permutation);
    expect(c.tasks[0].permutation).not.toBeNull();
    expect(a.tasks[0].trainPool.length).toBe(25);
    expect(new Set(a.tasks[0].trainPool).size).toBe(25);
    expect(a.tasks[0].testPool.length).toBe(10);
    // Every permuted task trains on the same images; the test subset does not depend on the seed.
    expect(a.tasks[1].trainPool).toEqual(a.tasks[0].trainPool);
    expect(c.tasks[0].testPool).toEqual(a.tasks[0].testPool);
  });

  it('a mixed batch applies each row its own task transform', () => {
    const stream = makeTaskStream(fakeData(), { kind: 'permuted', numTasks: 3, seed: 5, trainSize: 25, testSize: 10 });
    const { x } = taskTensors(stream, 'train', [2, 0], [4, 4]);
    const mixed = x.arraySync();
    const p3 = taskTensors(stream, 'train', 2, [4]);
    const plain = taskTensors(stream, 'train', 0, [4]);
    expect(mixed[0]).toEqual(p3.x.arraySync()[0]);
    expect(mixed[1]).toEqual(plain.x.arraySync()[0]);
    tf.dispose([x, p3.x, p3.y, plain.x, plain.y]);
  });

  it('rejects bad task numbers and indices', () => {
    const stream = makeTaskStream(fakeData(), { kind: 'permuted', numTasks: 2, seed: 1 });
    expect(() => taskTensors(stream, 'train', 2, [0])).toThrow(RangeError);
    expect(() => taskTensors(stream, 'test', 0, [20])).toThrow(RangeError);
    expect(() => makeTaskStream(fakeData(), { kind: 'permuted', numTasks: 0, seed: 1 })).toThrow(RangeError);
  });
});

describe('MNIST → Fashion stream', () => {
  it('two tasks, each on its own dataset, no permutation', () => {
    const data = fakeData();
    const stream = makeTaskStream(data, { kind: 'mnist-fashion', seed: 1, trainSize: 30, testSize: 5 });
    expect(stream.tasks.map((t) => [t.name, t.dataset])).toEqual([['MNIST', 'mnist'], ['Fashion', 'fashion']]);
    expect(stream.tasks[1].trainPool.length).toBe(30);
    const { x, y } = taskTestTensors(stream, 1);
    expect(x.shape).toEqual([5, 9]);
    const i = stream.tasks[1].testPool[0];
    expect(x.arraySync()[0]).toEqual(Array.from(data.fashion!.test.images.subarray(i * 9, i * 9 + 9), (v) => Math.fround(v / 255)));
    expect(y.arraySync()[0].indexOf(1)).toBe(data.fashion!.test.labels[i]);
    tf.dispose([x, y]);
  });

  it('loads the shipped data: 784 pixels, 10 classes, real digits and clothes', async () => {
    const stream = await loadTaskStream({ kind: 'mnist-fashion', seed: 1, trainSize: 100, testSize: 50 }, nodeSource());
    expect(stream.inputSize).toBe(784);
    expect(stream.numClasses).toBe(10);
    expect(stream.data.mnist!.train.n).toBe(12000);
    const { x, y } = taskTensors(stream, 'train', 0, stream.tasks[0].trainPool);
    expect(x.shape).toEqual([100, 784]);
    const mean = tf.mean(x).dataSync()[0];
    expect(mean).toBeGreaterThan(0.05);
    expect(mean).toBeLessThan(0.3);
    expect(tf.sum(y).dataSync()[0]).toBe(100);
    tf.dispose([x, y]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchSampler, loadDataset, subsetIndices, toTensors, type ImageDataset } from '../../src/lib/data';
import { nodeSource } from '../../src/lib/data/source-node';
import { createRng } from '../../src/lib/random';

let mnist: ImageDataset;

beforeAll(async () => {
  await tf.setBackend('cpu');
  mnist = await loadDataset('mnist', 'test', nodeSource());
});

describe('toTensors', () => {
  it('gives x in [0, 1] and one-hot y for the chosen examples, and only those two tensors', async () => {
    const before = tf.memory().numTensors;
    const indices = [0, 17, 9999];
    const { x, y } = toTensors(mnist, indices);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(x.shape).toEqual([3, 784]);
    expect(y.shape).toEqual([3, 10]);
    expect(x.dtype).toBe('float32');
    expect(y.dtype).toBe('float32');

    const xs = await x.data();
    const ys = await y.data();
    indices.forEach((idx, i) => {
      for (const j of [0, 200, 350, 783]) expect(xs[i * 784 + j]).toBeCloseTo(mnist.images[idx * 784 + j] / 255, 7);
      const row = Array.from(ys.subarray(i * 10, (i + 1) * 10));
      expect(row.reduce((a, b) => a + b)).toBe(1);
      expect(row.indexOf(1)).toBe(mnist.labels[idx]);
    });
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBe(1);

    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an index outside the dataset before making any tensor', () => {
    const before = tf.memory().numTensors;
    expect(() => toTensors(mnist, [0, 10000])).toThrow(/index 10000 is outside mnist test/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('subsetIndices', () => {
  it('gives distinct in-range indices, the same for the same seed', () => {
    const a = subsetIndices(10000, 1000, createRng(3));
    expect(new Set(a).size).toBe(1000);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(10000);
    expect(Array.from(subsetIndices(10000, 1000, createRng(3)))).toEqual(Array.from(a));
    expect(Array.from(subsetIndices(10000, 1000, createRng(4)))).not.toEqual(Array.from(a));
  });

  it('nests: the smaller subset is a prefix of the larger one for the same seed', () => {
    const small = subsetIndices(10000, 500, createRng(7));
    const large = subsetIndices(10000, 1000, createRng(7));
    expect(Array.from(large.subarray(0, 500))).toEqual(Array.from(small));
  });

  it('rejects a size larger than n', () => {
    expect(() => subsetIndices(10, 11, createRng(0))).toThrow(RangeError);
  });
});

describe('BatchSampler', () => {
  const pool = Int32Array.from({ length: 103 }, (_, i) => 5000 + 3 * i);

  function epochOf(sampler: BatchSampler): number[][] {
    const start = sampler.epoch;
    const batches: number[][] = [];
    while (sampler.epoch === start) batches.push(Array.from(sampler.next()));
    return batches;
  }

  it('covers every pool index exactly once per epoch, reshuffled each epoch', () => {
    const sampler = new BatchSampler(pool, 10, createRng(1));
    const orders: number[][] = [];
    for (let e = 0; e < 3; e++) {
      expect(sampler.epoch).toBe(e);
      const batches = epochOf(sampler);
      expect(batches.map((b) => b.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 3]);
      const seen = batches.flat();
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from(pool));
      orders.push(seen);
    }
    expect(orders[0]).not.toEqual(Array.from(pool));
    expect(orders[1]).not.toEqual(orders[0]);
    expect(sampler.epoch).toBe(3);
    expect(pool[0]).toBe(5000); // the caller's pool is not shuffled
  });

  it('is deterministic for a seed', () => {
    const a = new BatchSampler(pool, 16, createRng(9));
    const b = new BatchSampler(pool, 16, createRng(9));
    const c = new BatchSampler(pool, 16, createRng(10));
    const draw = (s: BatchSampler) => Array.from({ length: 20 }, () => Array.from(s.next()));
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });

  it('gives the whole shuffled pool when the batch size exceeds it', () => {
    const sampler = new BatchSampler(pool, 500, createRng(2));
    const one = Array.from(sampler.next());
    expect(sampler.epoch).toBe(1);
    const two = Array.from(sampler.next());
    expect(sampler.epoch).toBe(2);
    expect([...one].sort((a, b) => a - b)).toEqual(Array.from(pool));
    expect([...two].sort((a, b) => a - b)).toEqual(Array.from(pool));
    expect(two).not.toEqual(one);
  });

  it('changes batch size mid-epoch without losing or repeating an index', () => {
    const sampler = new BatchSampler(pool, 40, createRng(5));
    const seen = Array.from(sampler.next());
    sampler.setBatchSize(25);
    expect(sampler.progress).toBeCloseTo(40 / 103, 12);
    const sizes: number[] = [];
    while (sampler.epoch === 0) {
      const batch = sampler.next();
      sizes.push(batch.length);
      seen.push(...batch);
    }
    expect(sizes).toEqual([25, 25, 13]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from(pool));
    expect(() => sampler.setBatchSize(0)).toThrow(RangeError);
    expect(() => new BatchSampler(new Int32Array(0), 4, createRng(0))).toThrow(/empty pool/);
  });
});

// The lib behind <ff-layers>: what each layer's units like (activation-weighted mean digits, label
// shares, one unit per liked label first), live θ and learning rate, and no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { FORWARD_FORWARD_DEFAULTS } from '../../../src/chapters/feedback-alignment/runs/forward-forward';
import { ForwardForwardLive, QUICK_EVAL } from '../../../src/chapters/feedback-alignment/runs/forward-forward-live';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('ForwardForwardLive (MNIST, 784-40-40, 600 digits)', () => {
  it('reports per-layer units with what they like, takes θ and the learning rate live, and leaks nothing', async () => {
    const start = tf.memory().numTensors;
    const live = await ForwardForwardLive.create({ ...FORWARD_FORWARD_DEFAULTS, sizes: [784, 40, 40], trainSize: 600, testSize: 200, evalSize: 200, seed: 2, inspectUnits: 6 }, nodeSource());
    live.train(1);
    const base = tf.memory().numTensors;
    const r = live.train(30);
    expect(r.step).toBe(31);
    expect(Number.isFinite(r.loss)).toBe(true);
    const m = live.evaluate();
    expect(m.threshold).toBe(2);
    expect(m.losses).toHaveLength(2);
    expect(m.units).toHaveLength(2);
    for (const layer of m.units) {
      expect(layer).toHaveLength(6);
      const liked = layer.map((u) => u.liked);
      expect(liked).toEqual([...liked].sort((a, b) => a - b));
      for (const u of layer) {
        expect(u.image).toHaveLength(784);
        expect(Array.from(u.image.subarray(0, 10)).every((v) => v === 0)).toBe(true);
        expect(u.labels.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 3);
        expect(u.labels[u.liked]).toBe(Math.max(...u.labels));
        expect(u.positive).toBeGreaterThan(u.negative); // chosen for telling real from fake
      }
    }
    // As many distinct liked labels as there are to show (one per label first).
    const distinct = new Set(m.units[1].map((u) => u.liked)).size;
    expect(distinct).toBeGreaterThanOrEqual(3);
    live.update({ threshold: 3, learningRate: 0.01 });
    live.train(2);
    expect(live.evaluate().threshold).toBe(3);
    expect(tf.memory().numTensors).toBe(base);
    live.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('scores a fifth of the test digits at its first evaluation, so the figure has numbers at once, and all of them from the next on', async () => {
    const live = await ForwardForwardLive.create({ ...FORWARD_FORWARD_DEFAULTS, sizes: [784, 40], trainSize: 600, testSize: 500, evalSize: 500, seed: 3, inspectUnits: 4 }, nodeSource());
    const quick = live.evaluate();
    const full = live.evaluate();
    expect(quick.partial).toBe(true);
    expect(full.partial).toBe(false);
    expect(full.step).toBe(quick.step);
    // The quick look is the full scoring's first QUICK_EVAL digits: a multiple of 1/100, not of 1/500.
    expect(Math.round(quick.testAccuracy * QUICK_EVAL)).toBeCloseTo(quick.testAccuracy * QUICK_EVAL, 6);
    expect(quick.units[0]).toHaveLength(4);
    live.train(3);
    expect(live.evaluate().partial).toBe(false);
    live.dispose();
  });
});

// The Introduction's overfitting experiment at a reduced size: direction and ordering, not exact numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { OverfitRun, overfittingTable } from '../../../src/chapters/introduction/runs/overfit';
import { fixedEngine } from '../../../src/lib/engine';

/** The lib on tfjs-wasm, as `npm run reproduce -- overfitting` runs it. */
const lib = fixedEngine('tfjs-wasm');

const base = { hidden: 64, activation: 'relu' as const, optimizer: 'adam' as const, learningRate: 3e-3, batchSize: 32, seed: 1, testSize: 1000 };

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('overfitting experiment', () => {
  it('memorises 100 digits but generalises worse than with 2,000', async () => {
    const [small, large] = await overfittingTable(base, [100, 2000], 250, nodeSource(), lib);
    expect(small.trainAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(small.gap).toBeGreaterThan(large.gap + 0.05);
    expect(large.testAccuracy).toBeGreaterThan(small.testAccuracy + 0.05);
    expect(large.testAccuracy).toBeGreaterThan(0.8);
  });

  it('same seed, same curve; live settings apply; no tensors leak', async () => {
    const before = tf.memory().numTensors;
    const a = await OverfitRun.create({ ...base, trainSize: 300 }, nodeSource(), lib);
    const b = await OverfitRun.create({ ...base, trainSize: 300 }, nodeSource(), lib);
    expect((await a.train(20)).loss).toBe((await b.train(20)).loss);
    const inRun = tf.memory().numTensors;
    await a.train(30);
    expect(tf.memory().numTensors).toBe(inRun);
    a.update({ learningRate: 1e9, optimizer: 'sgd' });
    const r = await a.train(50);
    expect(r.diverged).toBe(true);
    expect((await a.evaluate()).diverged).toBe(true);
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

// Paired runs: one seed gives bit-identical starts and one shared batch sequence; after a step the
// networks differ only where the rules differ.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { readParameters } from '../../../src/lib/nets/mlp';
import { byRule, PairedRun, varying } from '../../../src/lib/train/paired';
import { Trainer } from '../../../src/lib/train/trainer';
import { BatchSampler } from '../../../src/lib/data';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function data(n = 40, d = 12, classes = 4) {
  const rng = createRng(9);
  const x = tf.tensor2d(rng.uniformArray(n * d, 0, 1), [n, d]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: n }, () => rng.int(classes)), 'int32'), classes), 'float32')) as tf.Tensor2D;
  return { x, y };
}

const base = { spec: { sizes: [12, 10, 8, 4], activation: 'tanh' as const }, optimizer: 'sgd' as const, learningRate: 0.1 };
const config = { members: byRule(base, ['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only']), batchSize: 8, seed: 5 };

describe('PairedRun', () => {
  it('starts every rule from bit-identical weights', () => {
    const train = data();
    const run = new PairedRun(config, train);
    const first = readParameters(run.trainers[0].net);
    for (const t of run.trainers.slice(1)) expect(readParameters(t.net)).toEqual(first);
    run.dispose();
    tf.dispose([train.x, train.y]);
  });

  it('after one step, the output layer is identical across rules and hidden layers differ only through the rule', () => {
    const train = data();
    const run = new PairedRun(config, train);
    const before = readParameters(run.trainers[0].net);
    const losses = run.step().map((r) => r.loss);
    expect(new Set(losses).size).toBe(1); // same batch, same weights: same loss before the update
    const after = run.trainers.map((t) => readParameters(t.net));
    const [bp, fa, dfa, ss, out] = after;
    // The last layer's gradient is h_{L−1}ᵀ δ_L: no rule enters it at the first step.
    for (const p of after) expect(p.weights[2]).toEqual(bp.weights[2]);
    // The layer right under the output hears δ_L through W (bp), B (fa), B_dfa (dfa), sign(W) (ss), nothing (out).
    expect(fa.weights[1]).not.toEqual(bp.weights[1]);
    expect(ss.weights[1]).not.toEqual(bp.weights[1]);
    expect(out.weights[1]).toEqual(before.weights[1]);
    expect(out.weights[0]).toEqual(before.weights[0]);
    expect(dfa.weights[0]).not.toEqual(fa.weights[0]);
    run.dispose();
    tf.dispose([train.x, train.y]);
  });

  it('feeds every rule the batches a lone trainer of the same seed gets from BatchSampler(seed.fork("batches"))', () => {
    const train = data();
    const run = new PairedRun({ ...config, members: byRule(base, ['backprop', 'fa']) }, train);
    const lone = new Trainer({ spec: base.spec, rule: 'backprop', optimizer: 'sgd', learningRate: 0.1, seed: config.seed });
    const sampler = new BatchSampler(Int32Array.from({ length: 40 }, (_, i) => i), config.batchSize, createRng(config.seed).fork('batches'));
    for (let i = 0; i < 7; i++) {
      run.step();
      const idx = tf.tensor1d(sampler.next(), 'int32');
      const xb = tf.gather(train.x, idx) as tf.Tensor2D;
      const yb = tf.gather(train.y, idx) as tf.Tensor2D;
      lone.step(xb, yb);
      tf.dispose([idx, xb, yb]);
    }
    expect(readParameters(run.trainers[0].net)).toEqual(readParameters(lone.net));
    expect(readParameters(run.trainers[1].net)).not.toEqual(readParameters(lone.net));
    expect(run.epoch).toBeCloseTo(7 / 5, 10); // 40 examples, batch 8: 5 steps per epoch
    lone.dispose();
    run.dispose();
    tf.dispose([train.x, train.y]);
  });

  it('leaks nothing over 100 paired steps with angles; dispose frees the trainers', () => {
    const train = data();
    const start = tf.memory().numTensors;
    const run = new PairedRun(config, train);
    run.step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) run.step();
    const angles = run.angles(train);
    const feedback = run.feedbackAngles();
    expect(tf.memory().numTensors).toBe(before);
    expect(angles[0].every((a) => a < 0.1)).toBe(true);
    expect(feedback.map((f) => f !== null)).toEqual([false, true, true, false, false]);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([train.x, train.y]);
  });

  it('pairs any one field: GD vs exponentiated gradient from one seed start identical, see the same batches, and differ only by the update', () => {
    const train = data();
    const run = new PairedRun({ members: varying({ ...base, rule: 'backprop' }, 'optimizer', ['sgd', 'eg']), batchSize: 8, seed: 5 }, train);
    expect(readParameters(run.trainers[1].net)).toEqual(readParameters(run.trainers[0].net));
    const before = readParameters(run.trainers[1].net);
    run.step();
    const [gd, eg] = run.trainers.map((t) => readParameters(t.net));
    expect(eg).not.toEqual(gd);
    // EG keeps every weight's sign; GD need not.
    eg.weights.forEach((w, l) => w.forEach((v, i) => expect(Math.sign(v)).toBe(Math.sign(before.weights[l][i]))));
    expect(run.trainers.map((t) => t.optimizerKind)).toEqual(['sgd', 'eg']);
    run.dispose();
    tf.dispose([train.x, train.y]);
  });
});

// The live comparison's run (the <fa-compare> figure's worker side): identical starts per seed,
// equal to the reproduce experiment at the same settings, live settings reaching every network at
// once, the feedback gain scaling B without turning it, several seeds, and no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { readParameters } from '../../../src/lib/nets/mlp';
import type { FeedbackState } from '../../../src/lib/rules/feedback';
import { FaCompareRun, parameterChecksum, type FaCompareConfig } from '../../../src/chapters/feedback-alignment/runs/compare';
import { FaMnistRun } from '../../../src/chapters/feedback-alignment/runs/mnist';

const config: FaCompareConfig = {
  hidden: [16, 16],
  activation: 'tanh',
  rules: ['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only'],
  optimizer: 'sgd',
  learningRate: 0.05,
  batchSize: 16,
  seed: 3,
  trainSize: 400,
  testSize: 200,
  probeSize: 64,
};

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('FaCompareRun', () => {
  it('starts every rule from the same weights under each seed (equal checksums), different weights across seeds', async () => {
    const run = await FaCompareRun.create({ ...config, seeds: 2 }, nodeSource());
    const m = run.evaluate();
    expect(m.seeds).toEqual([3, 4]);
    expect(m.initChecksums).toHaveLength(2);
    for (const row of m.initChecksums) {
      expect(row).toHaveLength(5);
      expect(new Set(row).size).toBe(1);
      expect(row[0]).toMatch(/^[0-9a-f]{8}$/);
    }
    expect(m.initChecksums[0][0]).not.toBe(m.initChecksums[1][0]);
    // Backprop's angle to itself is 0 and output-only's is 90, per hidden layer, without measuring.
    expect(m.results[0][0].angles).toEqual([0, 0]);
    expect(m.results[1][4].angles).toEqual([90, 90]);
    expect(m.results[0][1].feedbackAngles).toHaveLength(2);
    expect(m.results[0][3].feedbackAngles).toBeNull();
    run.dispose();
  });

  it('with one seed, trains exactly like the fa-mnist reproduce run at the same settings', async () => {
    const shared = { hidden: [16], rules: ['backprop', 'fa', 'sign-symmetry'], optimizer: 'sgd' as const, learningRate: 0.05, batchSize: 16, seed: 1, trainSize: 400, testSize: 200, probeSize: 64 };
    const live = await FaCompareRun.create({ ...shared, activation: 'tanh' }, nodeSource());
    const table = await FaMnistRun.create({ ...shared, activation: 'tanh' }, nodeSource());
    live.train(30);
    table.train(30);
    const a = live.evaluate();
    const b = table.evaluate();
    expect(a.results[0].map((r) => r.testAccuracy)).toEqual(b.rules.map((r) => r.testAccuracy));
    expect(a.results[0][1].angles).toEqual(b.rules[1].angles);
    live.dispose();
    table.dispose();
  });

  it('applies learning rate, optimizer and batch size to every network at once, and ignores other keys', async () => {
    const run = await FaCompareRun.create({ ...config, rules: ['backprop', 'fa'] }, nodeSource());
    run.train(2);
    run.update({ learningRate: 0.2, optimizer: 'adam', batchSize: 40, hidden: [99] });
    for (const t of run.runs[0].trainers) {
      expect(t.learningRate).toBe(0.2);
      expect(t.optimizerKind).toBe('adam');
    }
    const before = run.runs[0].epoch;
    run.train(1);
    expect(run.runs[0].epoch - before).toBeCloseTo(40 / 400, 10);
    const m = run.evaluate();
    expect(m).toMatchObject({ learningRate: 0.2, optimizer: 'adam', batchSize: 40, step: 3 });
    expect(run.config.hidden).toEqual([16, 16]);
    run.dispose();
  });

  it('scales the feedback matrices by the gain, keeping their directions', async () => {
    const one = await FaCompareRun.create({ ...config, rules: ['fa', 'dfa'] }, nodeSource());
    const three = await FaCompareRun.create({ ...config, rules: ['fa', 'dfa'], feedbackGain: 3 }, nodeSource());
    for (const k of [0, 1]) {
      const b1 = (one.runs[0].trainers[k].ruleState as FeedbackState).matrices.map((m) => m.dataSync());
      const b3 = (three.runs[0].trainers[k].ruleState as FeedbackState).matrices.map((m) => m.dataSync());
      b1.forEach((values, l) => values.forEach((v, i) => expect(b3[l][i]).toBeCloseTo(3 * v, 6)));
    }
    // The forward weights do not depend on the gain.
    expect(parameterChecksum(one.runs[0].trainers[0].net)).toBe(parameterChecksum(three.runs[0].trainers[0].net));
    expect(readParameters(one.runs[0].trainers[0].net)).toEqual(readParameters(three.runs[0].trainers[0].net));
    one.dispose();
    three.dispose();
  });

  it('reports the worst loss of the last step, so a blow-up in any rule shows', async () => {
    const run = await FaCompareRun.create({ ...config, rules: ['backprop', 'fa'], learningRate: 1e4 }, nodeSource());
    const r = run.train(20);
    // The stable log-softmax often keeps a blown-up loss finite; the figure treats > 100 as diverged.
    expect(r.diverged || r.loss > 100).toBe(true);
    if (r.diverged) expect(run.train(5).step).toBe(r.step); // a non-finite loss stops the run for good
    run.dispose();
  });

  it('leaks no tensors while training, updating and evaluating; dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    const run = await FaCompareRun.create({ ...config, seeds: 2, optimizer: 'adam', learningRate: 1e-3 }, nodeSource());
    run.train(1);
    const before = tf.memory().numTensors;
    run.train(10);
    run.update({ learningRate: 3e-3, batchSize: 24 });
    run.evaluate();
    run.train(5);
    expect(tf.memory().numTensors).toBe(before);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

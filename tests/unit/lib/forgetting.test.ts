// ForgettingRun: methods side by side from one seed (same init, same batches), the task lifecycle,
// live updates and tensor ownership. Tiny fake images keep it fast; the science directions are in
// forgetting-mlp.test.ts and forgetting-bnn.test.ts on the real digits.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { CLASS_NAMES, type DatasetName, type ImageDataset, type Split } from '../../../src/lib/data';
import { BnnLearner, MlpLearner } from '../../../src/lib/continual';
import { readParameters } from '../../../src/lib/nets/mlp';
import { readBnn } from '../../../src/lib/nets/bnn';
import { ForgettingRun, runTaskSequence, stepsForEpochs, type ForgettingConfig } from '../../../src/chapters/catastrophic-forgetting/runs/forgetting';
import { finalMean, newestAccuracy, taskOneAccuracy } from '../../../src/chapters/catastrophic-forgetting/runs/tables';
import { formatTradeOff } from '../../../src/chapters/catastrophic-forgetting/format';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function fakeSet(name: DatasetName, split: Split, n: number, seed: number): ImageDataset {
  const rng = createRng(seed);
  // Class c lights pixel c (of 16): learnable, and a permutation moves the evidence elsewhere.
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const images = new Uint8Array(n * 16);
  labels.forEach((c, i) => {
    for (let j = 0; j < 16; j++) images[i * 16 + j] = rng.int(60);
    images[i * 16 + c] = 255;
  });
  return { name, split, n, rows: 4, cols: 4, images, labels, classNames: CLASS_NAMES[name] };
}

const data = () => ({
  mnist: { train: fakeSet('mnist', 'train', 200, 1), test: fakeSet('mnist', 'test', 50, 2) },
  fashion: { train: fakeSet('fashion', 'train', 200, 3), test: fakeSet('fashion', 'test', 50, 4) },
});

const base: ForgettingConfig = {
  stream: 'permuted',
  numTasks: 3,
  methods: [
    { kind: 'sequential' },
    { kind: 'ewc', lambda: 0 },
    { kind: 'replay', bufferSize: 20, replayBatch: 0 },
    { kind: 'ewc', lambda: 5, fisherSamples: 50 },
    { kind: 'replay', bufferSize: 20 },
    { kind: 'metaplastic', meta: 0 },
    { kind: 'metaplastic', meta: 4 },
  ],
  mlpHidden: [12],
  bnnHidden: [16],
  mlpLearningRate: 0.01,
  bnnLearningRate: 0.01,
  batchSize: 10,
  seed: 3,
  trainSize: 100,
  testSize: 50,
};

describe('ForgettingRun', () => {
  it('one seed: every method of a family starts bit-identical and sees the same batches', () => {
    const run = ForgettingRun.fromData(base, data());
    const mlps = run.methods.filter((l): l is MlpLearner => l instanceof MlpLearner);
    const bnns = run.methods.filter((l): l is BnnLearner => l instanceof BnnLearner);
    expect(mlps).toHaveLength(5);
    expect(bnns).toHaveLength(2);
    mlps.forEach((l) => expect(readParameters(l.net)).toEqual(readParameters(mlps[0].net)));
    expect(readBnn(bnns[1].net)).toEqual(readBnn(bnns[0].net));
    const after = runTaskSequence(run, 15);
    // EWC with λ = 0 and replay with an empty replay batch differ from plain in nothing: same numbers.
    expect(readParameters(mlps[1].net)).toEqual(readParameters(mlps[0].net));
    expect(readParameters(mlps[2].net)).toEqual(readParameters(mlps[0].net));
    after.forEach((a) => {
      expect(a[1]).toEqual(a[0]);
      expect(a[2]).toEqual(a[0]);
    });
    // The real methods do differ.
    expect(readParameters(mlps[3].net)).not.toEqual(readParameters(mlps[0].net));
    expect(readParameters(mlps[4].net)).not.toEqual(readParameters(mlps[0].net));
    expect(readBnn(bnns[1].net).hidden).not.toEqual(readBnn(bnns[0].net).hidden);
    run.dispose();
  });

  it("BNN protocol of the paper's code: γ ~ U(0, 1), Adam restarted at every task unless a method says otherwise", () => {
    const methods: ForgettingConfig['methods'] = [{ kind: 'metaplastic', meta: 4 }, { kind: 'metaplastic', meta: 4, resetOptimizer: false }];
    const run = ForgettingRun.fromData({ ...base, methods }, data());
    const [fresh, carried] = run.methods as BnnLearner[];
    expect((fresh.spec as { resetOptimizer?: boolean }).resetOptimizer).toBe(true);
    expect((carried.spec as { resetOptimizer?: boolean }).resetOptimizer).toBe(false);
    const gamma = readBnn(fresh.net).gamma.flatMap((g) => Array.from(g));
    expect(gamma.every((g) => g >= 0 && g < 1)).toBe(true);
    expect(new Set(gamma).size).toBeGreaterThan(gamma.length / 2);
    // Same batches, same init: they agree until the first task ends, then the restarted Adam differs.
    run.train(5);
    expect(readBnn(carried.net)).toEqual(readBnn(fresh.net));
    run.nextTask();
    run.train(3);
    expect(readBnn(carried.net).hidden).not.toEqual(readBnn(fresh.net).hidden);
    run.dispose();
    const off = ForgettingRun.fromData({ ...base, methods: methods.slice(0, 1), bnnFreshAdamPerTask: false, bnnGammaInit: 'ones' }, data());
    const [plain] = off.methods as BnnLearner[];
    expect((plain.spec as { resetOptimizer?: boolean }).resetOptimizer).toBe(false);
    expect(readBnn(plain.net).gamma.every((g) => g.every((v) => v === 1))).toBe(true);
    off.dispose();
  });

  it("BNNs are scored with the test batch's own BN statistics (the paper's code) unless told 'running'", () => {
    const methods: ForgettingConfig['methods'] = [{ kind: 'metaplastic', meta: 0 }];
    const scores = (['batch', 'running'] as const).map((mode) => {
      const config = mode === 'batch' ? { ...base, methods } : { ...base, methods, bnnEvalStatistics: mode };
      const run = ForgettingRun.fromData(config, data());
      const [bnn] = run.methods as BnnLearner[];
      expect(bnn.net.spec.evalStatistics).toBe(mode);
      const after = runTaskSequence(run, 15);
      run.dispose();
      return after;
    });
    // Same training (same batches, same updates), different scoring: the two tables differ.
    expect(scores[0]).not.toEqual(scores[1]);
  });

  it('the same seed reproduces every number; the table helpers read the matrix', () => {
    const a = ForgettingRun.fromData(base, data());
    const b = ForgettingRun.fromData(base, data());
    const ta = runTaskSequence(a, 10);
    const tb = runTaskSequence(b, 10);
    expect(ta).toEqual(tb);
    const table = { methods: a.methodLabels, tasks: a.taskNames, stepsPerTask: 10, after: ta };
    expect(a.taskNames).toEqual(['MNIST', 'P2', 'P3']);
    expect(taskOneAccuracy(table)[0]).toEqual(ta.map((m) => m[0][0]));
    expect(newestAccuracy(table)[0]).toEqual(ta.map((m, k) => m[0][k]));
    expect(finalMean(table)[0]).toBeCloseTo((ta[2][0][0] + ta[2][0][1] + ta[2][0][2]) / 3, 12);
    // The trade-off table reads the last column: task 1, the newest task, the mean.
    const tradeOff = formatTradeOff(table).split('\n');
    expect(tradeOff[0]).toBe('| method | task 1 (MNIST) | newest (P3) | mean over all tasks |');
    const pct = (x: number) => (100 * x).toFixed(1);
    expect(tradeOff[2]).toBe(`| ${a.methodLabels[0]} | ${pct(ta[2][0][0])} | ${pct(ta[2][0][2])} | ${pct(finalMean(table)[0])} |`);
    expect(tradeOff).toHaveLength(2 + a.methodLabels.length);
    // Plain training learns the fake task (chance is 10%).
    expect(ta[0][0][0]).toBeGreaterThan(0.25);
    a.dispose();
    b.dispose();
  });

  it('task lifecycle, metrics and live updates', () => {
    const run = ForgettingRun.fromData({ ...base, stream: 'mnist-fashion', methods: [{ kind: 'sequential' }, { kind: 'metaplastic', meta: 2 }] }, data());
    expect(run.taskNames).toEqual(['MNIST', 'Fashion']);
    run.train(5);
    let m = run.evaluateAll();
    expect([m.step, m.taskStep, m.task]).toEqual([5, 5, 0]);
    expect(m.epoch).toBeCloseTo(0.5, 10);
    expect(m.accuracy).toHaveLength(2);
    expect(m.accuracy[0]).toHaveLength(2);
    expect(run.nextTask()).toBe(true);
    expect(run.isLastTask).toBe(true);
    expect(run.nextTask()).toBe(false);
    run.update({ batchSize: 20, methods: [{ learningRate: 0 }, { meta: 50 }] });
    const mlp = run.methods[0] as MlpLearner;
    const bnn = run.methods[1] as BnnLearner;
    expect(bnn.optimizer.meta).toBe(50);
    const frozen = readParameters(mlp.net);
    run.train(30);
    expect(readParameters(mlp.net)).toEqual(frozen); // learning rate 0 took effect
    m = run.evaluateAll();
    expect([m.step, m.taskStep, m.task]).toEqual([35, 30, 1]);
    expect(m.epoch).toBeCloseTo(6, 10); // 30 batches of 20 over 100 images
    expect(m.diverged).toEqual([false, false]);
    expect(stepsForEpochs(3, 8000, 64)).toBe(375);
    run.dispose();
  });

  it('owns its tensors: steady count through train / evaluate / nextTask, zero after dispose', () => {
    const start = tf.memory().numTensors;
    const run = ForgettingRun.fromData(base, data());
    run.train(2);
    run.nextTask(); // creates the EWC/L2 anchors and fills the replay buffer
    run.train(2);
    const steady = tf.memory().numTensors;
    run.train(30);
    run.evaluateAll();
    expect(tf.memory().numTensors).toBe(steady);
    run.nextTask();
    run.train(5);
    run.evaluateAll();
    expect(tf.memory().numTensors).toBe(steady);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

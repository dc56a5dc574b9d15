// The forgetting chapter's metaplastic BNNs on the typed engine (ForgettingConfig.bnnEngine,
// continual/engine-bnn-learner.ts) against the lib's BnnLearner: the same first step, the same task
// lifecycle (per-task BN snapshots, Adam restarted per task), accuracies of the same size after a
// task sequence (not identical: Adam makes two correct BNN paths drift apart, see bnn.test.ts), and
// the hidden weights the synapse figure samples. Tiny fake images keep it fast.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { CLASS_NAMES, type DatasetName, type ImageDataset, type Split } from '../../../src/lib/data';
import { BnnLearner } from '../../../src/lib/continual';
import { EngineBnnLearner } from '../../../src/lib/continual/engine-bnn-learner';
import { readBnn } from '../../../src/lib/nets/bnn';
import { ForgettingRun, runTaskSequence, type ForgettingConfig } from '../../../src/chapters/catastrophic-forgetting/runs/forgetting';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function fakeSet(name: DatasetName, split: Split, n: number, seed: number): ImageDataset {
  const rng = createRng(seed);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const images = new Uint8Array(n * 64);
  labels.forEach((c, i) => {
    for (let j = 0; j < 64; j++) images[i * 64 + j] = rng.int(60);
    images[i * 64 + c] = 255;
    images[i * 64 + 20 + c] = 255;
  });
  return { name, split, n, rows: 8, cols: 8, images, labels, classNames: CLASS_NAMES[name] };
}

const data = () => ({
  mnist: { train: fakeSet('mnist', 'train', 300, 1), test: fakeSet('mnist', 'test', 100, 2) },
  fashion: { train: fakeSet('fashion', 'train', 300, 3), test: fakeSet('fashion', 'test', 100, 4) },
});

const config = (bnnEngine: ForgettingConfig['bnnEngine']): ForgettingConfig => ({
  stream: 'permuted',
  numTasks: 3,
  methods: [{ kind: 'metaplastic', meta: 0 }, { kind: 'metaplastic', meta: 3 }],
  bnnHidden: [32, 32],
  bnnLearningRate: 0.01,
  // A power of 2: tfjs-cpu's batch mean Σ(a/n) is then exact for the hidden layers' integer sums, as
  // the engine's; with n = 20 a unit whose sum equals the mean gets z = ±1e-8 from rounding there.
  batchSize: 16,
  seed: 4,
  trainSize: 200,
  testSize: 100,
  bnnEngine,
});

describe.each(['wasm-simd', 'js'] as const)('metaplastic BNNs of ForgettingRun on the %s engine', (engine) => {
  it('start as the lib’s, keep its task lifecycle, and forget as much over a task sequence', () => {
    const lib = ForgettingRun.fromData(config('tfjs'), data());
    const typed = ForgettingRun.fromData(config(engine), data());
    expect(lib.methods.every((m) => m instanceof BnnLearner)).toBe(true);
    expect(typed.methods.every((m) => m instanceof EngineBnnLearner)).toBe(true);
    // Same initial network: the hidden weights, then the first step's losses.
    const w0 = readBnn((lib.methods[1] as BnnLearner).net).hidden;
    const w1 = (typed.methods[1] as EngineBnnLearner).hiddenWeights();
    w0.forEach((w, l) => expect(Array.from(w1[l])).toEqual(Array.from(w)));
    const a = lib.train(1).loss;
    const b = typed.train(1).loss;
    expectClose(b, a, 1e-5, { floor: 0 }); // relative: |b − a| ≤ 1e-5·|a|
    const before = tf.memory().numTensors;
    const afterLib = runTaskSequence(lib, 40);
    const afterTyped = runTaskSequence(typed, 40);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 8);
    // Both learn each task as it comes (chance is 0.1), and forget alike: on this tiny net a single
    // entry is noisy (two correct paths drift apart under Adam), their mean is not.
    for (const after of [afterLib, afterTyped]) after.forEach((k, t) => k.forEach((m) => expect(m[t]).toBeGreaterThan(0.9)));
    const diffs = afterLib.flatMap((k, t) => k.flatMap((m, i) => m.map((acc, task) => Math.abs(afterTyped[t][i][task] - acc))));
    expect(diffs.reduce((x, y) => x + y) / diffs.length).toBeLessThan(0.1);
    // Metaplasticity works the same way: m = 3 keeps task 1 at least as well as m = 0 on both paths.
    for (const after of [afterLib, afterTyped]) expect(after[2][1][0]).toBeGreaterThanOrEqual(after[2][0][0] - 0.05);
    lib.dispose();
    typed.dispose();
  });

  it('follows live updates of m and the learning rate', () => {
    const run = ForgettingRun.fromData(config(engine), data());
    run.update({ methods: [undefined, { meta: 7, learningRate: 0.02 }] });
    expect((run.methods[1] as EngineBnnLearner).meta).toBe(7);
    expect((run.methods[0] as EngineBnnLearner).meta).toBe(0);
    run.dispose();
  });
});

describe("bnnEngine 'auto' (the forgetting figures' setting)", () => {
  it('trains the BNNs on WASM SIMD where it runs (Node 20 does), and the live run names that engine for the badge', async () => {
    const run = ForgettingRun.fromData(config('auto'), data());
    expect(run.methods.map((m) => (m as EngineBnnLearner).engineName)).toEqual(['wasm-simd', 'wasm-simd']);
    const { ForgettingLiveRun } = await import('../../../src/chapters/catastrophic-forgetting/runs/forgetting-live');
    const live = Object.create(ForgettingLiveRun.prototype) as typeof ForgettingLiveRun.prototype;
    Object.assign(live, { run, sample: 0 });
    expect(live.engine).toMatchObject({ name: 'wasm-simd', label: 'WASM SIMD', onGpu: false, reason: 'the binarized net on the typed engine (bench: 6.4× the lib on tfjs-wasm)', why: { kind: 'bnn-bench', speedup: 6.4 } });
    // The page says the worker's reason again from its data: the same English words.
    const { engineWhyText } = await import('../../../src/runtime/engine-choice/words');
    expect(engineWhyText(live.engine!.why!)).toBe(live.engine!.reason);
    const mixed = ForgettingRun.fromData({ ...config('auto'), methods: [{ kind: 'sequential' }, { kind: 'metaplastic', meta: 3 }], mlpHidden: [16, 16] }, data());
    Object.assign(live, { run: mixed });
    expect(live.engine).toBeUndefined();
    run.dispose();
    mixed.dispose();
  });
});

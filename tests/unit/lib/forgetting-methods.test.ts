// Continual-learning methods against a Float64 oracle (plain, EWC, L2 anchor, replay), the reservoir
// buffer's guarantees, and leak counts for every learner.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { CLASS_NAMES, type DatasetName, type ImageDataset, type Split } from '../../../src/lib/data';
import { makeTaskStream, taskTensors, type TaskStream } from '../../../src/lib/data/tasks';
import { createMlp, disposeMlp, parameters, readParameters, type MlpSpec } from '../../../src/lib/nets/mlp';
import { Consolidation, createLearner, empiricalFisher, MlpLearner, ReplayBuffer, type MethodSpec } from '../../../src/lib/continual';
import { toMat } from '../oracles/linear-algebra';
import { oracleGrads } from '../oracles/mlp';
import { flatParameters, oracleAdamState, oracleFisher, oracleFlatGrad } from '../oracles/continual';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Mat = number[][];

function fakeSet(name: DatasetName, split: Split, n: number, seed: number): ImageDataset {
  const rng = createRng(seed);
  const images = Uint8Array.from({ length: n * 9 }, () => rng.int(256));
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % 10);
  return { name, split, n, rows: 3, cols: 3, images, labels, classNames: CLASS_NAMES[name] };
}

function fakeStream(trainSize = 12): TaskStream {
  const data = { mnist: { train: fakeSet('mnist', 'train', 30, 1), test: fakeSet('mnist', 'test', 10, 2) } };
  return makeTaskStream(data, { kind: 'permuted', numTasks: 2, seed: 4, trainSize, testSize: 10 });
}

const SPEC: MlpSpec = { sizes: [9, 6, 10], activation: 'tanh', init: 'uniform' };

const arrays = (t: { x: tf.Tensor2D; y: tf.Tensor2D }) => ({ X: t.x.arraySync(), Y: t.y.arraySync() });

describe('empirical Fisher', () => {
  it('Σₙ (hₙ²)ᵀ(δₙ²)/N equals the mean squared per-example gradient (Float64), chunked or not', () => {
    const net = createMlp({ sizes: [5, 4, 3, 3], activation: 'tanh' }, createRng(2));
    const rng = createRng(3);
    const n = 7;
    const xFlat = rng.uniformArray(n * 5, -1, 1);
    const yFlat = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) yFlat[i * 3 + rng.int(3)] = 1;
    const x = tf.tensor2d(xFlat, [n, 5]);
    const y = tf.tensor2d(yFlat, [n, 3]);
    const p = readParameters(net);
    const W = p.weights.map((w, l) => toMat(w, [5, 4, 3, 3][l], [5, 4, 3, 3][l + 1]));
    const b = p.biases.map((v) => Array.from(v));
    const X = toMat(xFlat, n, 5);
    const Y = toMat(yFlat, n, 3);
    const sum = flatParameters(W, b).map(() => 0);
    X.forEach((xi, i) => {
      const g = oracleGrads(W, b, [xi], [Y[i]], 'tanh');
      flatParameters(g.dW, g.db).forEach((v, k) => (sum[k] += v * v));
    });
    const before = tf.memory().numTensors;
    for (const chunk of [3, 100]) {
      const fisher = empiricalFisher(net, x, y, chunk);
      expect(tf.memory().numTensors).toBe(before + fisher.length);
      expectClose(fisher.flatMap((f) => Array.from(f.dataSync())), sum.map((s) => s / n), 1e-5);
      tf.dispose(fisher);
    }
    tf.dispose([x, y]);
    disposeMlp(net);
  });
});

describe('Consolidation (EWC / L2 anchor)', () => {
  it('gradient λ Σₜ Fₜ(θ − θ*ₜ) and penalty λ/2 Σₜ Σ Fₜ(θ − θ*ₜ)² match Float64 over two tasks', () => {
    const net = createMlp({ sizes: [3, 2, 2], activation: 'relu' }, createRng(5));
    const params = parameters(net);
    const rng = createRng(6);
    const c = new Consolidation('ewc', 30);
    const anchors: number[][] = [];
    const fishers: number[][] = [];
    for (let t = 0; t < 2; t++) {
      const fisher = params.map((p) => tf.tensor(rng.uniformArray(p.size, 0, 2), p.shape));
      anchors.push(params.flatMap((p) => Array.from(p.dataSync())));
      fishers.push(fisher.flatMap((f) => Array.from(f.dataSync())));
      c.add(params, fisher);
      tf.dispose(fisher);
      tf.tidy(() => params.forEach((p) => p.assign(tf.add(p, tf.tensor(rng.uniformArray(p.size, -0.3, 0.3), p.shape)))));
    }
    const theta = params.flatMap((p) => Array.from(p.dataSync()));
    const grad = theta.map((w, i) => 30 * (fishers[0][i] * (w - anchors[0][i]) + fishers[1][i] * (w - anchors[1][i])));
    const value = theta.reduce((s, w, i) => s + 15 * (fishers[0][i] * (w - anchors[0][i]) ** 2 + fishers[1][i] * (w - anchors[1][i]) ** 2), 0);
    const g = tf.tidy(() => c.gradients(params)!);
    expectClose(g.flatMap((t) => Array.from(t.dataSync())), grad, 1e-5);
    expect(c.penalty(params)).toBeCloseTo(value, 3);
    expect(c.tasks).toBe(2);
    tf.dispose(g);
    c.dispose();
    disposeMlp(net);
  });

  it('before any task ends there is no penalty; L2 uses F ≡ 1', () => {
    const net = createMlp({ sizes: [3, 2], activation: 'relu' }, createRng(5));
    const params = parameters(net);
    const c = new Consolidation('l2', 2);
    expect(c.gradients(params)).toBeNull();
    expect(c.penalty(params)).toBe(0);
    c.consolidate(net);
    expect(c.readImportance()!.every((f) => f.every((v) => v === 1))).toBe(true);
    tf.tidy(() => params.forEach((p) => p.assign(tf.add(p, 0.5))));
    const g = tf.tidy(() => c.gradients(params)!);
    g.forEach((t) => expectClose(t.dataSync(), new Array(t.size).fill(1), 1e-6)); // λ·1·0.5
    expect(c.penalty(params)).toBeCloseTo(0.5 * 2 * 0.25 * 8, 5);
    tf.dispose(g);
    c.dispose();
    disposeMlp(net);
  });
});

describe('ReplayBuffer (seeded reservoir)', () => {
  it('keeps at most capacity examples, is reproducible from the seed and samples without repeats', () => {
    const fill = (seed: number) => {
      const buf = new ReplayBuffer(50, createRng(seed));
      buf.offerAll(0, Int32Array.from({ length: 300 }, (_, i) => i));
      buf.offerAll(1, Int32Array.from({ length: 300 }, (_, i) => i));
      return buf;
    };
    const a = fill(1);
    const b = fill(1);
    expect(a.size).toBe(50);
    expect(a.seen).toBe(600);
    const sa = a.sample(20);
    expect(sa).toEqual(b.sample(20));
    const keys = Array.from(sa.index, (v, i) => `${sa.task[i]}:${v}`);
    expect(new Set(keys).size).toBe(20);
    expect(a.sample(500).index.length).toBe(50);
  });

  it('gives every offered example the same chance: tasks share the memory in proportion', () => {
    let first = 0;
    let total = 0;
    for (let seed = 0; seed < 40; seed++) {
      const buf = new ReplayBuffer(100, createRng(seed));
      buf.offerAll(0, Int32Array.from({ length: 1000 }, (_, i) => i));
      buf.offerAll(1, Int32Array.from({ length: 1000 }, (_, i) => i));
      buf.offerAll(2, Int32Array.from({ length: 2000 }, (_, i) => i));
      const counts = buf.countByTask(3);
      first += counts[0];
      total += counts.reduce((s, v) => s + v, 0);
    }
    // Expected share of task 0: 1000/4000 = 0.25 (binomial sd over 4,000 slots ≈ 0.007).
    expect(first / total).toBeGreaterThan(0.22);
    expect(first / total).toBeLessThan(0.28);
  });
});

/** Run a learner: `steps0` steps on task 0, endTask(0), `steps1` steps on task 1; fixed batches. */
function drive(spec: MethodSpec, stream: TaskStream, lr: number, steps0: number, steps1: number, batch: number[]) {
  const learner = createLearner(spec, {
    stream,
    mlp: SPEC,
    bnn: { sizes: [9, 8, 10] },
    mlpLearningRate: lr,
    bnnLearningRate: lr,
    batchSize: batch.length,
    initSeed: 11,
    rng: createRng(12),
  });
  const net = createMlp(SPEC, createRng(11)); // the same init the learner drew
  const theta0 = (() => {
    const p = readParameters(net);
    disposeMlp(net);
    return [...p.weights.flatMap((w) => Array.from(w)), ...p.biases.flatMap((v) => Array.from(v))];
  })();
  for (let s = 0; s < steps0; s++) {
    const t = taskTensors(stream, 'train', 0, batch);
    learner.step(t.x, t.y);
    tf.dispose([t.x, t.y]);
  }
  learner.endTask(0);
  for (let s = 0; s < steps1; s++) {
    const t = taskTensors(stream, 'train', 1, batch);
    learner.step(t.x, t.y);
    tf.dispose([t.x, t.y]);
  }
  return { learner, theta0 };
}

describe('learners against the Float64 oracle (Adam)', () => {
  const lr = 0.01;
  const batch = [0, 1, 2, 3, 4];

  function oracleRun(stream: TaskStream, extra: (theta: number[], taskOneStep: boolean) => number[] | null, steps0: number, steps1: number, theta0: number[], replay?: { X: Mat; Y: Mat }) {
    const opt = oracleAdamState(theta0, lr);
    const pool = stream.tasks[0].trainPool;
    const b0 = arrays(taskTensors(stream, 'train', 0, Array.from(batch, (i) => pool[i])));
    const b1 = arrays(taskTensors(stream, 'train', 1, Array.from(batch, (i) => pool[i])));
    for (let s = 0; s < steps0; s++) opt.step(oracleFlatGrad(opt.theta, SPEC.sizes, 'tanh', b0.X, b0.Y));
    extra(opt.theta, false);
    for (let s = 0; s < steps1; s++) {
      const X = replay ? [...b1.X, ...replay.X] : b1.X;
      const Y = replay ? [...b1.Y, ...replay.Y] : b1.Y;
      const g = oracleFlatGrad(opt.theta, SPEC.sizes, 'tanh', X, Y);
      const pen = extra(opt.theta, true);
      opt.step(pen ? g.map((v, i) => v + pen[i]) : g);
    }
    return opt.theta;
  }

  const learnerTheta = (l: ReturnType<typeof createLearner>) => {
    if (!(l instanceof MlpLearner)) throw new Error('expected an MLP learner');
    return parameters(l.net).flatMap((p) => Array.from(p.dataSync()));
  };

  it('plain (sequential) training is Adam on the task gradient', () => {
    const stream = fakeStream();
    const pool = stream.tasks[0].trainPool;
    const idx = Array.from(batch, (i) => pool[i]);
    const { learner, theta0 } = drive({ kind: 'sequential' }, stream, lr, 3, 3, idx);
    expectClose(learnerTheta(learner), oracleRun(stream, () => null, 3, 3, theta0), 1e-4);
    learner.dispose();
  });

  it('EWC adds λ F(θ − θ*) with F the empirical Fisher of task 1 at θ*', () => {
    const stream = fakeStream();
    const pool = stream.tasks[0].trainPool;
    const idx = Array.from(batch, (i) => pool[i]);
    const lambda = 50;
    const { learner, theta0 } = drive({ kind: 'ewc', lambda, fisherSamples: 1000 }, stream, lr, 3, 3, idx);
    const all = arrays(taskTensors(stream, 'train', 0, pool));
    let anchor: number[] = [];
    let fisher: number[] = [];
    const ref = oracleRun(
      stream,
      (theta, penalise) => {
        if (!penalise) {
          anchor = theta.slice();
          fisher = oracleFisher(theta, SPEC.sizes, 'tanh', all.X, all.Y);
          return null;
        }
        return theta.map((w, i) => lambda * fisher[i] * (w - anchor[i]));
      },
      3,
      3,
      theta0,
    );
    expectClose(learnerTheta(learner), ref, 1e-4);
    // The penalty moved the weights: without it the result differs.
    const plain = oracleRun(stream, () => null, 3, 3, theta0);
    expect(Math.max(...ref.map((v, i) => Math.abs(v - plain[i])))).toBeGreaterThan(1e-4);
    learner.dispose();
  });

  it('the L2 anchor adds λ (θ − θ*)', () => {
    const stream = fakeStream();
    const idx = Array.from(batch, (i) => stream.tasks[0].trainPool[i]);
    let anchor: number[] = [];
    const { learner, theta0 } = drive({ kind: 'l2', lambda: 3 }, stream, lr, 2, 3, idx);
    const ref = oracleRun(
      stream,
      (theta, penalise) => {
        if (!penalise) anchor = theta.slice();
        return penalise ? theta.map((w, i) => 3 * (w - anchor[i])) : null;
      },
      2,
      3,
      theta0,
    );
    expectClose(learnerTheta(learner), ref, 1e-4);
    learner.dispose();
  });

  it('replay trains on the current batch plus remembered examples of the finished task', () => {
    const stream = fakeStream(8);
    const pool = stream.tasks[0].trainPool;
    const idx = Array.from(batch, (i) => pool[i]);
    // A buffer and replay batch as large as task 1's pool: every remembered example is replayed each step.
    const { learner, theta0 } = drive({ kind: 'replay', bufferSize: 8, replayBatch: 8 }, stream, lr, 2, 3, idx);
    const remembered = arrays(taskTensors(stream, 'train', 0, pool));
    expectClose(learnerTheta(learner), oracleRun(stream, () => null, 2, 3, theta0, remembered), 1e-4);
    learner.dispose();
  });
});

describe('every learner owns its tensors', () => {
  const specs: MethodSpec[] = [
    { kind: 'sequential' },
    { kind: 'replay', bufferSize: 6 },
    { kind: 'ewc', lambda: 10, fisherSamples: 8 },
    { kind: 'l2', lambda: 1 },
    { kind: 'metaplastic', meta: 8 },
  ];
  it.each(specs.map((s) => [s.kind, s] as const))('%s: 100 steps leak nothing; dispose frees everything', (_kind, spec) => {
    const stream = fakeStream();
    const start = tf.memory().numTensors;
    const idx = Array.from(stream.tasks[0].trainPool.subarray(0, 6));
    const { learner } = drive(spec, stream, 0.01, 1, 1, idx);
    const t = taskTensors(stream, 'train', 1, idx);
    const test = taskTensors(stream, 'test', 0, stream.tasks[0].testPool);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) learner.step(t.x, t.y);
    learner.evaluate(0, test.x, test.y);
    learner.evaluate(1, test.x, test.y);
    expect(tf.memory().numTensors).toBe(before);
    learner.endTask(1);
    learner.dispose();
    tf.dispose([t.x, t.y, test.x, test.y]);
    expect(tf.memory().numTensors).toBe(start);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { createMlp, disposeMlp, forward, readParameters, type MlpSpec } from '../../../src/lib/nets/mlp';
import { computeGradients, evaluate, Trainer, trainStep } from '../../../src/lib/train/trainer';
import { backprop } from '../../../src/lib/rules/feedback';
import { createUpdateRule } from '../../../src/lib/rules/update';
import { angleDegrees } from '../../../src/lib/metrics';
import { toMat } from '../oracles/linear-algebra';
import { oracleAdam, oracleForward, oracleGrads, oracleLoss, oracleSgd, type Act } from '../oracles/mlp';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// float32 vs float64: relative tolerance tied to single precision.
function fixture(act: Act, seed = 7) {
  const spec: MlpSpec = { sizes: [5, 4, 3, 3], activation: act };
  const rng = createRng(seed);
  const net = createMlp(spec, rng.fork('init'));
  const n = 6;
  const xFlat = rng.fork('x').uniformArray(n * 5, -1, 1);
  const labels = Array.from({ length: n }, (_, i) => i % 3);
  const yFlat = new Float32Array(n * 3);
  labels.forEach((c, i) => (yFlat[i * 3 + c] = 1));
  const { weights, biases } = readParameters(net);
  const W = weights.map((w, l) => toMat(w, spec.sizes[l], spec.sizes[l + 1]));
  const b = biases.map((v) => Array.from(v));
  const x = tf.tensor2d(xFlat, [n, 5]);
  const y = tf.tensor2d(yFlat, [n, 3]);
  return { spec, net, x, y, W, b, X: toMat(xFlat, n, 5), Y: toMat(yFlat, n, 3) };
}

describe.each(['tanh', 'relu', 'sigmoid'] as Act[])('MLP with %s against the Float64 oracle', (act) => {
  it('forward pass matches', () => {
    const { net, x, y, W, b, X, Y } = fixture(act);
    const logits = tf.tidy(() => forward(net, x).logits);
    const ref = oracleForward(W, b, X, act).post.at(-1)!;
    expectClose(logits.dataSync(), ref.flat(), 1e-4);
    const ev = evaluate(net, x, y);
    expect(ev.loss).toBeCloseTo(oracleLoss(ref, Y), 4);
    tf.dispose([logits, x, y]);
    disposeMlp(net);
  });

  it('written-out backprop gradients match', () => {
    const { net, x, y, W, b, X, Y } = fixture(act);
    const ref = oracleGrads(W, b, X, Y, act);
    const grads = tf.tidy(() => computeGradients(net, backprop, null, x, y).grads);
    grads.weights.forEach((g, l) => expectClose(g.dataSync(), ref.dW[l].flat(), 1e-4));
    grads.biases.forEach((g, l) => expectClose(g.dataSync(), ref.db[l], 1e-4));
    tf.dispose([...grads.weights, ...grads.biases, x, y]);
    disposeMlp(net);
  });

  it('one SGD update matches', () => {
    const { net, x, y, W, b, X, Y } = fixture(act);
    const ref = oracleGrads(W, b, X, Y, act);
    const opt = createUpdateRule('sgd', 0.5);
    trainStep(net, backprop, null, opt, x, y);
    const after = readParameters(net);
    after.weights.forEach((w, l) => expectClose(w, oracleSgd(W[l].flat(), ref.dW[l].flat(), 0.5), 1e-4));
    after.biases.forEach((v, l) => expectClose(v, oracleSgd(b[l], ref.db[l], 0.5), 1e-4));
    opt.dispose();
    tf.dispose([x, y]);
    disposeMlp(net);
  });
});

describe('Adam', () => {
  it('three updates match the textbook form', () => {
    const p0 = [0.5, -0.25, 0.125, 2];
    const gs = [[0.1, -0.2, 0.3, 0], [0.05, 0.4, -0.3, 1e-3], [-0.2, 0.1, 0.3, -1e-3]];
    const v = tf.variable(tf.tensor1d(p0));
    const opt = createUpdateRule('adam', 0.01);
    for (const g of gs) {
      const gt = tf.tensor1d(g);
      opt.apply([v], [gt]);
      gt.dispose();
    }
    expectClose(v.dataSync(), oracleAdam(p0, gs, 0.01), 1e-5);
    opt.dispose();
    v.dispose();
  });
});

describe('determinism and ownership', () => {
  it('the same seed gives bit-identical initial weights; another seed does not', () => {
    const spec: MlpSpec = { sizes: [784, 32, 10], activation: 'relu' };
    const a = new Trainer({ spec, optimizer: 'sgd', learningRate: 0.1, seed: 3 });
    const b = new Trainer({ spec, optimizer: 'adam', learningRate: 0.1, seed: 3 });
    const c = new Trainer({ spec, optimizer: 'sgd', learningRate: 0.1, seed: 4 });
    const pa = readParameters(a.net).weights[0];
    expect(readParameters(b.net).weights[0]).toEqual(pa);
    expect(readParameters(c.net).weights[0]).not.toEqual(pa);
    // U(±1/√fanIn) by default.
    const bound = 1 / Math.sqrt(784);
    expect(Math.max(...pa.map(Math.abs))).toBeLessThanOrEqual(bound);
    [a, b, c].forEach((t) => t.dispose());
  });

  it('100 steps leak no tensors (SGD and Adam)', () => {
    for (const kind of ['sgd', 'adam'] as const) {
      const rng = createRng(1);
      const x = tf.tensor2d(rng.uniformArray(32 * 20, 0, 1), [32, 20]);
      const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 4), 'int32'), 4), 'float32')) as tf.Tensor2D;
      const trainer = new Trainer({ spec: { sizes: [20, 16, 4], activation: 'tanh' }, optimizer: kind, learningRate: 0.05, seed: 1 });
      trainer.step(x, y); // Adam creates its moment variables on the first step.
      const before = tf.memory().numTensors;
      let first = NaN;
      let last = NaN;
      for (let i = 0; i < 100; i++) {
        const r = trainer.step(x, y);
        if (i === 0) first = r.loss;
        last = r.loss;
      }
      expect(tf.memory().numTensors).toBe(before);
      expect(last).toBeLessThan(first); // it learns
      trainer.dispose();
      tf.dispose([x, y]);
    }
  });

  it('dispose frees every tensor the trainer made', () => {
    const before = tf.memory().numTensors;
    const t = new Trainer({ spec: { sizes: [4, 3, 2], activation: 'relu' }, optimizer: 'adam', learningRate: 0.01, seed: 2 });
    const x = tf.ones([2, 4]) as tf.Tensor2D;
    const y = tf.tensor2d([[1, 0], [0, 1]]);
    t.step(x, y);
    t.dispose();
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a huge learning rate is reported as diverged, not thrown', () => {
    const t = new Trainer({ spec: { sizes: [4, 8, 2], activation: 'relu' }, optimizer: 'sgd', learningRate: 1e12, seed: 2 });
    const x = tf.tensor2d([[1, 2, 3, 4], [4, 3, 2, 1]]);
    const y = tf.tensor2d([[1, 0], [0, 1]]);
    let diverged = false;
    for (let i = 0; i < 20 && !diverged; i++) diverged = t.step(x, y).diverged;
    expect(diverged).toBe(true);
    t.dispose();
    tf.dispose([x, y]);
  });
});

describe('angleDegrees', () => {
  it('gives 0°, 90° and 180° for same, orthogonal and opposite directions', () => {
    const a = tf.tensor1d([1, 2, 0]);
    const b = tf.tensor1d([-2, 1, 5]);
    expect(angleDegrees(a, a)).toBeCloseTo(0, 1);
    expect(angleDegrees(a, b)).toBeCloseTo(90, 4);
    expect(angleDegrees(a, tf.neg(a))).toBeCloseTo(180, 1);
    tf.dispose([a, b]);
  });
});

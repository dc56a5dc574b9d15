// Feedback alignment, direct FA, sign symmetry and output-only against a Float64 oracle; FA with
// B = Wᵀ is backprop; alignment angles; no tensor leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { createMlp, disposeMlp, readParameters, type MlpSpec } from '../../../src/lib/nets/mlp';
import { computeGradients, Trainer } from '../../../src/lib/train/trainer';
import {
  alignmentAngles,
  backprop,
  dfa,
  fa,
  feedbackAlignment,
  feedbackWeightAngle,
  getRule,
  outputOnly,
  signSymmetry,
  type FeedbackState,
  type LearningRule,
} from '../../../src/lib/rules/feedback';
import { toMat } from '../oracles/linear-algebra';
import type { Act } from '../oracles/mlp';
import { oracleRuleGrads, times, transposeRows } from '../oracles/feedback-rules';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Mat = number[][];
function fixture(act: Act, seed = 11) {
  const spec: MlpSpec = { sizes: [6, 5, 4, 3], activation: act };
  const rng = createRng(seed);
  const net = createMlp(spec, rng.fork('init'));
  const n = 7;
  const xFlat = rng.fork('x').uniformArray(n * 6, -1, 1);
  const yFlat = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) yFlat[i * 3 + (i % 3)] = 1;
  const p = readParameters(net);
  const W = p.weights.map((w, l) => toMat(w, spec.sizes[l], spec.sizes[l + 1]));
  const b = p.biases.map((v) => Array.from(v));
  return { net, spec, x: tf.tensor2d(xFlat, [n, 6]), y: tf.tensor2d(yFlat, [n, 3]), W, b, X: toMat(xFlat, n, 6), Y: toMat(yFlat, n, 3) };
}

const matrices = (state: FeedbackState): Mat[] => state.matrices.map((m) => toMat(m.dataSync(), m.shape[0], m.shape[1]));

describe.each(['tanh', 'relu'] as Act[])('rules against the Float64 oracle (%s, 6-5-4-3)', (act) => {
  const cases: [string, LearningRule<unknown>, (W: Mat[], state: unknown) => (l: number, d: Mat, e: Mat) => Mat][] = [
    ['fa', fa as LearningRule<unknown>, (_W, s) => (l, d) => times(d, matrices(s as FeedbackState)[l])],
    ['dfa', dfa as LearningRule<unknown>, (_W, s) => (l, _d, e) => times(e, matrices(s as FeedbackState)[l])],
    ['sign-symmetry', signSymmetry as LearningRule<unknown>, (W) => (l, d) => times(d, transposeRows(W[l + 1]).map((r) => r.map(Math.sign)))],
    ['output-only', outputOnly as LearningRule<unknown>, (W) => (l, d) => d.map(() => W[l + 1].map(() => 0))],
  ];
  it.each(cases)('%s: deltas and weight gradients match', (_name, rule, makeFeedback) => {
    const { net, x, y, W, b, X, Y } = fixture(act);
    const state = rule.init(net, createRng(3));
    const ref = oracleRuleGrads(W, b, X, Y, act, makeFeedback(W, state));
    const grads = tf.tidy(() => computeGradients(net, rule, state, x, y).grads);
    grads.weights.forEach((g, l) => expectClose(g.dataSync(), ref.dW[l].flat(), 1e-4));
    grads.deltas.forEach((d, l) => expectClose(d.dataSync(), ref.deltas[l].flat(), 1e-4));
    tf.dispose([...grads.weights, ...grads.biases, ...grads.deltas, x, y]);
    rule.dispose(state);
    disposeMlp(net);
  });
});

describe('feedback matrices', () => {
  it('FA: B ~ U(±1/√width above) shaped like Wᵀ; DFA: B [classes, width], U(±1/√classes); seeded', () => {
    const net = createMlp({ sizes: [784, 64, 32, 10], activation: 'tanh' }, createRng(1));
    const a = fa.init(net, createRng(5));
    const again = fa.init(net, createRng(5));
    const d = dfa.init(net, createRng(5));
    expect(a.matrices.map((m) => m.shape)).toEqual([[32, 64], [10, 32]]);
    expect(d.matrices.map((m) => m.shape)).toEqual([[10, 64], [10, 32]]);
    expect(Math.max(...a.matrices[0].dataSync().map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(32));
    expect(Math.max(...a.matrices[1].dataSync().map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(10));
    expect(Math.max(...a.matrices[1].dataSync().map(Math.abs))).toBeGreaterThan(0.9 / Math.sqrt(10));
    expect(Math.max(...d.matrices[0].dataSync().map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(10));
    expect(a.matrices[0].dataSync()).toEqual(again.matrices[0].dataSync());
    const normal = feedbackAlignment({ scale: 2, distribution: 'normal' }).init(net, createRng(5));
    const values = Array.from(normal.matrices[0].dataSync());
    const std = Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
    expect(std).toBeGreaterThan(1.8);
    expect(std).toBeLessThan(2.2);
    [a, again, d, normal].forEach((s) => fa.dispose(s));
    disposeMlp(net);
  });

  it('FA whose B is set to Wᵀ is backprop, to float precision', () => {
    const { net, x, y } = fixture('tanh');
    const state = fa.init(net, createRng(2));
    state.matrices.forEach((m, l) => m.assign(tf.transpose(net.weights[l + 1])));
    const [mine, truth] = tf.tidy(() => [computeGradients(net, fa, state, x, y).grads, computeGradients(net, backprop, null, x, y).grads]);
    mine.weights.forEach((g, l) => expectClose(g.dataSync(), truth.weights[l].dataSync(), 1e-6));
    mine.biases.forEach((g, l) => expectClose(g.dataSync(), truth.biases[l].dataSync(), 1e-6));
    expect(alignmentAngles(net, fa, state, x, y).every((a) => a < 0.1)).toBe(true);
    expect(feedbackWeightAngle(net, state).every((a) => a < 0.1)).toBe(true);
    tf.dispose([mine, truth, x, y] as tf.TensorContainer);
    fa.dispose(state);
    disposeMlp(net);
  });

  it('the registry knows every rule', () => {
    expect(['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only'].map((n) => getRule(n).name)).toEqual(['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only']);
  });
});

describe('alignment angles', () => {
  it('backprop 0°, output-only 90°, FA and DFA the Float64 angle of their deltas; weight angle available', () => {
    const { net, x, y, W, b, X, Y } = fixture('tanh');
    expect(alignmentAngles(net, backprop, null, x, y).every((a) => a < 0.1)).toBe(true);
    expect(alignmentAngles(net, outputOnly, null, x, y)).toEqual([90, 90]);
    const state = fa.init(net, createRng(4));
    const B = matrices(state);
    const mine = oracleRuleGrads(W, b, X, Y, 'tanh', (l, d) => times(d, B[l]));
    const truth = oracleRuleGrads(W, b, X, Y, 'tanh', (l, d) => times(d, transposeRows(W[l + 1])));
    const angle = (p: number[], q: number[]) => {
      const dot = p.reduce((s, v, i) => s + v * q[i], 0);
      return (Math.acos(dot / Math.hypot(...p) / Math.hypot(...q)) * 180) / Math.PI;
    };
    const expected = [0, 1].map((l) => angle(mine.deltas[l].flat(), truth.deltas[l].flat()));
    expectClose(alignmentAngles(net, fa, state, x, y), expected, 'float32');
    const expectedW = [0, 1].map((l) => angle(mine.dW[l].flat(), truth.dW[l].flat()));
    expectClose(alignmentAngles(net, fa, state, x, y, { of: 'weights' }), expectedW, 'float32');
    // angle(W₂, B₂ᵀ) in Float64
    const fw = feedbackWeightAngle(net, state);
    expectClose([fw[1]], [angle(W[2].flat(), transposeRows(B[1]).flat())], 'float32');
    fa.dispose(state);
    tf.dispose([x, y]);
    disposeMlp(net);
  });
});

describe('ownership', () => {
  it.each(['fa', 'dfa', 'sign-symmetry', 'output-only'])('%s: 100 steps, angles and dispose leak no tensors', (name) => {
    const start = tf.memory().numTensors;
    const rng = createRng(1);
    const x = tf.tensor2d(rng.uniformArray(32 * 20, 0, 1), [32, 20]);
    const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 4), 'int32'), 4), 'float32')) as tf.Tensor2D;
    const trainer = new Trainer({ spec: { sizes: [20, 16, 12, 4], activation: 'tanh' }, rule: name, optimizer: 'adam', learningRate: 0.01, seed: 1 });
    trainer.step(x, y); // Adam creates its moments on the first step
    const before = tf.memory().numTensors;
    let first = NaN;
    let last = NaN;
    for (let i = 0; i < 100; i++) {
      const r = trainer.step(x, y);
      if (i === 0) first = r.loss;
      last = r.loss;
    }
    alignmentAngles(trainer.net, trainer.rule, trainer.ruleState, x, y);
    if (name === 'fa' || name === 'dfa') feedbackWeightAngle(trainer.net, trainer.ruleState as FeedbackState);
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first); // every rule at least trains its output layer
    trainer.dispose();
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('output-only leaves every hidden weight at its initial value', () => {
    const t = new Trainer({ spec: { sizes: [8, 6, 5, 3], activation: 'relu' }, rule: 'output-only', optimizer: 'sgd', learningRate: 0.5, seed: 3 });
    const before = readParameters(t.net);
    const x = tf.tensor2d(createRng(2).uniformArray(10 * 8, -1, 1), [10, 8]);
    const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 10 }, (_, i) => i % 3), 'int32'), 3), 'float32')) as tf.Tensor2D;
    for (let i = 0; i < 5; i++) t.step(x, y);
    const after = readParameters(t.net);
    expect(after.weights[0]).toEqual(before.weights[0]);
    expect(after.weights[1]).toEqual(before.weights[1]);
    expect(after.biases[1]).toEqual(before.biases[1]);
    expect(after.weights[2]).not.toEqual(before.weights[2]);
    t.dispose();
    tf.dispose([x, y]);
  });
});


// Dale's-law network: fixed E/I signs per presynaptic neuron, log-normal magnitudes, balanced mean,
// the He-like scale; violation counting; the Mlp forward runs on it; EG keeps every sign through
// training steps while GD may not.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { createDaleNet, daleViolations, initialDaleWeights, type DaleSpec } from '../../../src/lib/nets/dale';
import { disposeMlp, parameters, readParameters } from '../../../src/lib/nets/mlp';
import { computeGradients } from '../../../src/lib/train/trainer';
import { backprop } from '../../../src/lib/rules/feedback';
import { exponentiatedGradient } from '../../../src/lib/rules/update/exponentiated-gradient';
import { sgd } from '../../../src/lib/rules/update';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec: DaleSpec = { sizes: [400, 50, 10], activation: 'relu', excitatoryFraction: 0.8, logStd: 1 };

describe('Dale network initialisation', () => {
  it('every outgoing weight of a neuron has its sign; 80% excitatory; log|W| has spread σ; E[W] ≈ 0, E[W²] ≈ 2/fanIn', () => {
    const { signs, weights } = initialDaleWeights(spec, createRng(1));
    expect(signs.map((s) => s.length)).toEqual([400, 50]);
    expect(signs[0].filter((s) => s > 0).length).toBe(320);
    expect(signs[1].filter((s) => s > 0).length).toBe(40);
    const w = weights[0];
    for (let i = 0; i < 400; i++) for (let j = 0; j < 50; j++) expect(Math.sign(w[i * 50 + j])).toBe(signs[0][i]);
    expect(daleViolations(signs, weights)).toEqual({ perLayer: [0, 0], count: 0, total: 20500 });
    // log|W| of excitatory weights: a Gaussian of standard deviation σ = 1.
    const logs = Array.from(w).filter((_, k) => signs[0][Math.floor(k / 50)] > 0).map((v) => Math.log(v));
    const m = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / logs.length);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const second = w.reduce((a, b) => a + b * b, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.1 * Math.sqrt(2 / 400));
    expect(second * 400).toBeGreaterThan(1.6);
    expect(second * 400).toBeLessThan(2.4);
    expect(() => initialDaleWeights({ ...spec, excitatoryFraction: 1 }, createRng(1))).toThrow(RangeError);
  });

  it('counts a weight as a violation when its sign opposes its presynaptic neuron', () => {
    const signs = [Int8Array.from([1, -1])];
    expect(daleViolations(signs, [[0.1, -0.2, -0.3, 0.4]]).perLayer).toEqual([2]);
  });
});

describe('Dale network training steps', () => {
  it('same seed → same net; EG keeps every sign over 30 steps, GD flips some; no leaks', () => {
    const a = createDaleNet(spec, createRng(9));
    const b = createDaleNet(spec, createRng(9));
    expect(Array.from(readParameters(a).weights[0])).toEqual(Array.from(readParameters(b).weights[0]));
    const data = createRng(2);
    const x = tf.tensor2d(data.uniformArray(64 * 400, 0, 1), [64, 400]);
    const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, () => data.int(10)), 'int32'), 10), 'float32')) as tf.Tensor2D;
    const eg = exponentiatedGradient(2);
    const gd = sgd(0.5);
    const stepWith = (net: typeof a, rule: { apply(p: tf.Variable[], g: tf.Tensor[]): void }) =>
      tf.tidy(() => {
        const { grads } = computeGradients(net, backprop, null, x, y);
        rule.apply(net.weights, grads.weights);
        sgd(0.5).apply(net.biases, grads.biases);
      });
    stepWith(a, eg);
    stepWith(b, gd);
    const count = tf.memory().numTensors;
    for (let t = 0; t < 29; t++) {
      stepWith(a, eg);
      stepWith(b, gd);
    }
    expect(tf.memory().numTensors).toBe(count);
    expect(daleViolations(a.signs, readParameters(a).weights).count).toBe(0);
    expect(daleViolations(b.signs, readParameters(b).weights).count).toBeGreaterThan(0);
    expect(parameters(a)).toHaveLength(4);
    disposeMlp(a);
    disposeMlp(b);
    tf.dispose([x, y]);
  });
});

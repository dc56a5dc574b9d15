// Forward-forward: the written-out layer-local gradient against Float64 finite differences of each
// layer's own loss; label embedding and negatives; a short MNIST run well above chance; no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { createRng } from '../../../src/lib/random';
import { createMlp, disposeMlp, readParameters } from '../../../src/lib/nets/mlp';
import { nodeSource } from '../../../src/lib/data/source-node';
import { embedLabels, forwardForwardGradients, goodnessPerLabel, wrongLabels } from '../../../src/lib/rules/local/forward-forward';
import { FORWARD_FORWARD_DEFAULTS, ForwardForwardRun, forwardForwardTable } from '../../../src/chapters/feedback-alignment/runs/forward-forward';
import { toMat } from '../oracles/linear-algebra';
import { oracleLayerLoss } from '../oracles/forward-forward';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('forward-forward maths', () => {
  it('the layer-local gradients are the Float64 derivatives of each layer’s own loss', () => {
    const sizes = [12, 7, 5];
    const net = createMlp({ sizes, activation: 'relu', init: 'he', initScale: 1.41 }, createRng(4));
    const n = 8; // 4 positive rows, then 4 negative rows
    const xFlat = createRng(5).uniformArray(n * 12, 0, 1);
    const threshold = 0.8;
    const grads = tf.tidy(() => forwardForwardGradients(net, tf.tensor2d(xFlat, [n, 12]), 4, threshold));
    const p = readParameters(net);
    const W = p.weights.map((w, l) => toMat(w, sizes[l], sizes[l + 1]));
    const b = p.biases.map((v) => Array.from(v));
    const X = toMat(xFlat, n, 12);
    const eps = 1e-6;
    for (let l = 0; l < 2; l++) {
      expect(grads.losses[l].dataSync()[0]).toBeCloseTo(oracleLayerLoss(W, b, X, 4, threshold, l), 4);
      const gW = grads.weights[l].dataSync();
      let checked = 0;
      for (let i = 0; i < sizes[l]; i++) {
        for (let j = 0; j < sizes[l + 1]; j++) {
          const orig = W[l][i][j];
          W[l][i][j] = orig + eps;
          const up = oracleLayerLoss(W, b, X, 4, threshold, l);
          W[l][i][j] = orig - eps;
          const down = oracleLayerLoss(W, b, X, 4, threshold, l);
          W[l][i][j] = orig;
          const fd = (up - down) / (2 * eps);
          expect(Math.abs(gW[i * sizes[l + 1] + j] - fd)).toBeLessThan(1e-4 * (1 + Math.abs(fd)));
          checked++;
        }
      }
      expect(checked).toBe(sizes[l] * sizes[l + 1]);
      const gb = grads.biases[l].dataSync();
      for (let j = 0; j < sizes[l + 1]; j++) {
        const orig = b[l][j];
        b[l][j] = orig + eps;
        const up = oracleLayerLoss(W, b, X, 4, threshold, l);
        b[l][j] = orig - eps;
        const down = oracleLayerLoss(W, b, X, 4, threshold, l);
        b[l][j] = orig;
        expect(Math.abs(gb[j] - (up - down) / (2 * eps))).toBeLessThan(1e-4);
      }
    }
    // Some gradient is non-zero in every layer (the check above is not vacuous).
    expect(grads.weights.every((g) => Math.max(...g.dataSync().map(Math.abs)) > 1e-4)).toBe(true);
    tf.dispose([...grads.weights, ...grads.biases, ...grads.losses]);
    disposeMlp(net);
  });

  it('labels go one-hot into the first 10 pixels; negatives are always wrong and cover the other classes', () => {
    const x = tf.fill([3, 20], 0.5) as tf.Tensor2D;
    const embedded = tf.tidy(() => embedLabels(x, tf.tensor1d([0, 3, 9], 'int32')));
    const rows = toMat(embedded.dataSync(), 3, 20);
    expect(rows[1].slice(0, 10)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(rows[2].slice(10)).toEqual(new Array(10).fill(0.5));
    const truth = Int32Array.from({ length: 2000 }, (_, i) => i % 10);
    const wrong = wrongLabels(truth, createRng(1));
    expect(wrong.every((w, i) => w !== truth[i] && w >= 0 && w < 10)).toBe(true);
    expect(new Set(Array.from(wrong).filter((_, i) => truth[i] === 4)).size).toBe(9);
    const net = createMlp({ sizes: [20, 6, 6], activation: 'relu', init: 'he', initScale: 1.41 }, createRng(2));
    const scores = tf.tidy(() => goodnessPerLabel(net, x));
    expect(scores.shape).toEqual([3, 10]);
    tf.dispose([x, embedded, scores]);
    disposeMlp(net);
  });
});

describe('forward-forward on MNIST (2,000 digits, 3 epochs)', () => {
  it('is well above chance, positive data ends up better than negative, and the layer losses fall', async () => {
    const rows = await forwardForwardTable({ ...FORWARD_FORWARD_DEFAULTS, trainSize: 2000, testSize: 300 }, 3, nodeSource());
    const last = rows[rows.length - 1];
    expect(last.testAccuracy).toBeGreaterThan(0.5); // chance is 0.1
    expect(last.testAccuracy).toBeGreaterThan(rows[0].testAccuracy);
    last.goodnessPositive.forEach((g, l) => expect(g).toBeGreaterThan(last.goodnessNegative[l]));
    last.losses.forEach((loss, l) => expect(loss).toBeLessThan(rows[0].losses[l]));
  });

  it('leaks no tensors while training or evaluating, and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const run = await ForwardForwardRun.create({ ...FORWARD_FORWARD_DEFAULTS, sizes: [784, 64, 64], trainSize: 300, testSize: 100 }, nodeSource());
    run.train(1);
    const before = tf.memory().numTensors;
    run.train(10);
    run.evaluate();
    expect(tf.memory().numTensors).toBe(before);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

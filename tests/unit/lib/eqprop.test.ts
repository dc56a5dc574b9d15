// Equilibrium propagation: relaxation and the EP update against a Float64 oracle; the recurrent
// backprop reference against Float64 finite differences of the loss at equilibrium; EP → true
// gradient as β → 0 (O(β) one-sided, O(β²) symmetric), for squared error and cross-entropy outputs and
// for a softmax readout outside the energy; a short MNIST run; no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { createRng } from '../../../src/lib/random';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createEqPropNet, disposeEqPropNet, eqpropActivation, eqpropGradients, relax, type EqPropNet } from '../../../src/lib/rules/local/eqprop';
import { disposeGradients, eqpropAngle, gradientAngle, recurrentBackpropGradients } from '../../../src/lib/rules/local/eqprop-angles';
import { EQPROP_DEFAULTS, EqPropRun, eqpropTable } from '../../../src/chapters/feedback-alignment/runs/eqprop';
import { toMat } from '../oracles/linear-algebra';
import { oracleRelax, phiGrad } from '../oracles/eqprop';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

function tiny(seed = 3) {
  const sizes = [6, 5, 3];
  const net = createEqPropNet(sizes, createRng(seed));
  const n = 4;
  const rng = createRng(seed + 1);
  const xFlat = rng.uniformArray(n * 6, 0, 1);
  const yFlat = new Float32Array(n * 3);
  for (let r = 0; r < n; r++) yFlat[r * 3 + (r % 3)] = 1;
  // Non-zero biases, so the oracle checks them too.
  net.biases.forEach((bv, l) => bv.assign(tf.tensor1d(rng.uniformArray(sizes[l + 1], -0.3, 0.3))));
  const W = net.weights.map((w, l) => toMat(w.dataSync(), sizes[l], sizes[l + 1]));
  const b = net.biases.map((v) => Array.from(v.dataSync()));
  return { net, sizes, x: tf.tensor2d(xFlat, [n, 6]), y: tf.tensor2d(yFlat, [n, 3]), W, b, X: toMat(xFlat, n, 6), Y: toMat(yFlat, n, 3) };
}

describe('EqProp against the Float64 oracle (6-5-3)', () => {
  it('free and nudged relaxations match', () => {
    const { net, x, y, W, b, X, Y } = tiny();
    const free = relax(net, x, y, null, 30, 0);
    const refFree = oracleRelax(W, b, X, Y, null, 30, 0);
    free.forEach((s, l) => expectClose(s.dataSync(), refFree[l].flat(), 1e-5));
    const nudged = relax(net, x, y, free, 10, -0.5);
    oracleRelax(W, b, X, Y, refFree, 10, -0.5).forEach((s, l) => expectClose(nudged[l].dataSync(), s.flat(), 1e-5));
    tf.dispose([...free, ...nudged, x, y]);
    disposeEqPropNet(net);
  });

  it.each(['one-sided', 'symmetric'] as const)('the %s EP update matches', (nudging) => {
    const { net, x, y, W, b, X, Y } = tiny();
    const beta = 0.3;
    const free = relax(net, x, y, null, 30, 0);
    const g = eqpropGradients(net, x, y, free, beta, nudging, 10);
    const s0 = oracleRelax(W, b, X, Y, null, 30, 0);
    const plus = oracleRelax(W, b, X, Y, s0, 10, beta);
    const minus = nudging === 'symmetric' ? oracleRelax(W, b, X, Y, s0, 10, -beta) : s0;
    const scale = -1 / ((nudging === 'symmetric' ? 2 * beta : beta) * X.length);
    for (let l = 0; l < 2; l++) {
      const a = phiGrad(X, plus, l);
      const c = phiGrad(X, minus, l);
      expectClose(g.weights[l].dataSync(), a.flat().map((v, k) => scale * (v - c.flat()[k])), 'float32');
      const gb = plus[l][0].map((_, j) => scale * plus[l].reduce((acc, row, r) => acc + row[j] - minus[l][r][j], 0));
      expectClose(g.biases[l].dataSync(), gb, 'float32');
    }
    disposeGradients(g);
    tf.dispose([...free, x, y]);
    disposeEqPropNet(net);
  });

  it('recurrent backprop is the derivative of the loss at equilibrium (Float64 finite differences)', () => {
    const { net, x, y, W, b, X, Y } = tiny();
    const loss = () => {
      const s = oracleRelax(W, b, X, Y, null, 300, 0);
      return s[1].reduce((acc, row, r) => acc + row.reduce((q, v, j) => q + 0.5 * (v - Y[r][j]) ** 2, 0), 0) / X.length;
    };
    const free = relax(net, x, y, null, 300, 0);
    const g = recurrentBackpropGradients(net, x, y, free, 300);
    expectFiniteDifferences(g.weights.slice(0, 2), W, loss);
    disposeGradients(g);
    tf.dispose([...free, x, y]);
    disposeEqPropNet(net);
  });
});

describe('EP estimate vs the true gradient', () => {
  function angles(net: EqPropNet, x: tf.Tensor2D, y: tf.Tensor2D, betas: number[]) {
    return {
      oneSided: betas.map((beta) => eqpropAngle(net, x, y, beta, 'one-sided')),
      symmetric: betas.map((beta) => eqpropAngle(net, x, y, beta, 'symmetric')),
    };
  }

  it('tends to it as β → 0: bias O(β) one-sided, O(β²) symmetric', () => {
    const { net, x, y } = tiny(7);
    const betas = [0.001, 0.01, 0.1];
    const a = angles(net, x, y, betas);
    expect(a.symmetric[0]).toBeLessThan(0.5);
    expect(a.oneSided[1]).toBeLessThan(2);
    // one-sided grows ≈ linearly with β; symmetric ≈ quadratically (10× β → ≳ 30× angle)
    expect(a.oneSided[2]).toBeGreaterThan(4 * a.oneSided[1]);
    expect(a.symmetric[2]).toBeGreaterThan(30 * a.symmetric[1]);
    betas.forEach((_, i) => expect(a.symmetric[i]).toBeLessThan(a.oneSided[i]));
    tf.dispose([x, y]);
    disposeEqPropNet(net);
  });
});

describe('cross-entropy output (linear logits, nudge β(y − softmax(s_L)))', () => {
  it('its EP estimate tends to the recurrent-backprop gradient of the cross-entropy as β → 0', () => {
    const { net: mse, sizes, x, y } = tiny(7);
    const net = createEqPropNet(sizes, createRng(7), 'cross-entropy');
    net.weights.forEach((w, l) => w.assign(mse.weights[l]));
    net.biases.forEach((b, l) => b.assign(mse.biases[l]));
    expect(eqpropAngle(net, x, y, 0.001, 'symmetric')).toBeLessThan(0.5);
    expect(eqpropAngle(net, x, y, 0.01, 'one-sided')).toBeLessThan(2);
    // and it differs from the squared-error gradient: the loss really changed
    const free = relax(net, x, y, null, 200, 0, 0.5);
    const ce = recurrentBackpropGradients(net, x, y, free, 200);
    const sq = recurrentBackpropGradients(mse, x, y, relax(mse, x, y, null, 200, 0, 0.5), 200);
    expect(gradientAngle(ce, sq)).toBeGreaterThan(5);
    [ce, sq].forEach(disposeGradients);
    tf.dispose([...free, x, y]);
    disposeEqPropNet(net);
    disposeEqPropNet(mse);
  });
});

describe("softmax readout outside the energy (Laborieux et al.'s third output)", () => {
  /** 6-5-4-3: two hidden layers in the energy (so the free phase really relaxes), a 4→3 readout. */
  function readoutNet() {
    const sizes = [6, 5, 4, 3];
    const net = createEqPropNet(sizes, createRng(11), 'softmax-readout');
    const n = 4;
    const rng = createRng(12);
    const xFlat = rng.uniformArray(n * 6, 0, 1);
    const yFlat = new Float32Array(n * 3);
    for (let r = 0; r < n; r++) yFlat[r * 3 + (r % 3)] = 1;
    net.biases.forEach((bv, l) => bv.assign(tf.tensor1d(rng.uniformArray(sizes[l + 1], -0.3, 0.3))));
    const W = net.weights.map((w, l) => toMat(w.dataSync(), sizes[l], sizes[l + 1]));
    const b = net.biases.map((v) => Array.from(v.dataSync()));
    return { net, x: tf.tensor2d(xFlat, [n, 6]), y: tf.tensor2d(yFlat, [n, 3]), W, b, X: toMat(xFlat, n, 6), Y: toMat(yFlat, n, 3) };
  }

  it('the reference is the derivative of CE(softmax(readout(s_h)), y) at equilibrium (Float64 finite differences)', () => {
    const { net, x, y, W, b, X, Y } = readoutNet();
    const loss = () => {
      // the energy is the hidden layers alone: the oracle relaxes them with β = 0, then reads out
      const s = oracleRelax(W.slice(0, -1), b.slice(0, -1), X, X.map(() => [0, 0, 0, 0]), null, 300, 0);
      const top = s[s.length - 1];
      return (
        top.reduce((acc, h, r) => {
          const z = W[2][0].map((_, k) => b[2][k] + h.reduce((q, v, j) => q + v * W[2][j][k], 0));
          const m = Math.max(...z);
          const lse = m + Math.log(z.reduce((q, v) => q + Math.exp(v - m), 0));
          return acc + lse - z[Y[r].indexOf(1)];
        }, 0) / X.length
      );
    };
    const free = relax(net, x, y, null, 300, 0);
    const g = recurrentBackpropGradients(net, x, y, free, 300);
    expectFiniteDifferences(g.weights.slice(0, 3), W, loss);
    disposeGradients(g);
    tf.dispose([...free, x, y]);
    disposeEqPropNet(net);
  });

  it('its EP estimate tends to that gradient as β → 0: O(β) one-sided, O(β²) symmetric', () => {
    const { net, x, y } = readoutNet();
    const betas = [0.001, 0.01, 0.1];
    const oneSided = betas.map((beta) => eqpropAngle(net, x, y, beta, 'one-sided'));
    const symmetric = betas.map((beta) => eqpropAngle(net, x, y, beta, 'symmetric'));
    expect(symmetric[0]).toBeLessThan(0.5);
    expect(oneSided[1]).toBeLessThan(2);
    expect(oneSided[2]).toBeGreaterThan(4 * oneSided[1]);
    betas.forEach((_, i) => expect(symmetric[i]).toBeLessThan(oneSided[i]));
    tf.dispose([x, y]);
    disposeEqPropNet(net);
  });

  it('the output is the readout of the last hidden layer, which the readout does not drive', () => {
    const { net, x, y } = readoutNet();
    const free = relax(net, x, y, null, 200, 0, 0.5);
    const [logits, hidden] = tf.tidy(() => [
      tf.add(tf.matMul(free[1], net.weights[2]), net.biases[2]),
      // the top hidden layer's fixed point ignores W_out: σ(s₁W₂ + b₂)
      eqpropActivationOf(free[0], net.weights[1], net.biases[1]),
    ]);
    expectClose(free[2].dataSync(), logits.dataSync(), 1e-5);
    expectClose(free[1].dataSync(), hidden.dataSync(), 1e-4);
    tf.dispose([...free, logits, hidden, x, y]);
    disposeEqPropNet(net);
  });

  it('leaks no tensors while training, evaluating, tracing or measuring angles', async () => {
    const start = tf.memory().numTensors;
    const run = await EqPropRun.create(
      { ...EQPROP_DEFAULTS, sizes: [784, 32, 16, 10], learningRates: [0.08, 0.04, 0.02], trainSize: 300, testSize: 100, probeSize: 20, nudging: 'symmetric', loss: 'softmax-readout' },
      nodeSource(),
    );
    run.train(1);
    const before = tf.memory().numTensors;
    run.train(5);
    const m = run.evaluate();
    expect(Number.isFinite(m.testLoss)).toBe(true);
    run.trace(0);
    run.angle(0.1, 'symmetric', { freeSteps: 20, nudgedSteps: 5, referenceSteps: 5 });
    run.angleCurve([0.1, 0.5], { freeSteps: 20, nudgedSteps: 5, referenceSteps: 5 });
    expect(tf.memory().numTensors).toBe(before);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

const eqpropActivationOf = (below: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => eqpropActivation(tf.add(tf.matMul(below, w), b) as tf.Tensor2D);

describe('EqProp on MNIST (2,000 digits, 1 epoch)', () => {
  it('learns well above chance; angle ≤ 10° for small β, and symmetric nudging beats one-sided there', async () => {
    const table = await eqpropTable({ ...EQPROP_DEFAULTS, trainSize: 2000, testSize: 500, probeSize: 50 }, 1, [0.05, 0.2], nodeSource());
    expect(table.accuracy[0].testAccuracy).toBeGreaterThan(0.4); // chance is 0.1
    expect(table.oneSided[0]).toBeLessThanOrEqual(10);
    expect(table.symmetric[0]).toBeLessThanOrEqual(10);
    expect(table.symmetric[1]).toBeLessThanOrEqual(10);
    expect(table.symmetric[0]).toBeLessThan(table.oneSided[0]);
    expect(table.symmetric[1]).toBeLessThan(table.oneSided[1]);
    expect(table.oneSided[1]).toBeGreaterThan(table.oneSided[0]);
    // a small nudge moves the output about as far either way (the −β phase stays on the free branch)
    expect(table.minusShift[0] / table.plusShift[0]).toBeGreaterThan(0.5);
    expect(table.minusShift[0] / table.plusShift[0]).toBeLessThan(2);
  });

  it('leaks no tensors while training, evaluating or measuring angles; dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    const run = await EqPropRun.create({ ...EQPROP_DEFAULTS, sizes: [784, 32, 10], trainSize: 300, testSize: 100, probeSize: 20, nudging: 'symmetric' }, nodeSource());
    run.train(1);
    const before = tf.memory().numTensors;
    run.train(5);
    run.evaluate();
    run.angle(0.1, 'one-sided', { freeSteps: 20, nudgedSteps: 5, referenceSteps: 5 });
    run.angleCurve([0.1, 0.5], { freeSteps: 20, nudgedSteps: 5, referenceSteps: 5 });
    expect(tf.memory().numTensors).toBe(before);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

/** Central differences of `loss` over a few entries of each Float64 weight matrix in `W` agree with `grads` (same layout). */
function expectFiniteDifferences(grads: tf.Tensor[], W: number[][][], loss: () => number): void {
  const eps = 1e-5;
  grads.forEach((grad, l) => {
    const gW = grad.dataSync();
    const cols = W[l][0].length;
    for (const [i, j] of [[0, 0], [1, 2], [W[l].length - 1, cols - 1], [2, 1]]) {
      const orig = W[l][i][j];
      W[l][i][j] = orig + eps;
      const up = loss();
      W[l][i][j] = orig - eps;
      const down = loss();
      W[l][i][j] = orig;
      const fd = (up - down) / (2 * eps);
      expect(Math.abs(gW[i * cols + j] - fd)).toBeLessThan(2e-3 * Math.max(Math.abs(fd), 1e-3));
    }
  });
}

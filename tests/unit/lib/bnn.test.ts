// The binarized network and metaplastic Adam against a Float64 oracle; m = 0 is plain Adam bit for bit;
// f_meta's bounds; BN save/restore; no leaked tensors.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import {
  bnnComputeGradients,
  bnnEvaluate,
  bnnParameters,
  createBnn,
  disposeBnn,
  readBnn,
  restoreBatchNorm,
  saveBatchNorm,
  type BnnSpec,
} from '../../../src/lib/nets/bnn';
import { bnnTrainStep } from '../../../src/lib/train/bnn-step';
import { metaFactor, metaplasticAdam } from '../../../src/lib/rules/update/metaplastic-adam';
import { adam } from '../../../src/lib/rules/update';
import { toMat } from '../oracles/linear-algebra';
import { oracleBnn, oracleBnnScore, oracleMetaAdam } from '../oracles/bnn';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function fixture(seed = 3, n = 8) {
  const spec: BnnSpec = { sizes: [6, 5, 4, 3], initScale: 0.5 };
  const net = createBnn(spec, createRng(seed).fork('init'));
  const rng = createRng(seed).fork('data');
  const xFlat = rng.uniformArray(n * 6, -1, 1);
  const yFlat = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) yFlat[i * 3 + (i % 3)] = 1;
  const x = tf.tensor2d(xFlat, [n, 6]);
  const y = tf.tensor2d(yFlat, [n, 3]);
  return { spec, net, x, y, X: toMat(xFlat, n, 6), Y: toMat(yFlat, n, 3) };
}

describe('BNN against the Float64 oracle', () => {
  it('forward (training mode) and written-out straight-through backward match', () => {
    const { spec, net, x, y, X, Y } = fixture();
    // Non-trivial BN affine parameters, so γ enters the backward.
    tf.tidy(() => {
      net.gamma.forEach((g, l) => g.assign(tf.tensor1d(createRng(l).uniformArray(g.shape[0], 0.5, 1.5))));
      net.beta.forEach((b, l) => b.assign(tf.tensor1d(createRng(10 + l).uniformArray(b.shape[0], -0.3, 0.3))));
    });
    const p = readBnn(net);
    const W = p.hidden.map((w, l) => toMat(w, spec.sizes[l], spec.sizes[l + 1]));
    const ref = oracleBnn(W, p.gamma.map((g) => Array.from(g)), p.beta.map((b) => Array.from(b)), X, Y);
    const out = tf.tidy(() => {
      const r = bnnComputeGradients(net, x, y);
      return { logits: r.cache.logits, grads: r.grads };
    });
    expectClose(out.logits.dataSync(), ref.logits.flat(), 1e-4);
    out.grads.hidden.forEach((g, l) => expectClose(g.dataSync(), ref.dW[l].flat(), 1e-4));
    out.grads.gamma.forEach((g, l) => expectClose(g.dataSync(), ref.dGamma[l], 1e-4));
    out.grads.beta.forEach((g, l) => expectClose(g.dataSync(), ref.dBeta[l], 1e-4));
    // The straight-through gate is exercised: some hidden pre-activations fall outside |z| ≤ 1, some inside.
    const hiddenZ = ref.z.slice(0, -1).flat(2);
    expect(hiddenZ.some((v) => Math.abs(v) > 1)).toBe(true);
    expect(hiddenZ.some((v) => Math.abs(v) <= 1)).toBe(true);
    tf.dispose([out.logits, ...out.grads.hidden, ...out.grads.gamma, ...out.grads.beta, x, y]);
    disposeBnn(net);
  });

  it('computes with ±1 weights and ±1 hidden activations; a training step moves the running statistics', () => {
    const { net, x, y } = fixture(4);
    const z = tf.tidy(() => bnnComputeGradients(net, x, y).cache.inputs.slice(1).map((h) => tf.abs(h)));
    z.forEach((h) => expect(Array.from(h.dataSync()).every((v) => v === 1)).toBe(true));
    const before = readBnn(net);
    const opt = adam(0.01);
    bnnTrainStep(net, opt, x, y);
    const after = readBnn(net);
    expect(after.runningMean[0]).not.toEqual(before.runningMean[0]);
    expect(after.runningVar[0]).not.toEqual(before.runningVar[0]);
    opt.dispose();
    tf.dispose([...z, x, y]);
    disposeBnn(net);
  });

  it("gammaInit 'uniform' draws γ ~ U(0, 1) after the weights: same W_h as the default, β = 0", () => {
    const spec: BnnSpec = { sizes: [6, 5, 4, 3], initScale: 0.5 };
    const ones = createBnn(spec, createRng(7));
    const uniform = createBnn({ ...spec, gammaInit: 'uniform' }, createRng(7));
    const again = createBnn({ ...spec, gammaInit: 'uniform' }, createRng(7));
    const [a, b] = [readBnn(ones), readBnn(uniform)];
    expect(b.hidden).toEqual(a.hidden);
    expect(a.gamma.every((g) => g.every((v) => v === 1))).toBe(true);
    expect(b.gamma.map((g) => g.length)).toEqual([5, 4, 3]);
    expect(b.gamma.every((g) => g.every((v) => v >= 0 && v < 1))).toBe(true);
    expect(b.gamma.flatMap((g) => Array.from(g)).some((v) => v !== b.gamma[0][0])).toBe(true);
    expect(b.beta).toEqual(a.beta);
    expect(readBnn(again)).toEqual(b);
    [ones, uniform, again].forEach(disposeBnn);
  });

  it('BN state saved and restored gives back the same evaluation', () => {
    const { net, x, y } = fixture(5);
    const opt = adam(0.02);
    for (let i = 0; i < 5; i++) bnnTrainStep(net, opt, x, y);
    const saved = saveBatchNorm(net);
    const e1 = bnnEvaluate(net, x, y);
    for (let i = 0; i < 5; i++) bnnTrainStep(net, opt, x, y);
    const hiddenBefore = readBnn(net).hidden;
    restoreBatchNorm(net, saved);
    expect(saveBatchNorm(net)).toEqual(saved);
    expect(readBnn(net).hidden).toEqual(hiddenBefore); // weights untouched
    // Same BN, weights moved: evaluation is that of the restored BN with today's weights; restoring twice is idempotent.
    const e2 = bnnEvaluate(net, x, y);
    restoreBatchNorm(net, saved);
    expect(bnnEvaluate(net, x, y)).toEqual(e2);
    expect(Number.isFinite(e1.loss)).toBe(true);
    opt.dispose();
    tf.dispose([x, y]);
    disposeBnn(net);
  });
});

describe('BNN scoring with batch statistics (the paper code: track_running_stats = False)', () => {
  it("each chunk of evalBatch images is normalised by its own statistics; running statistics play no part", () => {
    const { spec, net: trained, x, y, X, Y } = fixture(4, 12);
    const batchSpec: BnnSpec = { ...spec, evalStatistics: 'batch', evalBatch: 4 };
    const opt = adam(0.02);
    for (let i = 0; i < 6; i++) bnnTrainStep(trained, opt, x, y);
    const p = readBnn(trained);
    // The same trained parameters under the batch-statistics spec.
    const net = { ...trained, spec: batchSpec };
    const got = bnnEvaluate(net, x, y);
    const want = oracleBnnScore(p, spec.sizes, X, Y, 4);
    expect(got.accuracy).toBeCloseTo(want.accuracy, 10);
    expect(Math.abs(got.loss - want.loss)).toBeLessThanOrEqual(1e-4 * (1 + want.loss));
    // Chunks matter: one chunk of all 12 images is a different normalisation.
    const whole = oracleBnnScore(p, spec.sizes, X, Y, 12);
    expect(Math.abs(bnnEvaluate(net, x, y, 12).loss - whole.loss)).toBeLessThanOrEqual(1e-4 * (1 + whole.loss));
    expect(whole.loss).not.toBeCloseTo(want.loss, 3);
    // Scrambling the running statistics changes the 'running' score but not the 'batch' one.
    const running = bnnEvaluate(trained, x, y);
    tf.tidy(() => {
      trained.runningMean.forEach((v) => v.assign(tf.fill(v.shape, 3)));
      trained.runningVar.forEach((v) => v.assign(tf.fill(v.shape, 50)));
    });
    expect(bnnEvaluate(trained, x, y).loss).not.toBeCloseTo(running.loss, 3);
    expect(bnnEvaluate(net, x, y)).toEqual(got);
    const before = tf.memory().numTensors;
    bnnEvaluate(net, x, y);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    tf.dispose([x, y]);
    disposeBnn(trained);
  });
});

describe('metaplastic Adam', () => {
  it('matches the Float64 oracle: rank-2 weights attenuated, rank-1 parameters plain Adam', () => {
    const w0 = [0.3, -0.2, 0.05, -0.6, 0.01, 1.2];
    const b0 = [0.4, -0.5];
    const gs = [
      [0.1, -0.2, 0.3, 0.05, -0.01, 0.2],
      [0.2, 0.1, -0.3, 0.02, 0.04, -0.1],
      [-0.1, -0.3, 0.2, 0.07, 0.03, 0.3],
    ];
    const gb = [[0.3, -0.2], [0.1, 0.1], [0.2, -0.4]];
    for (const meta of [0, 1.35, 8]) {
      const w = tf.variable(tf.tensor2d(w0, [2, 3]));
      const b = tf.variable(tf.tensor1d(b0));
      const opt = metaplasticAdam(0.05, meta);
      gs.forEach((g, k) => {
        const gt = [tf.tensor2d(g, [2, 3]), tf.tensor1d(gb[k])];
        opt.apply([w, b], gt);
        tf.dispose(gt);
      });
      expectClose(w.dataSync(), oracleMetaAdam(w0, gs, 0.05, meta, true), 1e-5);
      expectClose(b.dataSync(), oracleMetaAdam(b0, gb, 0.05, meta, false), 1e-5);
      opt.dispose();
      tf.dispose([w, b]);
    }
  });

  it('f_meta: 0 < f ≤ 1, f(0) = 1, even, non-increasing in |W| and falling faster for larger m', () => {
    const grid = Array.from({ length: 201 }, (_, i) => i / 200); // 0 … 1
    for (const meta of [0.5, 1.35, 8]) {
      const w = tf.tensor1d([...grid, ...grid.map((v) => -v)]);
      const f = tf.tidy(() => metaFactor(w, meta));
      const vals = Array.from(f.dataSync());
      const pos = vals.slice(0, grid.length);
      const neg = vals.slice(grid.length);
      expect(pos[0]).toBe(1);
      vals.forEach((v) => {
        expect(v).toBeGreaterThan(0);
        expect(v).toBeLessThanOrEqual(1);
      });
      for (let i = 1; i < pos.length; i++) expect(pos[i]).toBeLessThanOrEqual(pos[i - 1]);
      expect(pos[100]).toBeLessThan(pos[1]); // strictly lower at |W| = 0.5 than near 0
      expect(neg).toEqual(pos);
      grid.forEach((v, i) => expect(pos[i]).toBeCloseTo(1 - Math.tanh(meta * v) ** 2, 5));
      tf.dispose([w, f]);
    }
    const at = (meta: number) => tf.tidy(() => metaFactor(tf.scalar(0.2), meta).dataSync()[0]);
    expect(at(16)).toBeLessThan(at(8));
    expect(at(8)).toBeLessThan(at(1.35));
  });

  it('updates that grow |W_h| are unattenuated, even at m = 16; shrinking ones are scaled by f_meta', () => {
    const w0 = [0.1, -0.1, 0.1, -0.1];
    // Gradient g: the step −ηU has the sign of −g. g < 0 on W > 0 grows |W|; g > 0 on W > 0 shrinks it.
    const g = [-1, 1, 1, -1];
    const run = (meta: number) => {
      const w = tf.variable(tf.tensor2d(w0, [2, 2]));
      const opt = meta < 0 ? adam(0.01) : metaplasticAdam(0.01, meta);
      const gt = tf.tensor2d(g, [2, 2]);
      opt.apply([w], [gt]);
      const out = Array.from(w.dataSync());
      opt.dispose();
      tf.dispose([w, gt]);
      return out;
    };
    const plain = run(-1);
    const meta = run(16);
    // Growing |W|: exactly the plain Adam step.
    expect(meta[0]).toBe(plain[0]);
    expect(meta[1]).toBe(plain[1]);
    expect(Math.abs(plain[0])).toBeGreaterThan(0.1);
    // Shrinking |W|: the plain step times f_meta(0.1) = 1 − tanh²(1.6) ≈ 0.15.
    const f = 1 - Math.tanh(16 * 0.1) ** 2;
    const w = Math.fround(0.1);
    expect((meta[2] - w) / (plain[2] - w)).toBeCloseTo(f, 4);
    expect((meta[3] + w) / (plain[3] + w)).toBeCloseTo(f, 4);
    expect(f).toBeLessThan(0.2);
  });

  it('m = 0 trains a BNN bit-for-bit like plain Adam', () => {
    const a = fixture(6);
    const b = fixture(6);
    const plain = adam(0.01);
    const meta = metaplasticAdam(0.01, 0);
    for (let i = 0; i < 20; i++) {
      const ra = bnnTrainStep(a.net, plain, a.x, a.y);
      const rb = bnnTrainStep(b.net, meta, b.x, b.y);
      expect(rb.loss).toBe(ra.loss);
    }
    expect(readBnn(b.net)).toEqual(readBnn(a.net));
    plain.dispose();
    meta.dispose();
    tf.dispose([a.x, a.y, b.x, b.y]);
    disposeBnn(a.net);
    disposeBnn(b.net);
  });

  it('100 metaplastic BNN steps leak no tensors, and it learns', () => {
    const { net, x, y } = fixture(7, 16);
    const opt = metaplasticAdam(0.01, 8);
    const first = bnnTrainStep(net, opt, x, y).loss; // makes Adam's moments
    const before = tf.memory().numTensors;
    let last = NaN;
    for (let i = 0; i < 100; i++) last = bnnTrainStep(net, opt, x, y).loss;
    expect(tf.memory().numTensors).toBe(before);
    expect(last).toBeLessThan(first);
    expect(bnnParameters(net)).toHaveLength(9);
    opt.dispose();
    tf.dispose([x, y]);
    disposeBnn(net);
    expect(tf.memory().numTensors).toBe(before - 2 - 15 - 2 * 9);
  });
});

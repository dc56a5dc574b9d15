// The binarized net on the typed engines (src/lib/engine/bnn.ts), plain JS and WASM SIMD, against
// an independent Float64 oracle and the lib (src/lib/nets/bnn.ts + rules/metaplastic.ts on tfjs-cpu).
//
// Why the checks look like this: a BNN's training is discontinuous at float-rounding level. A
// hidden unit whose BN input equals its batch mean exactly gets z = β, and β's gradient is exactly 0
// in exact arithmetic (BN makes Σ_batch δa = 0), so rounding decides sign(z); Adam then turns such
// rounding-level gradients into full ±η steps. Two correct paths (the lib on tfjs-cpu and on
// tfjs-wasm, too) drift apart after a few Adam steps (~93% of hidden-weight signs agree after 20).
// So: the gradients and the first Adam / metaplastic updates are compared tightly where they are
// not rounding noise, and 20 steps of SGD (no amplification) from β ≠ 0 (no tie at z = 0) by the
// loss curve (1e-5), the signs of the hidden weights and the evaluation.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createEngine, type Batch, type ModelSpec } from '../../../src/lib/engine';
import { TypedBnn } from '../../../src/lib/engine/bnn-engines';
import { loadDataset } from '../../../src/lib/data';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createRng } from '../../../src/lib/random';
import { bnnEvaluate, createBnn, disposeBnn, readBnn, restoreBatchNorm, saveBatchNorm } from '../../../src/lib/nets/bnn';
import { bnnTrainStep } from '../../../src/lib/train/bnn-step';
import { createUpdateRule } from '../../../src/lib/rules/update';
import { metaplasticAdam } from '../../../src/lib/rules/update/metaplastic-adam';
import { oneHot } from '../../../src/lib/engine/tfjs';
import { initialBnnParameters } from '../../../src/lib/engine/bnn-layout';
import { expectClose } from '../oracles/expect-close';
import { oracleBnnStep } from '../oracles/bnn';

const SIZES = [784, 48, 32, 10];
const N = 16;
const ENGINES = ['js', 'wasm-simd'] as const;
let batches: Batch[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  const ds = await loadDataset('mnist', 'train', nodeSource());
  batches = Array.from({ length: 20 }, (_, s) => {
    const x = new Float32Array(N * 784);
    const labels = new Uint8Array(N);
    for (let i = 0; i < N; i++) {
      const idx = ((s * N + i) * 37) % ds.n;
      for (let j = 0; j < 784; j++) x[i * 784 + j] = ds.images[idx * 784 + j] / 255;
      labels[i] = ds.labels[idx];
    }
    return { x, labels, n: N };
  });
});

const model = (extra: Partial<Extract<ModelSpec, { kind: 'bnn' }>> = {}): ModelSpec => ({ kind: 'bnn', sizes: SIZES, gammaInit: 'uniform', ...extra });

describe.each(ENGINES)('BNN on the %s engine', (name) => {
  it('takes the oracle’s loss and gradients on its first step (SGD, rate 1: the change is −∂L)', async () => {
    const spec = model();
    const init = initialBnnParameters(spec as never, createRng(5));
    const expected = oracleBnnStep(init, batches[0], SIZES);
    const engine = createEngine(name, spec, createRng(5), { optimizer: 'sgd', learningRate: 1 });
    const { loss } = engine.step(batches[0]);
    const after = await engine.parameters();
    expect(Math.abs(loss - expected.loss)).toBeLessThan(1e-5 * expected.loss);
    expected.grads.forEach((g, k) => {
      const scale = Math.max(...g.map(Math.abs));
      const worst = Math.max(...g.map((v, i) => Math.abs(init[k][i] - after[k][i] - v)));
      expect(worst).toBeLessThan(1e-5 * scale + 1e-7);
    });
    expect(expected.grads.some((g) => g.some((v) => Math.abs(v) > 1e-3))).toBe(true);
  });

  it.each([
    ['Adam', 0],
    ['metaplastic Adam (m = 8)', 8],
  ])('makes the lib’s first %s update wherever the gradient is above rounding noise', async (_label, meta) => {
    const spec = model({ initScale: 0.3 });
    const net = createBnn(spec as never, createRng(7));
    const update = meta > 0 ? metaplasticAdam(0.01, meta) : createUpdateRule('adam', 0.01);
    const before = readBnn(net).hidden;
    const [x, y] = [tf.tensor2d(batches[0].x, [N, 784]), tf.tensor2d(oneHot(batches[0].labels, N, 10), [N, 10])];
    bnnTrainStep(net, update, x, y);
    const lib = readBnn(net).hidden;
    const gradient = oracleBnnStep(initialBnnParameters(spec as never, createRng(7)), batches[0], SIZES).grads;
    const engine = createEngine(name, spec, createRng(7), { optimizer: 'adam', learningRate: 0.01, meta });
    engine.step(batches[0]);
    const mine = await engine.parameters();
    let compared = 0;
    let damped = 0;
    lib.forEach((w, l) => {
      const scale = Math.max(...gradient[l].map(Math.abs));
      for (let i = 0; i < w.length; i++) {
        if (Math.abs(gradient[l][i]) < 1e-4 * scale) continue;
        compared++;
        expect(Math.abs(mine[l][i] - w[i])).toBeLessThan(1e-6);
        if (Math.abs(gradient[l][i]) > 1e-2 * scale && Math.abs(Math.abs(w[i] - before[l][i]) - 0.01) > 1e-4) damped++;
      }
    });
    expect(compared).toBeGreaterThan(10000);
    // Metaplasticity visibly shrinks some steps (f_meta < 1); plain Adam's first steps are all ±η.
    if (meta > 0) expect(damped).toBeGreaterThan(compared / 20);
    else expect(damped).toBe(0);
    tf.dispose([x, y]);
    disposeBnn(net);
    update.dispose();
  });

  it('follows the lib’s 20-step SGD curve, its hidden-weight signs and its evaluation', async () => {
    // Small initial weights, so that SGD flips many of their signs in 20 steps.
    const spec = model({ initScale: 0.003 });
    const net = createBnn(spec as never, createRng(9));
    const sgd = createUpdateRule('sgd', 0.2);
    const engine = createEngine(name, spec, createRng(9), { optimizer: 'sgd', learningRate: 0.2 }) as TypedBnn;
    const start = readBnn(net).hidden;
    // β ≠ 0: a unit whose input equals its batch mean exactly (common: the ±1 products are integers)
    // then has z = β, not rounding noise, so sign(z) is the same on every path.
    const state = saveBatchNorm(net);
    state.beta = state.beta.map((b) => b.map((_, j) => 0.02 * Math.cos(j)));
    restoreBatchNorm(net, state);
    engine.restoreBatchNorm(state);
    const lib: number[] = [];
    const mine: number[] = [];
    for (const b of batches) {
      const [x, y] = [tf.tensor2d(b.x, [N, 784]), tf.tensor2d(oneHot(b.labels, N, 10), [N, 10])];
      lib.push(bnnTrainStep(net, sgd, x, y).loss);
      mine.push(engine.step(b).loss);
      tf.dispose([x, y]);
    }
    expectClose(mine, lib, 1e-5);
    const w = readBnn(net).hidden;
    const p = await engine.parameters();
    let [flipped, disagree, total] = [0, 0, 0];
    w.forEach((a, l) =>
      a.forEach((v, i) => {
        total += 1;
        flipped += v > 0 !== start[l][i] > 0 ? 1 : 0;
        disagree += v > 0 !== p[l][i] > 0 ? 1 : 0;
      }),
    );
    // Training flipped many binary weights; the engine flipped the same ones.
    expect(flipped / total).toBeGreaterThan(0.02);
    expect(disagree).toBeLessThanOrEqual(flipped / 100);
    // Evaluation with the running statistics, on 64 images, as bnnEvaluate.
    const ex = new Float32Array(64 * 784);
    const el = new Uint8Array(64);
    batches.slice(0, 4).forEach((b, k) => (ex.set(b.x, k * N * 784), el.set(b.labels, k * N)));
    const [x, y] = [tf.tensor2d(ex, [64, 784]), tf.tensor2d(oneHot(el, 64, 10), [64, 10])];
    const ref = bnnEvaluate(net, x, y);
    const got = await engine.evaluate(ex, el, 64);
    expect(Math.abs(got.loss - ref.loss) / ref.loss).toBeLessThan(1e-4);
    expect(got.accuracy).toBe(ref.accuracy);
    tf.dispose([x, y]);
    disposeBnn(net);
  });

  it('saves and restores its batch norm, scores with batch statistics as the lib, and restarts Adam on request', async () => {
    const spec = model({ evalStatistics: 'batch', evalBatch: 16 });
    const engine = createEngine(name, spec, createRng(1), { optimizer: 'sgd', learningRate: 0.05 }) as TypedBnn;
    const net = createBnn(spec as never, createRng(1));
    const sgd = createUpdateRule('sgd', 0.05);
    for (const b of batches.slice(0, 3)) {
      engine.step(b);
      const [x, y] = [tf.tensor2d(b.x, [N, 784]), tf.tensor2d(oneHot(b.labels, N, 10), [N, 10])];
      bnnTrainStep(net, sgd, x, y);
      tf.dispose([x, y]);
    }
    const [x, y] = [tf.tensor2d(batches[5].x, [N, 784]), tf.tensor2d(oneHot(batches[5].labels, N, 10), [N, 10])];
    const ref = bnnEvaluate(net, x, y);
    const score = await engine.evaluate(batches[5].x, batches[5].labels, N);
    expect(Math.abs(score.loss - ref.loss) / ref.loss).toBeLessThan(1e-3);
    expect(score.accuracy).toBe(ref.accuracy);
    tf.dispose([x, y]);
    disposeBnn(net);
    const saved = engine.saveBatchNorm();
    for (const b of batches.slice(3, 6)) engine.step(b);
    expect(engine.saveBatchNorm().gamma[0]).not.toEqual(saved.gamma[0]);
    engine.restoreBatchNorm(saved);
    expect(engine.saveBatchNorm()).toEqual(saved);
    // Adam restarted: its first step moves every weight with a clear gradient by η (|m̂/√v̂| = 1).
    engine.setOptimizer('adam');
    engine.setLearningRate(5e-3);
    for (const b of batches.slice(6, 9)) engine.step(b);
    engine.resetOptimizer();
    const before = await engine.parameters();
    engine.step(batches[9]);
    const after = await engine.parameters();
    const moved = before[0].map((v, i) => Math.abs(after[0][i] - v)).filter((d) => d > 0).sort();
    expect(moved.length).toBeGreaterThan(1000);
    expect(Math.abs(moved[moved.length >> 1] - 5e-3)).toBeLessThan(5e-6);
    expect(moved[moved.length - 1]).toBeLessThan(5e-3 * (1 + 1e-5));
  });
});

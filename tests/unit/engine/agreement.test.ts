// Numerical agreement: every engine path gives the same 20-step loss curve as the lib on tfjs-cpu
// (the reference), within float32 tolerance — the typed-array engines (plain JS and WASM SIMD) and
// the lib on tfjs-cpu and tfjs-wasm, for each chapter's model family on real MNIST batches and a toy
// set. (The GPU paths are checked the same way in Chromium, on SwiftShader, by `npm run bench`.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createEngine, type Batch, type EngineName, type ModelSpec } from '../../../src/lib/engine';
import '../../../src/lib/engine/cnn-engines';
import '../../../src/lib/engine/bnn-engines';
import { loadDataset, toyRings } from '../../../src/lib/data';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createRng } from '../../../src/lib/random';
import { Trainer } from '../../../src/lib/train/trainer';
import { SMALL_CNN, cnnBackward, cnnForward, cnnParameters, createCnn, disposeCnn } from '../../../src/lib/nets/cnn';
import { createBnn, disposeBnn } from '../../../src/lib/nets/bnn';
import { bnnTrainStep } from '../../../src/lib/train/bnn-step';
import { softmaxCrossEntropy, softmaxCrossEntropyGrad } from '../../../src/lib/metrics';
import { createUpdateRule, type OptimizerKind } from '../../../src/lib/rules/update';
import { oneHot } from '../../../src/lib/engine/tfjs';
import { expectClose } from '../oracles/expect-close';

const STEPS = 20;

let mnist: Batch[];
let toy: Batch[];

/** `count` batches of the playground-class toy rings (2 inputs, 2 classes), drawn in turn from one seed. */
function toyBatches(count: number, n: number, seed: number): Batch[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => ({ ...toyRings(n, rng), n }));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const ds = await loadDataset('mnist', 'train', nodeSource());
  const n = 16;
  mnist = Array.from({ length: STEPS }, (_, s) => {
    const x = new Float32Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const idx = (s * n + i) * 37;
      for (let j = 0; j < 784; j++) x[i * 784 + j] = ds.images[idx * 784 + j] / 255;
      labels[i] = ds.labels[idx];
    }
    return { x, labels, n };
  });
  toy = toyBatches(STEPS, 32, 5);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

const tensors = (b: Batch, inputs: number, classes: number) => [tf.tensor2d(b.x.subarray(0, b.n * inputs), [b.n, inputs]), tf.tensor2d(oneHot(b.labels, b.n, classes), [b.n, classes])] as [tf.Tensor2D, tf.Tensor2D];

/** The lib's own loop on tfjs-cpu: the reference curve. */
function referenceCurve(model: ModelSpec, batches: Batch[], optimizer: OptimizerKind, learningRate: number, seed: number): number[] {
  const losses: number[] = [];
  if (model.kind === 'mlp') {
    const trainer = new Trainer({ spec: { sizes: model.sizes, activation: model.activation, init: 'uniform' }, optimizer, learningRate, seed });
    for (const b of batches) {
      const [x, y] = tensors(b, model.sizes[0], model.sizes[model.sizes.length - 1]);
      losses.push(trainer.step(x, y).loss);
      tf.dispose([x, y]);
    }
    trainer.dispose();
  } else if (model.kind === 'cnn') {
    const net = createCnn(model.spec, createRng(seed).fork('init'));
    const opt = createUpdateRule(optimizer, learningRate);
    for (const b of batches) {
      const [x, y] = tensors(b, 784, 10);
      const loss = tf.tidy(() => {
        const cache = cnnForward(net, x);
        const grads = cnnBackward(net, cache, softmaxCrossEntropyGrad(cache.logits, y));
        opt.apply(cnnParameters(net), grads.params);
        return softmaxCrossEntropy(cache.logits, y);
      });
      losses.push(loss.dataSync()[0]);
      tf.dispose([x, y, loss]);
    }
    opt.dispose();
    disposeCnn(net);
  } else {
    const net = createBnn({ sizes: model.sizes }, createRng(seed).fork('init'));
    const opt = createUpdateRule(optimizer, learningRate);
    for (const b of batches) {
      const [x, y] = tensors(b, model.sizes[0], 10);
      losses.push(bnnTrainStep(net, opt, x, y).loss);
      tf.dispose([x, y]);
    }
    opt.dispose();
    disposeBnn(net);
  }
  return losses;
}

async function engineCurve(engine: EngineName, model: ModelSpec, batches: Batch[], optimizer: OptimizerKind, learningRate: number, seed: number): Promise<number[]> {
  const backend = engine.startsWith('tfjs-') ? engine.slice(5) : 'cpu';
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const e = createEngine(engine, model, createRng(seed).fork('init'), { optimizer, learningRate });
  const losses = batches.map((b) => e.step(b).loss);
  e.dispose();
  expect(tf.memory().numTensors).toBe(before);
  await tf.setBackend('cpu');
  return losses;
}

const cases: { label: string; model: () => ModelSpec; data: () => Batch[]; optimizer: OptimizerKind; learningRate: number; engines: EngineName[] }[] = [
  { label: 'MLP 784-32-10 relu, Adam', model: () => ({ kind: 'mlp', sizes: [784, 32, 10], activation: 'relu' }), data: () => mnist, optimizer: 'adam', learningRate: 3e-3, engines: ['js', 'wasm-simd', 'tfjs-cpu', 'tfjs-wasm'] },
  { label: 'MLP 784-24-16-10 sigmoid, SGD', model: () => ({ kind: 'mlp', sizes: [784, 24, 16, 10], activation: 'sigmoid' }), data: () => mnist, optimizer: 'sgd', learningRate: 0.5, engines: ['js', 'wasm-simd', 'tfjs-wasm'] },
  { label: 'toy MLP 2-16-2 tanh, Adam', model: () => ({ kind: 'mlp', sizes: [2, 16, 2], activation: 'tanh' }), data: () => toy, optimizer: 'adam', learningRate: 0.03, engines: ['js', 'wasm-simd', 'tfjs-cpu', 'tfjs-wasm'] },
  { label: 'small CNN (conv8-pool-conv16-pool-fc10), Adam', model: () => ({ kind: 'cnn', spec: SMALL_CNN }), data: () => mnist.map((b) => ({ ...b, n: 8 })), optimizer: 'adam', learningRate: 3e-3, engines: ['js', 'wasm-simd', 'tfjs-cpu', 'tfjs-wasm'] },
  { label: 'BNN 784-64-64-10, Adam', model: () => ({ kind: 'bnn', sizes: [784, 64, 64, 10] }), data: () => mnist, optimizer: 'adam', learningRate: 1e-2, engines: ['tfjs-cpu', 'tfjs-wasm'] },
];

describe.each(cases)('$label: 20-step loss curve', ({ model, data, optimizer, learningRate, engines }) => {
  let reference: number[];
  beforeAll(() => {
    reference = referenceCurve(model(), data(), optimizer, learningRate, 11);
    expect(reference.every(Number.isFinite)).toBe(true);
    // It is a curve: training moves the loss.
    expect(Math.abs(reference[STEPS - 1] - reference[0])).toBeGreaterThan(1e-3);
  });

  it.each(engines)('%s matches tfjs-cpu within float32 tolerance', async (engine) => {
    // a float32 loss after 20 steps: tfjs's own float32 tolerance (1e-3), relative
    expectClose(await engineCurve(engine, model(), data(), optimizer, learningRate, 11), reference, 'float32');
  });
});

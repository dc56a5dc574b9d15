// The models the attacks use: input gradients against tf.grad (an independent autodiff), the
// adversarial-training rule, short training runs, float16 storage and the shipped weight files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createRng } from '../../../src/lib/random';
import { adversarialLossAndGradients, DEFENCE_DEFAULTS, fgsm } from '../../../src/lib/attacks';
import { accuracy, createClassifier, defaultArchitecture, type Classifier, type ModelKind } from '../../../src/lib/classifiers/classifier';
import { SMALL_CNN } from '../../../src/lib/nets/cnn';
import { decodeFloat16, encodeFloat16, fromHalf, toHalf } from '../../../src/lib/nets/float16';
import { decodeWeights, encodeWeights, loadPretrained, type WeightsManifest } from '../../../src/lib/classifiers/pretrained';
import { DEFAULT_MODELS_DIR, nodeModelSource } from '../../../src/lib/classifiers/pretrained-node';
import { loadTestSet, ModelTraining, PRETRAINED_NAMES, trainModel } from '../../../src/chapters/adversarial-attacks/runs/models';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

function batch(n: number, seed: number) {
  const rng = createRng(seed);
  const x = tf.tensor2d(rng.uniformArray(n * 784, 0, 1), [n, 784]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => (i * 7) % 10), 'int32'), 10), 'float32')) as tf.Tensor2D;
  return { x, y };
}

describe('input gradients ∂J/∂x against tf.grad', () => {
  it.each(['softmax', 'mlp', 'cnn'] as ModelKind[])('%s: untargeted and targeted, per example', (kind) => {
    const model = createClassifier(defaultArchitecture(kind), createRng(2));
    const { x, y } = batch(3, 5);
    const { y: t } = batch(3, 6);
    tf.tidy(() => {
      // Σᵢ CEᵢ: its gradient's row i is ∂CEᵢ/∂xᵢ.
      const sumCe = (labels: tf.Tensor2D) => (v: tf.Tensor) => tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(model.logits(v as tf.Tensor2D)))));
      expectClose(model.inputGradient(x, y).dataSync(), tf.grad(sumCe(y))(x).dataSync(), 1e-5);
      expectClose(model.inputGradient(x, y, t).dataSync(), tf.neg(tf.grad(sumCe(t))(x)).dataSync(), 1e-5);
    });
    tf.dispose([x, y, t]);
    model.dispose();
  });

  it('softmax regression: ∂J/∂x = (softmax(z) − y) Wᵀ, so FGSM moves each pixel by sign of that', () => {
    const model = createClassifier(defaultArchitecture('softmax'), createRng(1));
    const { x, y } = batch(2, 1);
    tf.tidy(() => {
      const [w] = model.parameters();
      const expected = tf.matMul(tf.sub(tf.softmax(model.logits(x)), y), tf.transpose(w));
      expectClose(model.inputGradient(x, y).dataSync(), expected.dataSync(), 1e-5);
    });
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('adversarial training rule', () => {
  it('mixes α·∇J(x) + (1 − α)·∇J(x̃) with x̃ = FGSM(x), and leaks nothing', () => {
    const model = createClassifier(defaultArchitecture('mlp'), createRng(3));
    const { x, y } = batch(4, 2);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const mixed = adversarialLossAndGradients(model, x, y, DEFENCE_DEFAULTS.fgsm, createRng(0));
      const clean = model.lossAndGradients(x, y);
      const attacked = model.lossAndGradients(fgsm(model, x, y, { epsilon: 0.25 }), y);
      expectClose(mixed.loss.dataSync(), [0.5 * clean.loss.dataSync()[0] + 0.5 * attacked.loss.dataSync()[0]], 1e-5);
      mixed.grads.forEach((g, i) => expectClose(g.dataSync(), tf.add(tf.mul(clean.grads[i], 0.5), tf.mul(attacked.grads[i], 0.5)).dataSync(), 1e-5));
      expect(attacked.loss.dataSync()[0]).toBeGreaterThan(clean.loss.dataSync()[0]);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('training (Adam, wasm)', () => {
  it('a short run learns every kind, PGD training included, and frees what it made', async () => {
    await initNodeBackend('wasm');
    const test = await loadTestSet(nodeSource(), 500);
    const before = tf.memory().numTensors;
    const softmax = await trainModel('softmax', { seed: 1, epochs: 1, batchSize: 64, learningRate: 3e-3, steps: 100 }, nodeSource());
    expect(accuracy(softmax.model, test.x, test.y)).toBeGreaterThan(0.8);
    softmax.model.dispose();
    const cnn = await trainModel('cnn', { seed: 1, epochs: 1, batchSize: 32, learningRate: 3e-3, steps: 40, trainSize: 2000 }, nodeSource());
    expect(accuracy(cnn.model, test.x, test.y)).toBeGreaterThan(0.5);
    cnn.model.dispose();
    const run = await ModelTraining.create('mlp', { seed: 1, epochs: 1, batchSize: 32, learningRate: 1e-3, trainSize: 2000, defence: { ...DEFENCE_DEFAULTS.pgd, iterations: 3 } }, nodeSource());
    const first = run.train(1);
    const inRun = tf.memory().numTensors;
    const last = run.train(40);
    expect(tf.memory().numTensors).toBe(inRun);
    expect(last).toBeLessThan(first);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([test.x, test.y]);
    await tf.setBackend('cpu');
  });
});

describe('float16 storage', () => {
  it('encodes exactly representable values exactly and rounds to nearest even', () => {
    const exact = [0, -0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 3 * 2 ** -24, Infinity, -Infinity];
    expect(exact.map((v) => fromHalf(toHalf(v)))).toEqual(exact);
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
    expect(fromHalf(toHalf(1 + 2 ** -11))).toBe(1); // tie → even (1.0)
    expect(fromHalf(toHalf(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9); // tie → even (…10)
    expect(fromHalf(toHalf(65520))).toBe(Infinity);
    expect(fromHalf(toHalf(2 ** -25))).toBe(0); // tie between 0 and the smallest subnormal → 0
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
  });

  it('round-trips random weights within 2⁻¹¹ relative error', () => {
    const values = createRng(7).normalArray(10_000, 0, 0.1);
    const back = decodeFloat16(encodeFloat16(values));
    values.forEach((v, i) => expect(Math.abs(back[i] - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25));
  });

  it('encodeWeights → decodeWeights rebuilds the model (CNN, float32 exactly)', () => {
    const model = createClassifier({ kind: 'cnn', spec: SMALL_CNN }, createRng(9));
    const { bytes, tensors } = encodeWeights(model, 'float32');
    const manifest = { format: 'local-minimum/weights@1', name: 'test', architecture: model.architecture, dtype: 'float32', tensors } as WeightsManifest;
    const copy = decodeWeights(manifest, bytes);
    copy.parameters().forEach((p, i) => expect(Array.from(p.dataSync())).toEqual(Array.from(model.parameters()[i].dataSync())));
    expect(() => decodeWeights(manifest, bytes.subarray(4))).toThrow(/do not fit/);
    model.dispose();
    copy.dispose();
  });
});

describe('shipped weights in public/models', () => {
  it('every model loads, matches its checksum, and keeps the accuracy its manifest claims', async () => {
    await initNodeBackend('wasm');
    const test = await loadTestSet(nodeSource(), 1000);
    let total = 0;
    for (const name of PRETRAINED_NAMES) {
      const { model, manifest } = await loadPretrained(name, nodeModelSource());
      const bytes = await readFile(join(DEFAULT_MODELS_DIR, manifest.file));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest.sha256);
      total += (await stat(join(DEFAULT_MODELS_DIR, manifest.file))).size + (await stat(join(DEFAULT_MODELS_DIR, `${name}.json`))).size;
      const acc = accuracy(model as Classifier, test.x, test.y);
      expect(Math.abs(acc - manifest.testAccuracy.stored)).toBeLessThan(0.03); // 1,000 of the 10,000 digits
      expect(manifest.testAccuracy.stored).toBeGreaterThan(manifest.name === 'softmax' ? 0.88 : 0.9);
      model.dispose();
    }
    expect(total).toBeLessThan(3 * 1024 * 1024);
    tf.dispose([test.x, test.y]);
    await tf.setBackend('cpu');
  });
});

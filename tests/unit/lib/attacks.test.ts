// FGSM, PGD and NES: the perturbation stays in the ε-ball and in [0, 1], the loss goes up, targeted
// PGD raises the target's probability, NES sees only a query function, and no tensor leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createRng } from '../../../src/lib/random';
import { fgsm, modelQuery, nes, nesSteps, pgd, pgdSteps, projectLinf, type QueryFn } from '../../../src/lib/attacks';
import { probabilities, type Classifier } from '../../../src/lib/classifiers/classifier';
import { loadPretrained } from '../../../src/lib/classifiers/pretrained';
import { nodeModelSource } from '../../../src/lib/classifiers/pretrained-node';
import { loadTestSet } from '../../../src/chapters/adversarial-attacks/runs/models';

let mlp: Classifier;
let test: { x: tf.Tensor2D; y: tf.Tensor2D; labels: Uint8Array };

beforeAll(async () => {
  await initNodeBackend('wasm');
  mlp = (await loadPretrained('mlp', nodeModelSource())).model;
  test = await loadTestSet(nodeSource(), 64);
});

afterAll(() => {
  mlp.dispose();
  tf.dispose([test.x, test.y]);
});

/** max |a − b| and the range of a. */
function stats(a: tf.Tensor, b: tf.Tensor): { linf: number; min: number; max: number } {
  const [linf, min, max] = tf.tidy(() => [tf.max(tf.abs(tf.sub(a, b))), tf.min(a), tf.max(a)].map((t) => t.dataSync()[0]));
  return { linf, min, max };
}

/** Per-image cross-entropy of the true labels, averaged. */
function meanLoss(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D): number {
  return tf.tidy(() => tf.losses.softmaxCrossEntropy(y, model.logits(x)).dataSync()[0]);
}

describe('projectLinf', () => {
  it('clips to the ε-ball around x and to [0, 1]', () => {
    const x = tf.tensor2d([[0, 0.5, 1, 0.95]]);
    const adv = tf.tensor2d([[-0.3, 0.9, 0.2, 1.4]]);
    expect(Array.from(tf.tidy(() => projectLinf(adv, x, 0.1)).dataSync())).toEqual(Array.from(Float32Array.from([0, 0.6, 0.9, 1])));
    tf.dispose([x, adv]);
  });
});

describe('FGSM', () => {
  it('stays in the ε-ball and [0, 1], and raises the loss', () => {
    for (const epsilon of [0.05, 0.25]) {
      const adv = fgsm(mlp, test.x, test.y, { epsilon });
      const s = stats(adv, test.x);
      expect(s.linf).toBeLessThanOrEqual(epsilon + 1e-6);
      expect(s.min).toBeGreaterThanOrEqual(0);
      expect(s.max).toBeLessThanOrEqual(1);
      expect(meanLoss(mlp, adv, test.y)).toBeGreaterThan(meanLoss(mlp, test.x, test.y) + 0.5);
      adv.dispose();
    }
  });

  it('leaks no tensor and rejects a bad ε', () => {
    const before = tf.memory().numTensors;
    fgsm(mlp, test.x, test.y).dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => fgsm(mlp, test.x, test.y, { epsilon: -0.1 })).toThrow(RangeError);
  });
});

describe('PGD', () => {
  const opts = { epsilon: 0.1, stepSize: 0.01, iterations: 10, seed: 3 };

  it('stays in the ε-ball and [0, 1], beats FGSM at the same ε, and is seed-deterministic', () => {
    const adv = pgd(mlp, test.x, test.y, opts);
    const s = stats(adv, test.x);
    expect(s.linf).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(s.min).toBeGreaterThanOrEqual(0);
    expect(s.max).toBeLessThanOrEqual(1);
    const f = fgsm(mlp, test.x, test.y, { epsilon: 0.1 });
    expect(meanLoss(mlp, adv, test.y)).toBeGreaterThan(meanLoss(mlp, f, test.y));
    const again = pgd(mlp, test.x, test.y, opts);
    const other = pgd(mlp, test.x, test.y, { ...opts, seed: 4, iterations: 0 });
    const first = pgd(mlp, test.x, test.y, { ...opts, iterations: 0 });
    expect(stats(again, adv).linf).toBe(0);
    expect(stats(other, first).linf).toBeGreaterThan(0); // another seed, another random start
    tf.dispose([adv, f, again, other, first]);
  });

  it('targeted ("make it say 3") raises the probability of 3 until the model says 3', () => {
    const target = tf.tidy(() => tf.cast(tf.oneHot(tf.fill([test.x.shape[0]], 3, 'int32') as tf.Tensor1D, 10), 'float32')) as tf.Tensor2D;
    const adv = pgd(mlp, test.x, test.y, { epsilon: 0.3, iterations: 40, target });
    const [before, after, saysThree] = tf.tidy(() => {
      const p0 = probabilities(mlp, test.x);
      const p1 = probabilities(mlp, adv);
      return [tf.mean(tf.sum(tf.mul(p0, target), 1)), tf.mean(tf.sum(tf.mul(p1, target), 1)), tf.mean(tf.cast(tf.equal(tf.argMax(p1, 1), 3), 'float32'))].map((t) => t.dataSync()[0]);
    });
    expect(after).toBeGreaterThan(before + 0.5);
    expect(saysThree).toBeGreaterThan(0.9);
    tf.dispose([target, adv]);
  });

  it('steps one iteration at a time: onStep and the generator see iterations 0..T; nothing leaks', () => {
    const x = tf.slice(test.x, [0, 0], [4, -1]) as tf.Tensor2D;
    const y = tf.slice(test.y, [0, 0], [4, -1]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const adv = pgd(mlp, x, y, { ...opts, iterations: 5, onStep: ({ iteration }) => seen.push(iteration) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const fromGenerator: number[] = [];
    let last: tf.Tensor2D | null = null;
    for (const step of pgdSteps(mlp, x, y, { ...opts, iterations: 5 })) {
      fromGenerator.push(step.iteration);
      last?.dispose();
      last = tf.clone(step.adversarial);
    }
    expect(fromGenerator).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stats(last!, adv).linf).toBe(0); // same seed, same path
    for (const step of pgdSteps(mlp, x, y, opts)) if (step.iteration === 2) break; // closed early
    tf.dispose([adv, last!]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });
});

describe('NES (black box)', () => {
  /** A model-less black box: softmax of a fixed random linear map, computed in plain JavaScript. */
  function linearBlackBox(seed: number): { query: QueryFn; rows: () => number; calls: () => number } {
    const w = createRng(seed).normalArray(784 * 10, 0, 0.05);
    let rows = 0;
    let calls = 0;
    const query: QueryFn = (images) => {
      calls += 1;
      rows += images.shape[0];
      const x = images.dataSync() as Float32Array;
      const out = new Float32Array(images.shape[0] * 10);
      for (let i = 0; i < images.shape[0]; i++) {
        const z = Array.from({ length: 10 }, (_, c) => x.subarray(i * 784, (i + 1) * 784).reduce((s, v, k) => s + v * w[k * 10 + c], 0));
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const sum = e.reduce((s, v) => s + v, 0);
        e.forEach((v, c) => (out[i * 10 + c] = v / sum));
      }
      return tf.tensor2d(out, [images.shape[0], 10]);
    };
    return { query, rows: () => rows, calls: () => calls };
  }

  it('needs only a query function: every image it submits is counted, the budget holds, x̃ stays in the ball', () => {
    const box = linearBlackBox(1);
    const image = test.x.dataSync().slice(0, 784);
    const p = box.query(tf.tensor2d(image, [1, 784])).dataSync();
    const label = p.indexOf(Math.max(...p));
    const before = box.rows();
    const r = nes(box.query, image, label, { epsilon: 0.3, maxQueries: 2000, samples: 10 });
    expect(r.queries).toBe(box.rows() - before);
    expect(r.queries).toBeLessThanOrEqual(2000);
    expect(r.success).toBe(true);
    for (let k = 0; k < 784; k++) {
      expect(Math.abs(r.adversarial[k] - image[k])).toBeLessThanOrEqual(0.3 + 1e-6);
      expect(r.adversarial[k]).toBeGreaterThanOrEqual(0);
      expect(r.adversarial[k]).toBeLessThanOrEqual(1);
    }
  });

  it('fools the MLP through its outputs alone (inputGradient is never called)', () => {
    const boxed: Classifier = { ...mlp, inputGradient: () => { throw new Error('NES asked for a gradient'); } };
    const query = modelQuery(boxed);
    const pixels = test.x.dataSync();
    const before = tf.memory().numTensors;
    const r = nes(query, pixels.subarray(0, 784), test.labels[0], { seed: 1 });
    expect(r.success).toBe(true);
    expect(r.label).not.toBe(test.labels[0]);
    expect(r.queries).toBeLessThanOrEqual(20_000);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at the budget when it cannot succeed, and can be stepped', () => {
    const box = linearBlackBox(2);
    const image = test.x.dataSync().slice(784, 2 * 784);
    const p = box.query(tf.tensor2d(image, [1, 784])).dataSync();
    const label = p.indexOf(Math.max(...p));
    const r = nes(box.query, image, label, { epsilon: 0, maxQueries: 500, samples: 5 });
    expect(r.success).toBe(false);
    expect(r.queries).toBeLessThanOrEqual(500);
    expect(r.queries).toBeGreaterThan(500 - 11);
    const steps = [...nesSteps(box.query, image, label, { epsilon: 0.01, maxQueries: 200, samples: 5 })];
    expect(steps.map((s) => s.iteration)).toEqual(steps.map((_, i) => i + 1));
    expect(steps.at(-1)!.queries).toBeLessThanOrEqual(200);
  });
});

describe('AttackLab (one digit, for widgets)', () => {
  it('runs FGSM, PGD and NES on a plain pixel array, frame by frame, and leaks nothing', async () => {
    const { AttackLab } = await import('../../../src/chapters/adversarial-attacks/runs/lab');
    const lab = AttackLab.of(mlp);
    const image = test.x.dataSync().slice(0, 784) as Float32Array;
    const label = test.labels[0];
    const before = tf.memory().numTensors;
    const p = lab.probabilities(image);
    expect(p.indexOf(Math.max(...p))).toBe(label);
    const f = [...lab.attack(image, label, { kind: 'fgsm', epsilon: 0.25 })];
    expect(f.map((fr) => fr.iteration)).toEqual([0]);
    const frames = [...lab.attack(image, label, { kind: 'pgd', epsilon: 0.3, stepSize: 0.01, iterations: 3, seed: 0 }, 3)];
    expect(frames.map((fr) => fr.iteration)).toEqual([0, 1, 2, 3]);
    expect(frames[3].probabilities[3]).toBeGreaterThan(frames[0].probabilities[3]);
    const nesFrames = [...lab.attack(image, label, { kind: 'nes', epsilon: 0.3, sigma: 1e-3, samples: 25, stepSize: 0.01, maxQueries: 20_000, seed: 0 })];
    const last = nesFrames.at(-1)!;
    expect(last.probabilities.indexOf(Math.max(...last.probabilities))).not.toBe(label);
    expect(last.queries).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

// The adversarial chapter's worker runs: the attack lab (one digit, stepwise, shipped or retrained
// weights) and the progressive robustness sweep, on the shipped weights and data in Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { nodeModelSource } from '../../../src/lib/classifiers/pretrained-node';
import { AttackLabSession } from '../../../src/chapters/adversarial-attacks/runs/lab-session';
import { galleryIndices, type AttackLabSettings } from '../../../src/chapters/adversarial-attacks/runs/lab-snapshot';
import { epsilonGrid, RobustnessSweep, sweepTasks } from '../../../src/chapters/adversarial-attacks/runs/sweep';
import { attackLabRun } from '../../../src/chapters/adversarial-attacks/runs/live';

const sources = { data: nodeSource(), models: nodeModelSource() };
const base: AttackLabSettings = {
  model: 'mlp',
  weights: 'shipped',
  epochs: 1,
  seed: 1,
  attack: 'fgsm',
  epsilon: 0.25,
  target: -1,
  iterations: 10,
  stepSize: 0.02,
  samples: 10,
  maxQueries: 4000,
  digit: 0,
  image: null,
};

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const argmax = (p: ArrayLike<number>) => Array.from(p).indexOf(Math.max(...Array.from(p)));

describe('galleryIndices', () => {
  it('picks the first digits of each class in the given order, class by class', () => {
    const labels = Uint8Array.from([3, 1, 3, 0, 1, 3, 0]);
    expect(galleryIndices(labels, [6, 5, 4, 3, 2, 1, 0], 2, 4)).toEqual([6, 3, 4, 1, 5, 2]);
  });
});

describe('AttackLabSession', () => {
  let session: AttackLabSession;
  afterAll(() => session?.dispose());

  it('loads the shipped MLP, shows a gallery digit with its label, and FGSM at ε 0.25 flips it in one frame', async () => {
    session = await AttackLabSession.create(base, sources);
    const s0 = session.snapshot();
    expect(s0.phase).toBe('ready');
    expect(s0.model?.testImages).toBe(10_000);
    expect(s0.labelKnown).toBe(true);
    expect(s0.label).toBe(0); // gallery: two 0s, two 1s, …
    expect(argmax(s0.clean)).toBe(0);
    expect(s0.frame).toBeNull();
    expect(s0.maxFrames).toBe(1);
    session.train(5);
    const s1 = session.snapshot();
    expect(s1.frames).toBe(1);
    expect(s1.done).toBe(true);
    expect(s1.frame?.success).toBe(true);
    const linf = Math.max(...s1.frame!.adversarial.map((v, i) => Math.abs(v - s1.image[i])));
    expect(linf).toBeLessThanOrEqual(0.25 + 1e-6);
    // The ε curve agrees with the attack itself at ε = 0.25, and starts from the clean answer.
    const at25 = s1.curve!.find((c) => c.epsilon === 0.25)!;
    expect(at25.pTrue).toBeCloseTo(s1.frame!.probabilities[0], 4);
    expect(s1.curve![0].pTrue).toBeCloseTo(s1.clean[0], 4);
  });

  it('PGD advances a frame per step, rewinds on a live change, and is the same for the same seed', async () => {
    session.update({ attack: 'pgd', digit: 6, target: 8 });
    const first = session.snapshot();
    expect(first.frames).toBe(0);
    expect(first.label).toBe(3);
    expect(first.maxFrames).toBe(11);
    session.train(3);
    expect(session.snapshot().frames).toBe(3);
    expect(session.snapshot().trace.map((t) => t.iteration)).toEqual([0, 1, 2]);
    session.train(100);
    const end = session.snapshot();
    expect(end.frames).toBe(11);
    expect(end.done).toBe(true);
    expect(end.trace.at(-1)!.pGoal).toBeGreaterThan(end.trace[0].pGoal);
    session.update({ epsilon: 0.25 });
    session.train(11);
    expect(Array.from(session.snapshot().frame!.adversarial)).toEqual(Array.from(end.frame!.adversarial));
  });

  it('NES counts its queries (2n + 1 per estimate) and stops at success', () => {
    session.update({ attack: 'nes', target: -1, epsilon: 0.3, digit: 2 });
    session.train(1);
    const one = session.snapshot();
    expect(one.frame!.queries).toBe(1 + 21);
    session.train(1000);
    const end = session.snapshot();
    expect(end.done).toBe(true);
    expect(end.frame!.success).toBe(true);
    expect(end.frame!.queries).toBeLessThanOrEqual(4000);
    expect(end.trace.map((t) => t.queries)).toEqual([...end.trace.map((t) => t.queries)].sort((a, b) => a - b));
  });

  it('a drawn digit is attacked away from what the model says about it', () => {
    const image = new Float32Array(784);
    for (let r = 4; r < 24; r++) image[r * 28 + 14] = 1; // a vertical stroke: a 1
    session.update({ image, attack: 'fgsm' });
    const s = session.snapshot();
    expect(s.labelKnown).toBe(false);
    expect(s.label).toBe(argmax(s.clean));
  });

  it('retrains from its seed: Adam steps, then scoring, then the attack; no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const lab = await attackLabRun({ ...base, model: 'softmax', weights: 'retrain', epochs: 1, modelsUrl: 'unused' }, sources.data, sources.models);
    const s0 = lab.evaluate();
    expect(s0.phase).toBe('training');
    const total = s0.training!.total;
    expect(total).toBe(188 + 4);
    while (lab.evaluate().phase === 'training') lab.train(50);
    const s1 = lab.evaluate();
    expect(s1.model?.weights).toBe('retrain');
    expect(s1.model!.testAccuracy).toBeGreaterThan(0.8);
    expect(s1.step).toBe(0);
    lab.train(1);
    expect(lab.evaluate().frames).toBe(1);
    const gallery = await lab.samples!(20);
    expect(Array.from(gallery.labels)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
    lab.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('RobustnessSweep', () => {
  it('plans the points ε by ε and measures the false robustness of FGSM training', async () => {
    expect(epsilonGrid(0.3, 0.05)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
    const settings = { testSize: 100, pgdIterations: 10, maxEpsilon: 0.25, epsilonStep: 0.25, seed: 1 };
    expect(sweepTasks(settings).map((t) => `${t.model}:${t.attack}`).slice(0, 5)).toEqual(['mlp:none', 'mlp-fgsm:none', 'mlp-pgd:none', 'mlp:fgsm', 'mlp:pgd']);
    const before = tf.memory().numTensors;
    const sweep = await RobustnessSweep.create(settings, sources);
    const s0 = sweep.snapshot();
    expect(s0.totalSteps).toBe(3 + 3 * (1 + 10));
    expect(s0.nextPointStep).toBe(1);
    sweep.train(1);
    expect(sweep.snapshot().points).toHaveLength(2); // a clean point counts for both attacks
    while (!sweep.finished) sweep.train(7);
    const acc = (model: string, attack: string, eps: number) => sweep.snapshot().points.find((p) => p.model === model && p.attack === attack && p.epsilon === eps)!.accuracy;
    expect(acc('mlp', 'fgsm', 0)).toBeGreaterThan(0.9);
    expect(acc('mlp', 'fgsm', 0.25)).toBeLessThan(0.15);
    expect(acc('mlp-fgsm', 'fgsm', 0.25)).toBeGreaterThan(0.5);
    expect(acc('mlp-fgsm', 'pgd', 0.25)).toBeLessThan(0.15);
    expect(sweep.snapshot().current).toBeNull();
    sweep.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

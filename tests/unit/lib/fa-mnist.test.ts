// Feedback alignment on MNIST at a reduced size (2,000 train / 1,000 test digits, 784-128-10 tanh,
// SGD 0.05, batch 32, 2 epochs): direction and ordering of science.md's bands, not exact numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { FA_MNIST_DEFAULTS, FaMnistRun, faMnistTable } from '../../../src/chapters/feedback-alignment/runs/mnist';
import { formatFaMnist } from '../../../src/chapters/feedback-alignment/format';

const reduced = { ...FA_MNIST_DEFAULTS, hidden: [128], trainSize: 2000, testSize: 1000, seed: 1 };

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('FA, DFA, sign symmetry and output-only vs backprop on MNIST', () => {
  it('FA and DFA keep up with BP and beat output-only; FA angle falls from ≈ 90°; SS is aligned from the start', async () => {
    const table = await faMnistTable(reduced, 2, [0, 50, 100], nodeSource());
    const final = table.accuracy[1];
    const [bp, fa, dfa, ss, out] = ['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only'].map((r) => table.rules.indexOf(r));
    expect(final[bp]).toBeGreaterThan(0.75);
    expect(Math.abs(final[fa] - final[bp])).toBeLessThan(0.03);
    expect(Math.abs(final[dfa] - final[bp])).toBeLessThan(0.03);
    expect(final[fa]).toBeGreaterThan(final[out] + 0.04);
    expect(final[ss]).toBeGreaterThan(final[out] + 0.04);
    const angle = (step: number, rule: number) => table.angles[table.angleSteps.indexOf(step)][rule];
    expect(angle(0, fa)).toBeGreaterThan(85);
    expect(angle(0, fa)).toBeLessThan(95);
    expect(angle(50, fa)).toBeLessThan(angle(0, fa));
    expect(angle(100, fa)).toBeLessThan(70);
    for (const step of [0, 50, 100]) expect(angle(step, ss)).toBeLessThanOrEqual(45);
    // The forward weights turn towards the feedback: angle(W₂, B₂ᵀ) falls with the δ angle.
    const weightAngle = (step: number) => table.feedbackAngles[table.angleSteps.indexOf(step)][fa]!;
    expect(weightAngle(100)).toBeLessThan(weightAngle(0) - 20);
    expect(formatFaMnist(table)).toContain('| fa |');
  });

  it('leaks no tensors while training and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const run = await FaMnistRun.create({ ...reduced, trainSize: 500, testSize: 200, rules: ['backprop', 'fa', 'dfa'] }, nodeSource());
    run.train(1);
    const before = tf.memory().numTensors;
    run.train(20);
    const m = run.evaluate();
    expect(m.rules.map((r) => r.rule)).toEqual(['backprop', 'fa', 'dfa']);
    expect(tf.memory().numTensors).toBe(before);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

// Lillicrap et al. 2016 Fig. 1 at a reduced length (1,000 samples): direction and ordering of the
// science.md bands, not exact numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { FA_LINEAR_DEFAULTS, LinearTaskRun, faLinearTable } from '../../../src/chapters/feedback-alignment/runs/linear';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('linear task: BP, FA and output-only from one start', () => {
  it('FA learns the map (error < 0.05 by 1,000 samples) where output-only cannot, and leads BP early', () => {
    const checkpoints = [0, 10, 50, 100, 200, 500, 1000];
    const rows = faLinearTable(FA_LINEAR_DEFAULTS, checkpoints);
    const [bp, fa, out] = [0, 1, 2];
    const at = (n: number) => rows[checkpoints.indexOf(n)];
    expect(at(0).errors.every((e) => Math.abs(e - 1) < 0.01)).toBe(true); // tiny weights: output ≈ 0
    expect(at(1000).errors[fa]).toBeLessThan(0.05);
    expect(at(1000).errors[out]).toBeGreaterThan(0.9);
    expect(at(1000).errors[fa]).toBeLessThan(0.05 * at(1000).errors[out]);
    // Random feedback of fixed size teaches faster than BP's feedback through tiny initial weights.
    expect(at(100).errors[fa]).toBeLessThan(at(100).errors[bp] - 0.3);
    expect(at(1000).errors[bp]).toBeLessThan(0.05);
    // The angle to BP: ≈ 90° at the random start, below 90° once learning has begun, below 60° by 200.
    expect(at(0).angles[fa]).toBeGreaterThan(80);
    expect(at(0).angles[fa]).toBeLessThan(100);
    for (const n of checkpoints.filter((c) => c >= 10)) expect(at(n).angles[fa]).toBeLessThan(90);
    expect(at(200).angles[fa]).toBeLessThan(60);
    expect(rows.every((r) => r.angles[bp] < 0.5 && r.angles[out] === 90)).toBe(true);
  });

  it('leaks no tensors while training and frees all on dispose', () => {
    const start = tf.memory().numTensors;
    const run = new LinearTaskRun({ ...FA_LINEAR_DEFAULTS, testSize: 50 });
    run.train(1);
    const before = tf.memory().numTensors;
    run.train(100);
    run.evaluate();
    expect(tf.memory().numTensors).toBe(before);
    run.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

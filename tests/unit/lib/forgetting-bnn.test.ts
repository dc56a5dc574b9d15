// science.md's metaplasticity directions at a reduced size (binarized 784-64-64-10, Adam 1e-2, 2 permuted
// tasks of 200 steps): m = 8 keeps far more of task 1 than m = 0; a much larger m can no longer learn the new
// task. Calibration (seeds 1 and 3, ForgettingRun's paper defaults: W_h ~ U(±0.05), γ ~ U(0, 1), Adam
// restarted per task): m = 8 kept 35 and 31 points more of task 1 than m = 0; m = 100 learnt task 2 to 53% / 56%.
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { forgettingTable, newestAccuracy, taskOneAccuracy } from '../../../src/chapters/catastrophic-forgetting/runs/tables';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('metaplastic binarized network (reduced permuted MNIST)', () => {
  it('m = 8 keeps far more of task 1 than m = 0; too large an m stops learning the new task', async () => {
    const table = await forgettingTable(
      {
        stream: 'permuted',
        numTasks: 2,
        methods: [{ kind: 'metaplastic', meta: 0 }, { kind: 'metaplastic', meta: 8 }, { kind: 'metaplastic', meta: 100 }],
        bnnHidden: [64, 64],
        bnnLearningRate: 1e-2,
        batchSize: 100,
        seed: 1,
        trainSize: 4000,
        testSize: 500,
      },
      200,
      nodeSource(),
    );
    const [m0, m8] = taskOneAccuracy(table);
    const newest = newestAccuracy(table);
    expect(m0[0]).toBeGreaterThan(0.85);
    expect(m8[0]).toBeGreaterThan(0.85);
    expect(m0[0] - m0[1]).toBeGreaterThanOrEqual(0.2); // plain BNN forgets
    expect(m8[1]).toBeGreaterThan(m0[1] + 0.15); // metaplasticity keeps task 1
    expect(newest[1][1]).toBeGreaterThan(0.8); // and still learns task 2
    expect(newest[2][1]).toBeLessThan(newest[1][1] - 0.2); // m = 100: too rigid to learn task 2
  });
});

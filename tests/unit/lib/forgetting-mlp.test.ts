// science.md's forgetting directions for the float MLP, at a reduced size (784-100-100-10, Adam 1e-2, 4
// permuted tasks of 200 steps on 3,000 digits; seeds 1/2/3 dropped task 1 by 36/28/53 points): plain training forgets task 1; EWC and replay keep more of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../scripts/node-tf';
import { nodeSource } from '../../../src/lib/data/source-node';
import { forgettingTable, newestAccuracy, taskOneAccuracy } from '../../../src/chapters/catastrophic-forgetting/runs/tables';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('catastrophic forgetting in an MLP (reduced permuted MNIST)', () => {
  it('plain training drops task 1 by ≥ 20 points; EWC and replay keep clearly more; all learn the newest task', async () => {
    const table = await forgettingTable(
      {
        stream: 'permuted',
        numTasks: 4,
        methods: [{ kind: 'sequential' }, { kind: 'ewc', lambda: 1000, fisherSamples: 500 }, { kind: 'replay', bufferSize: 500 }],
        mlpHidden: [100, 100],
        mlpLearningRate: 1e-2,
        batchSize: 32,
        seed: 1,
        trainSize: 3000,
        testSize: 500,
      },
      200,
      nodeSource(),
    );
    const [plain, ewc, replay] = taskOneAccuracy(table);
    const newest = newestAccuracy(table);
    expect(plain[0]).toBeGreaterThan(0.85); // task 1 was learnt
    expect(plain[0] - plain[3]).toBeGreaterThanOrEqual(0.2);
    expect(ewc[3]).toBeGreaterThan(plain[3] + 0.1);
    expect(replay[3]).toBeGreaterThan(plain[3] + 0.1);
    newest.forEach((m) => expect(m[3]).toBeGreaterThan(0.75));
  });
});

// The engine choice reaches the page: the training service tells the chooser its backend, and the
// Introduction's runs train on the chosen engine and report it with their speed (the badge shows
// it: badge.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TrainerService } from '../../../src/runtime/service';
import { nodeSource } from '../../../src/lib/data/source-node';
import type { BackendInfo } from '../../../src/runtime/backend-choice';
import { runKindLoaders } from '../../../src/chapters';
import { overfitKind } from '../../../src/chapters/introduction/kinds';
import { lazyRunKinds } from '../../../src/runtime/protocol';

const kinds = lazyRunKinds(runKindLoaders);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const cpu: BackendInfo = { name: 'cpu', isGpu: false, forced: false, rejected: [] };

describe('TrainerService on the engine chooser', () => {
  it('configures the chooser with the chosen backend and reports each run’s engine', async () => {
    const configured: BackendInfo[] = [];
    const service = new TrainerService({ kinds,
      sourceFor: () => nodeSource(),
      select: async () => cpu,
      engines: { configure: (info) => void configured.push(info) },
    });
    await service.init({ forced: null, dataBaseUrl: 'unused://', chooseBackend: true });
    expect(configured).toEqual([cpu]);
    const id = await service.createRun(overfitKind.name, { trainSize: 200, hidden: 16, activation: 'relu', optimizer: 'adam', learningRate: 3e-3, batchSize: 16, seed: 2, testSize: 200 });
    const r = await service.train(id, { steps: 5, budgetMs: 10_000 });
    expect(r.steps).toBe(5);
    expect(r.engine).toBeDefined();
    expect(r.engine?.onGpu).toBe(false);
    expect(['wasm-simd', 'js', 'tfjs-cpu']).toContain(r.engine?.name);
    await service.dispose(id);
  });
});

describe('what the service reports of an engine run', () => {
  it('its typed arrays count in the memory report, and a loss spike inside a call is reported', async () => {
    const service = new TrainerService({ kinds, sourceFor: () => nodeSource(), select: async () => cpu, engines: { configure: () => undefined } });
    await service.init({ forced: null, dataBaseUrl: 'unused://' });
    const before = await service.memory();
    // SGD at 10: the loss jumps above 100 within the first steps, then falls back (a dead network).
    const id = await service.createRun(overfitKind.name, { trainSize: 500, hidden: 256, activation: 'relu', optimizer: 'sgd', learningRate: 10, batchSize: 64, seed: 1, testSize: 200 });
    const held = await service.memory();
    expect(held.numTensors).toBeGreaterThan(before.numTensors);
    expect(held.numBytes).toBeGreaterThan(before.numBytes);
    const r = await service.train(id, { steps: 10, budgetMs: 10_000 });
    expect(r.peakLoss).toBeGreaterThan(100);
    expect(r.peakLoss).toBeGreaterThanOrEqual(r.loss);
    // Training allocates nothing new.
    expect((await service.memory()).numTensors).toBe(held.numTensors);
    await service.dispose(id);
    expect((await service.memory()).numTensors).toBe(before.numTensors);
  });
});

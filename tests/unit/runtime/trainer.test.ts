// The worker's training service, driven directly in Node on the CPU backend with the real data:
// backend choice through backend.ts, run registry, time-boxed training, live updates, no leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { nodeSource } from '../../../src/lib/data/source-node';
import { loadDataset } from '../../../src/lib/data';
import { TrainerService } from '../../../src/runtime/service';
import type { OverfitConfig, OverfitMetrics } from '../../../src/chapters/introduction/runs/overfit';
import { runKindLoaders } from '../../../src/chapters';
import { overfitKind } from '../../../src/chapters/introduction/kinds';
import { lazyRunKinds } from '../../../src/runtime/protocol';

const kinds = lazyRunKinds(runKindLoaders);

const config: OverfitConfig = { trainSize: 200, hidden: 32, activation: 'relu', optimizer: 'adam', learningRate: 3e-3, batchSize: 32, seed: 4, testSize: 300 };
const service = new TrainerService({ kinds, sourceFor: () => nodeSource() });

beforeAll(async () => {
  const info = await service.init({ forced: 'cpu', dataBaseUrl: 'unused://', chooseBackend: true });
  expect(info).toMatchObject({ name: 'cpu', forced: true, isGpu: false });
  expect(tf.getBackend()).toBe('cpu');
});

describe('TrainerService', () => {
  it('trains within a time budget and stops exactly at untilStep', async () => {
    const id = await service.createRun(overfitKind.name, config);
    const r = await service.train(id, { untilStep: 7, budgetMs: 10_000 });
    expect(r).toMatchObject({ step: 7, steps: 7, diverged: false });
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.stepsPerSec).toBeGreaterThan(0);
    const again = await service.train(id, { untilStep: 7 });
    expect(again.steps).toBe(0);
    // A tiny budget still makes progress (at least one step) and returns promptly.
    const quick = await service.train(id, { budgetMs: 1 });
    expect(quick.steps).toBeGreaterThanOrEqual(1);
    expect(quick.step).toBe(7 + quick.steps);
    await service.dispose(id);
  });

  it('holds nothing of a finished call: no waiter for a GPU loss outlives its call (the soak’s worker-heap leak)', async () => {
    const id = await service.createRun(overfitKind.name, config);
    for (let i = 0; i < 5; i++) {
      await service.train(id, { steps: 1 });
      await service.evaluate(id);
    }
    expect((service as unknown as { lossWaiters: Set<unknown> }).lossWaiters.size).toBe(0);
    await service.dispose(id);
  });

  it('same seed, same numbers, however the steps are chunked', async () => {
    const a = await service.createRun(overfitKind.name, config);
    const b = await service.createRun(overfitKind.name, config);
    await service.train(a, { steps: 12, budgetMs: 10_000 });
    for (let i = 0; i < 12; i++) await service.train(b, { steps: 1 });
    const [ma, mb] = [(await service.evaluate(a)) as OverfitMetrics, await service.evaluate(b)];
    expect(ma.step).toBe(12);
    expect(mb).toEqual(ma);
    await service.dispose(a);
    await service.dispose(b);
  });

  it('applies live settings and refuses the others', async () => {
    const id = await service.createRun(overfitKind.name, config);
    try {
      await expect(service.update(id, { trainSize: 500 })).rejects.toThrow(/trainSize/);
      await service.update(id, { learningRate: 1e-2, optimizer: 'sgd', batchSize: 8 });
      const r = await service.train(id, { steps: 3, budgetMs: 10_000 });
      expect(r).toMatchObject({ step: 3, diverged: false });
    } finally {
      await service.dispose(id);
    }
  });

  it('serves the run’s first training images, in the run’s subset order', async () => {
    const id = await service.createRun(overfitKind.name, config);
    const s = await service.samples(id, 5);
    expect(s).toMatchObject({ count: 5, rows: 28, cols: 28 });
    expect(s.images).toHaveLength(5 * 784);
    const ds = await loadDataset('mnist', 'train', nodeSource());
    // Every sample is an image of the dataset with its own label.
    for (let i = 0; i < 5; i++) {
      const img = s.images.subarray(i * 784, (i + 1) * 784);
      let found = -1;
      for (let j = 0; j < ds.n && found < 0; j++) {
        if (ds.labels[j] === s.labels[i] && ds.images.subarray(j * 784, (j + 1) * 784).every((v, k) => v === img[k])) found = j;
      }
      expect(found).toBeGreaterThanOrEqual(0);
    }
    await service.dispose(id);
  });

  it('frees every tensor when runs are disposed; unknown runs throw', async () => {
    const before = (await service.memory()).numTensors;
    const ids = await Promise.all([service.createRun(overfitKind.name, config), service.createRun(overfitKind.name, { ...config, hidden: 16 })]);
    expect((await service.memory()).runs).toBe(2);
    for (const id of ids) {
      await service.train(id, { steps: 5, budgetMs: 10_000 });
      await service.evaluate(id);
    }
    expect((await service.memory()).numTensors).toBeGreaterThan(before);
    for (const id of ids) await service.dispose(id);
    expect(await service.memory()).toMatchObject({ numTensors: before, runs: 0 });
    await expect(service.train(ids[0])).rejects.toThrow(/No run/);
    await expect(service.dispose(ids[0])).resolves.toBeUndefined();
  });

  it('prefetches the named datasets while the backend is still being chosen', async () => {
    const real = nodeSource();
    const asked: string[] = [];
    const source = (file: string) => {
      asked.push(file);
      return real(file);
    };
    let release: () => void = () => {};
    const chosen = new Promise<void>((resolve) => (release = resolve));
    const fresh = new TrainerService({ kinds,
      sourceFor: () => source,
      select: async () => {
        await chosen;
        return { name: 'cpu', forced: true, isGpu: false, reason: 'test' } as never;
      },
      engines: { configure: () => {} },
    });
    const ready = fresh.init({ forced: 'cpu', dataBaseUrl: 'unused://', prefetch: [{ name: 'mnist', split: 'test' }], chooseBackend: true });
    // The backend has not answered yet, and the test split is already being fetched.
    expect(asked.sort()).toEqual(['mnist-test-images.idx3.gz', 'mnist-test-labels.idx1.gz']);
    // A run created afterwards reuses the same load (memoised per source): nothing is fetched twice.
    const prefetched = loadDataset('mnist', 'test', source);
    release();
    await ready;
    expect((await prefetched).n).toBe(10_000);
    expect(asked).toHaveLength(2);
  });

  it('must be initialised first', async () => {
    const fresh = new TrainerService({ kinds });
    await expect(fresh.createRun(overfitKind.name, config)).rejects.toThrow(/init/);
  });
});

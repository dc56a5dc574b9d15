// The worker's engine chooser end to end in Node (tfjs-cpu backend, real engines, a toy net):
// calibrates once per model and device, caches the answer, honours a forced backend, and hands the
// Introduction's run an engine whose numbers match the lib on tfjs.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { EngineChooser, engineReport } from '../../../src/runtime/engine-choice';
import { memoryCache, type EngineCache } from '../../../src/runtime/engine-choice/cache';
import { calibrate } from '../../../src/runtime/engine-choice/calibrate';
import type { EngineChoice } from '../../../src/runtime/engine-choice/choice';
import type { Batch, ModelSpec } from '../../../src/lib/engine/types';
import { OverfitRun, type OverfitConfig } from '../../../src/chapters/introduction/runs/overfit';
import { fixedEngine } from '../../../src/lib/engine';
import '../../../src/lib/engine/cnn-engines';
import '../../../src/lib/engine/bnn-engines';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createRng } from '../../../src/lib/random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const toy: ModelSpec = { kind: 'mlp', sizes: [2, 16, 2], activation: 'tanh' };
const settings = { optimizer: 'adam' as const, learningRate: 0.03 };

function toyBatch(i: number): Batch {
  const rng = createRng(100 + i);
  const n = 16;
  const x = rng.uniformArray(2 * n, -1, 1);
  const labels = Uint8Array.from({ length: n }, (_, r) => (x[2 * r] * x[2 * r + 1] > 0 ? 1 : 0));
  return { x, labels, n };
}

function countingCache(): EngineCache & { gets: number; sets: number } {
  const inner = memoryCache();
  const c = {
    gets: 0,
    sets: 0,
    async get(key: string) {
      c.gets++;
      return inner.get(key);
    },
    async set(key: string, choice: EngineChoice) {
      c.sets++;
      return inner.set(key, choice);
    },
  };
  return c;
}

describe('calibrate', () => {
  it('times every candidate and checks their first losses against the plain-JS engine', async () => {
    const ms = await calibrate(['wasm-simd', 'js', 'tfjs-cpu'], toy, settings, toyBatch, { budgetMs: 20 });
    expect(ms.map((m) => m.engine)).toEqual(['wasm-simd', 'js', 'tfjs-cpu']);
    for (const m of ms) {
      expect(m.error).toBeUndefined();
      expect(m.correct).toBe(true);
      expect(m.stepsPerSec).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(0);
  });

  it('marks a candidate that cannot run here as failed, not chosen', async () => {
    const ms = await calibrate(['js', 'tfjs-webgl'], toy, settings, toyBatch, { budgetMs: 10 });
    expect(ms[1].error).toMatch(/webgl/);
    expect(ms[1].correct).toBe(false);
  });
});

describe('EngineChooser', () => {
  it('calibrates on first use, then answers from the cache', async () => {
    const cache = countingCache();
    const chooser = new EngineChooser(cache, { budgetMs: 15 });
    chooser.configure({ name: 'cpu', isGpu: false, forced: false, rejected: [] });
    const first = await chooser.choose(toy, 16, settings, toyBatch);
    expect(first.cached).toBe(false);
    expect(['js', 'wasm-simd']).toContain(first.engine);
    expect(first.measurements.map((m) => m.engine)).toEqual(['wasm-simd', 'js']);
    const again = await chooser.choose(toy, 16, settings, toyBatch);
    expect(again).toMatchObject({ engine: first.engine, cached: true });
    expect(cache.sets).toBe(1);
    // Another batch size is another question.
    await chooser.choose(toy, 8, settings, toyBatch);
    expect(cache.sets).toBe(2);
    expect(engineReport(again).reason).toContain('measured earlier on this device');
  });

  it('a forced backend is used as it is, without calibration', async () => {
    const cache = countingCache();
    const chooser = new EngineChooser(cache);
    chooser.configure({ name: 'cpu', isGpu: false, forced: true, rejected: [] });
    const choice = await chooser.choose(toy, 16, settings, toyBatch);
    expect(choice).toMatchObject({ engine: 'tfjs-cpu', measurements: [] });
    expect(choice.reason).toContain('?backend=cpu');
    expect(cache.gets).toBe(0);
  });

  it('a cached engine this device can no longer run is measured again', async () => {
    const cache = memoryCache();
    const chooser = new EngineChooser(cache, { budgetMs: 10 });
    chooser.configure({ name: 'cpu', isGpu: false, forced: false, rejected: [] });
    const key = (await import('../../../src/runtime/engine-choice/choice')).engineCacheKey(toy, 16, { backend: { name: 'cpu', isGpu: false, forced: false, rejected: [] }, wasmSimd: true, isolated: false, cores: globalThis.navigator?.hardwareConcurrency, userAgent: globalThis.navigator?.userAgent });
    await cache.set(key, { engine: 'tfjs-webgl', reason: 'stale', measurements: [], cached: false });
    const choice = await chooser.choose(toy, 16, settings, toyBatch);
    expect(choice.engine).not.toBe('tfjs-webgl');
    expect(choice.cached).toBe(false);
  });
});

describe('the Introduction’s run on each engine', () => {
  const config: OverfitConfig = { trainSize: 300, hidden: 32, activation: 'relu', optimizer: 'adam', learningRate: 3e-3, batchSize: 32, seed: 5, testSize: 300 };

  it.each(['js', 'wasm-simd', 'tfjs-cpu'] as const)('on %s matches the lib on tfjs-cpu within float32 tolerance', async (engine) => {
    const run = await OverfitRun.create(config, nodeSource(), fixedEngine(engine));
    const reference = await OverfitRun.create(config, nodeSource(), fixedEngine('tfjs-cpu'));
    expect(run.engine).toMatchObject({ name: engine, onGpu: false });
    for (const steps of [1, 7, 12]) {
      const a = await run.train(steps);
      const b = await reference.train(steps);
      expect(a.step).toBe(b.step);
      expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(1e-3 * (1 + b.loss));
    }
    const [ma, mb] = [await run.evaluate(), await reference.evaluate()];
    expect(ma.step).toBe(mb.step);
    expect(ma.epoch).toBeCloseTo(mb.epoch, 10);
    for (const key of ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const) expect(Math.abs(ma[key] - mb[key])).toBeLessThanOrEqual(2e-3);
    // Live settings, as OverfitRun applies them.
    run.update({ learningRate: 1e-2, optimizer: 'sgd', batchSize: 8 });
    reference.update({ learningRate: 1e-2, optimizer: 'sgd', batchSize: 8 });
    const [a, b] = [await run.train(5), await reference.train(5)];
    expect(Math.abs(a.loss - b.loss)).toBeLessThanOrEqual(1e-3 * (1 + b.loss));
    run.dispose();
    reference.dispose();
    expect(tf.memory().numTensors).toBe(0);
  });

  it('stops where the lib’s run stops when the loss diverges, and stays stopped', async () => {
    const diverging: OverfitConfig = { ...config, optimizer: 'sgd', learningRate: 1e38 };
    const run = await OverfitRun.create(diverging, nodeSource(), fixedEngine('js'));
    const reference = await OverfitRun.create(diverging, nodeSource(), fixedEngine('tfjs-cpu'));
    const [a, b] = [await run.train(50), await reference.train(50)];
    expect(a.diverged).toBe(true);
    expect(a.step).toBe(b.step);
    expect(a.step).toBeLessThan(50);
    expect((await run.train(5)).step).toBe(a.step);
    run.dispose();
    reference.dispose();
  });
});

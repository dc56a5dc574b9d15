// The training service's protocol with fake run kinds and a fake backend choice: divergence stops
// a chunk, budgets bound a call, and a lost GPU context re-selects and rebuilds every run.
import { describe, expect, it } from 'vitest';
import { TrainerService } from '../../../src/runtime/service';
import type { BackendInfo } from '../../../src/runtime/backend-choice';
import type { SelectOptions } from '../../../src/runtime/backend';
import type { OverfitConfig, OverfitMetrics } from '../../../src/chapters/introduction/runs/overfit';
import { defineRunKind, runKindRegistry, type RunKindRegistry, type TrainerEvent } from '../../../src/runtime/protocol';
import { overfitKind } from '../../../src/chapters/introduction/kinds';

const config: OverfitConfig = { trainSize: 100, hidden: 16, activation: 'relu', optimizer: 'sgd', learningRate: 0.1, batchSize: 8, seed: 1 };

/** A run whose loss turns NaN at step 5 when the learning rate is 1 or more; `clock` advances 10 ms a step. */
function fakeKinds(created: OverfitConfig[], disposed: number[], clock: { t: number }, hang = { on: false, fail: false }): RunKindRegistry {
  return runKindRegistry([
    defineRunKind({
      kind: overfitKind,
      liveKeys: ['learningRate'],
      async create(cfg) {
        created.push({ ...cfg });
        const index = created.length - 1;
        let step = 0;
        let diverged = false;
        const lr = { value: cfg.learningRate };
        return {
          get step() {
            return step;
          },
          train(n) {
            // A readback on a lost WebGL context: never settles.
            if (hang.on && index === 0) return new Promise(() => undefined);
            // WebGPU's destroy() fails a pending readback before device.lost resolves.
            if (hang.fail && index === 0) return Promise.reject(new Error('Device was destroyed'));
            for (let i = 0; i < n && !diverged; i++) {
              step++;
              clock.t += 10;
              diverged = lr.value >= 1 && step >= 5;
            }
            return { step, loss: diverged ? NaN : 1 / step, diverged };
          },
          evaluate: (): OverfitMetrics => ({ step, epoch: step / 10, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.4, diverged }),
          update(partial) {
            if (partial.learningRate !== undefined) lr.value = partial.learningRate;
          },
          dispose: () => disposed.push(index),
        };
      },
    }),
  ]);
}

const info = (name: BackendInfo['name']): BackendInfo => ({ name, isGpu: name === 'webgl' || name === 'webgpu', forced: false, rejected: [] });

function setup() {
  const hang = { on: false, fail: false };
  const created: OverfitConfig[] = [];
  const disposed: number[] = [];
  const clock = { t: 0 };
  const selects: SelectOptions[] = [];
  const service = new TrainerService({
    kinds: fakeKinds(created, disposed, clock, hang),
    now: () => clock.t,
    sourceFor: () => async () => new Uint8Array(),
    select: async (options) => {
      selects.push(options);
      return info(selects.length === 1 ? 'webgl' : 'wasm');
    },
  });
  return { service, created, disposed, clock, selects, hang };
}

describe('trainer protocol', () => {
  it('a call trains for about its budget, then returns', async () => {
    const { service } = setup();
    await service.init({ forced: null, dataBaseUrl: 'x://' });
    const id = await service.createRun('overfit', config);
    const r = await service.train(id, { budgetMs: 40 });
    // 10 ms per step on the fake clock: the budget allows 4 steps.
    expect(r.steps).toBe(4);
    expect(r.stepsPerSec).toBeCloseTo(100);
    // A call that may take no step reports the last step's loss.
    const idle = await service.train(id, { untilStep: 4 });
    expect(idle).toMatchObject({ step: 4, steps: 0, loss: 0.25, diverged: false });
  });

  it('stops at the step whose loss is NaN and stays stopped', async () => {
    const { service } = setup();
    await service.init({ forced: null, dataBaseUrl: 'x://' });
    const id = await service.createRun('overfit', config);
    await service.update(id, { learningRate: 10 });
    const r = await service.train(id, { steps: 50, budgetMs: 10_000 });
    expect(r).toMatchObject({ step: 5, diverged: true });
    expect(r.loss).toBeNaN();
    const again = await service.train(id, { steps: 50, budgetMs: 10_000 });
    expect(again).toMatchObject({ step: 5, diverged: true, steps: 0 });
    expect(again.loss).toBeNaN();
  });

  it('on a lost GPU context, chooses again without it and replays every run to the step it had reached', async () => {
    const { service, created, disposed, selects } = setup();
    const events: TrainerEvent[] = [];
    service.subscribe((e) => events.push(e));
    expect((await service.init({ forced: null, dataBaseUrl: 'x://', chooseBackend: true }))?.name).toBe('webgl');
    const id = await service.createRun('overfit', config);
    await service.train(id, { steps: 3 });
    // A live change at step 3 (in two moves, one replay entry): from there on the run diverges at step 5.
    await service.update(id, { learningRate: 0.5 });
    await service.update(id, { learningRate: 2 });
    await service.train(id, { steps: 1 });

    selects[0].onLost?.('webgl', 'WebGL context lost');
    const r = await service.train(id, { steps: 1 }); // waits for the rebuild and replay
    expect(r.step).toBe(5); // from step 4, where it was, not from 0
    expect(r.diverged).toBe(true); // the update was replayed at step 3
    expect(selects[1].exclude).toEqual(['webgl']);
    expect(disposed).toEqual([0]);
    // Rebuilt from the config it was created with; the update came at its step.
    expect(created[1]).toMatchObject({ learningRate: 0.1, trainSize: 100 });
    expect(events).toEqual([
      { type: 'backend-chosen', info: info('webgl') },
      { type: 'backend-changed', info: info('wasm'), why: 'WebGL context lost', lost: 'webgl', rebuilt: [id] },
    ]);
  });

  it('a chunk stuck on the lost context gives up, and reports the replayed run', async () => {
    const { service, selects, hang } = setup();
    await service.init({ forced: null, dataBaseUrl: 'x://', chooseBackend: true });
    const id = await service.createRun('overfit', config);
    await service.train(id, { steps: 2 });
    hang.on = true;
    const stuck = service.train(id, { steps: 5 });
    const evaluation = service.evaluate(id);
    await new Promise((r) => setTimeout(r, 5));
    selects[0].onLost?.('webgl', 'WebGL context lost');
    expect(await stuck).toMatchObject({ step: 2, diverged: false });
    expect(await evaluation).toMatchObject({ step: 2 });
    expect((await service.train(id, { steps: 1 })).step).toBe(3);
  });

  it('a GPU chunk that fails just before the loss is reported counts as lost, not as an error', async () => {
    const { service, selects, hang } = setup();
    await service.init({ forced: null, dataBaseUrl: 'x://', chooseBackend: true });
    const id = await service.createRun('overfit', config);
    await service.train(id, { steps: 2 });
    hang.fail = true;
    const failing = service.train(id, { steps: 5 });
    await new Promise((r) => setTimeout(r, 20));
    selects[0].onLost?.('webgpu', 'WebGPU device lost');
    expect(await failing).toMatchObject({ step: 2, diverged: false });
    // On the fallback (not a GPU), a failure is an error again.
    hang.fail = false;
    expect((await service.train(id, { steps: 1 })).step).toBe(3);
  });

  it('loses the GPU context on request (the e2e hook) only once a backend is chosen', async () => {
    let lost = 0;
    const service = new TrainerService({ kinds: runKindRegistry([]), sourceFor: () => async () => new Uint8Array(), select: async () => info('webgl'), loseContext: () => (lost++, 'webgl') });
    await service.init({ forced: 'webgl', dataBaseUrl: 'x://' });
    expect(await service.loseGpuContext()).toBeNull();
    await service.init({ forced: 'webgl', dataBaseUrl: 'x://', chooseBackend: true });
    expect(await service.loseGpuContext()).toBe('webgl');
    expect(lost).toBe(1);
  });

  it('a failed start can be retried', async () => {
    let attempts = 0;
    const service = new TrainerService({
      kinds: runKindRegistry([]),
      sourceFor: () => async () => new Uint8Array(),
      select: async () => {
        attempts++;
        if (attempts === 1) throw new Error('No tfjs backend could start');
        return info('cpu');
      },
    });
    await expect(service.init({ forced: null, dataBaseUrl: 'x://', chooseBackend: true })).rejects.toThrow(/No tfjs backend/);
    await expect(service.init({ forced: null, dataBaseUrl: 'x://', chooseBackend: true })).resolves.toMatchObject({ name: 'cpu' });
  });
});

describe('the tfjs backend is chosen when a run first needs it', () => {
  /** The fake overfit kind, and a twin declared tensor-free. */
  function twoKinds(selects: number[]) {
    const created: OverfitConfig[] = [];
    const base = [...fakeKinds(created, [], { t: 0 }).values()][0];
    const registry = new Map([
      ['overfit', base],
      ['typed', async () => ({ ...(await base()), kind: { name: 'typed' } as never, usesTfjs: false as const })],
    ]);
    const events: TrainerEvent[] = [];
    const service = new TrainerService({
      kinds: registry,
      sourceFor: () => async () => new Uint8Array(),
      select: async () => {
        selects.push(1);
        if (selects.length === 1) throw new Error('No tfjs backend could start');
        return info('wasm');
      },
      engines: { configure: () => {} },
    });
    service.subscribe((e) => events.push(e));
    return { service, events };
  }

  it('init resolves with no backend, and a tensor-free run never chooses one', async () => {
    const selects: number[] = [];
    const { service, events } = twoKinds(selects);
    await expect(service.init({ forced: null, dataBaseUrl: 'x://' })).resolves.toBeNull();
    const id = await service.createRun('typed', config);
    expect((await service.train(id, { steps: 3 })).step).toBe(3);
    expect(await service.memory()).toMatchObject({ numTensors: 0, runs: 1 });
    expect(selects).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('the first run that needs tfjs chooses it (a failure shows there, the next run tries again) and the page hears of it', async () => {
    const selects: number[] = [];
    const { service, events } = twoKinds(selects);
    await service.init({ forced: null, dataBaseUrl: 'x://' });
    await expect(service.createRun('overfit', config)).rejects.toThrow(/No tfjs backend/);
    const id = await service.createRun('overfit', config);
    await service.createRun('overfit', config);
    expect(selects).toHaveLength(2);
    expect(events).toEqual([{ type: 'backend-chosen', info: info('wasm') }]);
    expect((await service.train(id, { steps: 2 })).step).toBe(2);
    await expect(service.init({ forced: null, dataBaseUrl: 'x://' })).resolves.toMatchObject({ name: 'wasm' });
  });
});

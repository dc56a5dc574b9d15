// The client's step-0 snapshots (src/runtime/snapshots.ts, client.ts): a fresh run's first evaluation
// is remembered; the same run on a later visit answers its first evaluate() from it before the worker
// has built it, and the worker's run still goes through the same calls, so everything after is as
// without the snapshot.
import type { Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import { TrainerClient } from '../../../src/runtime/client';
import type { RunKind, TrainerApi } from '../../../src/runtime/protocol';
import { buildOf, snapshotKey, type SnapshotStore } from '../../../src/runtime/snapshots';

interface Config {
  seed: number;
}
const kind = { name: 'toy' } as RunKind<Config, { step: number; accuracy: number }>;

class MemoryStore implements SnapshotStore {
  readonly map = new Map<string, unknown>();
  async get(key: string) {
    return this.map.get(key);
  }
  async put(key: string, value: unknown) {
    this.map.set(key, structuredClone(value));
  }
}

/** A worker whose createRun resolves when the test says, logging every call it receives. */
function fakeWorker() {
  const calls: string[] = [];
  let release!: (id: number) => void;
  let refuse!: (err: Error) => void;
  let evaluations = 0;
  const api = {
    subscribe: async () => undefined,
    createRun: (name: string) => {
      calls.push(`createRun ${name}`);
      return new Promise<number>((resolve, reject) => {
        release = resolve;
        refuse = reject;
      });
    },
    evaluate: async (id: number) => {
      calls.push(`evaluate ${id}`);
      // A run whose evaluations differ (a quick first look, then the full score): shows which one a caller got.
      return { step: 0, accuracy: evaluations++ === 0 ? 0.25 : 0.5 };
    },
    train: async (id: number) => {
      calls.push(`train ${id}`);
      return { step: 10, loss: 1, diverged: false, stepsPerSec: 100 };
    },
    update: async (id: number) => void calls.push(`update ${id}`),
    samples: async (id: number) => (calls.push(`samples ${id}`), { images: new Uint8Array(0), labels: new Uint8Array(0), classNames: [] }),
    dispose: async (id: number) => void calls.push(`dispose ${id}`),
  };
  return { calls, api: api as unknown as Remote<TrainerApi>, release: (id: number) => release(id), refuse: (err: Error) => refuse(err) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('step-0 snapshots', () => {
  it('a fresh run (nothing remembered) waits for the worker and remembers its first evaluation only', async () => {
    const store = new MemoryStore();
    const w = fakeWorker();
    const client = new TrainerClient(w.api, null, undefined, { store, build: 'worker-abcdefgh.js', forced: null });
    const creating = client.createRun(kind, { seed: 1 });
    await settle();
    w.release(7);
    const run = await creating;
    expect(run.id).toBe(7);
    expect(await client.evaluate(run)).toEqual({ step: 0, accuracy: 0.25 });
    await settle();
    expect([...store.map.values()]).toEqual([{ step: 0, accuracy: 0.25 }]);
    expect([...store.map.keys()]).toEqual([snapshotKey('worker-abcdefgh.js', 'toy', { seed: 1 }, null)]);
    await client.train(run);
    expect(await client.evaluate(run)).toEqual({ step: 0, accuracy: 0.5 });
    await settle();
    expect(store.map.size).toBe(1);
  });

  it('a remembered run answers its first evaluate at once; the worker run gets the same calls in the same order', async () => {
    const store = new MemoryStore();
    await store.put(snapshotKey('worker-abcdefgh.js', 'toy', { seed: 1 }, null), { step: 0, accuracy: 0.25 });
    const w = fakeWorker();
    const client = new TrainerClient(w.api, null, undefined, { store, build: 'worker-abcdefgh.js', forced: null });
    const run = await client.createRun(kind, { seed: 1 });
    expect(await client.evaluate(run)).toEqual({ step: 0, accuracy: 0.25 });
    expect(w.calls).toEqual(['createRun toy']);
    const training = client.train(run);
    await settle();
    expect(w.calls).toEqual(['createRun toy']);
    w.release(3);
    await training;
    expect(run.id).toBe(3);
    // The discarded first evaluation keeps the worker's run in step: the next one is its second, as on a first visit.
    expect(w.calls).toEqual(['createRun toy', 'evaluate 3', 'train 3']);
    expect(await client.evaluate(run)).toEqual({ step: 0, accuracy: 0.5 });
  });

  it('a run changed before its first evaluation (a live setting) asks the worker', async () => {
    const store = new MemoryStore();
    await store.put(snapshotKey('b', 'toy', { seed: 1 }, null), { step: 0, accuracy: 0.9 });
    const w = fakeWorker();
    const client = new TrainerClient(w.api, null, undefined, { store, build: 'b', forced: null });
    const run = await client.createRun(kind, { seed: 1 });
    const updating = client.update(run, { seed: 2 });
    w.release(1);
    await updating;
    expect(await client.evaluate(run)).toEqual({ step: 0, accuracy: 0.5 });
    expect(w.calls).toEqual(['createRun toy', 'evaluate 1', 'update 1', 'evaluate 1']);
  });

  it('another config, build or forced backend is another key', async () => {
    const base = snapshotKey('worker-abcdefgh.js', 'toy', { seed: 1 }, null);
    expect(snapshotKey('worker-abcdefgh.js', 'toy', { seed: 2 }, null)).not.toBe(base);
    expect(snapshotKey('worker-bcdefghi.js', 'toy', { seed: 1 }, null)).not.toBe(base);
    expect(snapshotKey('worker-abcdefgh.js', 'toy', { seed: 1 }, 'cpu')).not.toBe(base);
    expect(snapshotKey('worker-abcdefgh.js', 'other', { seed: 1 }, null)).not.toBe(base);
  });

  it('a run the worker fails to build: its next call rejects with the error, dispose does not', async () => {
    const store = new MemoryStore();
    await store.put(snapshotKey('b', 'toy', { seed: 1 }, null), { step: 0, accuracy: 0.9 });
    const w = fakeWorker();
    const client = new TrainerClient(w.api, null, undefined, { store, build: 'b', forced: null });
    const run = await client.createRun(kind, { seed: 1 });
    await client.evaluate(run);
    w.refuse(new Error('no data'));
    await expect(client.train(run)).rejects.toThrow('no data');
    await expect(client.dispose(run)).resolves.toBeUndefined();
    expect(w.calls).toEqual(['createRun toy']);
  });

  it('without a store (no IndexedDB, or a development build) nothing is remembered', async () => {
    const w = fakeWorker();
    const client = new TrainerClient(w.api, null);
    const creating = client.createRun(kind, { seed: 1 });
    w.release(5);
    const run = await creating;
    expect(await client.evaluate(run)).toEqual({ step: 0, accuracy: 0.25 });
    expect(w.calls).toEqual(['createRun toy', 'evaluate 5']);
  });

  it('the build is the worker script’s content-hashed name; a development server has none', () => {
    expect(buildOf('https://example.org/essay/assets/worker-DV0re1FE.js')).toBe('worker-DV0re1FE.js');
    expect(buildOf('http://127.0.0.1:4173/assets/worker-_qBzVJc0.js?x=1')).toBe('worker-_qBzVJc0.js');
    expect(buildOf('http://localhost:5173/src/app/worker.ts?worker_file&type=module')).toBe('');
  });
});

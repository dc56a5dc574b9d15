// The chapter's widgets against the REAL runs: the trainer service the worker hosts, run in the test's
// own process (no worker, a fake backend choice, the data read from public/data), behind the surface
// a widget talks to, with every call recorded. The element tests check what reaches the runs and what
// comes back, not a fake's idea of it.
import type { BackendInfo } from '../../../../src/runtime/backend-choice';
import type { RunKind, RunRef, TrainOptions, TrainReport } from '../../../../src/runtime/protocol';
import { lazyRunKinds } from '../../../../src/runtime/protocol';
import { TrainerService } from '../../../../src/runtime/service';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ByteSource } from '../../../../src/lib/data';
import { brainsNotFeedForward } from '../../../../src/chapters/brains-not-feed-forward';

// The shipped data from disk, unzipped here: source-node.ts finds the folder by import.meta.url, which
// jsdom does not give as a file URL, and the lib's gunzip streams a Blob, which jsdom's cannot.
const dataSource: ByteSource = async (name) => {
  const bytes = await readFile(join(process.cwd(), 'public', 'data', name));
  return new Uint8Array(name.endsWith('.gz') ? gunzipSync(bytes) : bytes);
};

const info: BackendInfo = { name: 'cpu', isGpu: false, forced: false, rejected: [] } as unknown as BackendInfo;

export class LocalTrainer {
  readonly events = new EventTarget();
  readonly backend = info;
  readonly created: { kind: string; config: Record<string, unknown> }[] = [];
  readonly updates: Record<string, unknown>[] = [];
  readonly trainCalls: TrainOptions[] = [];
  readonly disposed: number[] = [];
  private readonly service = new TrainerService({
    kinds: lazyRunKinds(brainsNotFeedForward.runKinds),
    sourceFor: () => dataSource,
    select: async () => info,
    engines: { configure: () => undefined },
  });
  private readonly ready = this.service.init({ forced: null, dataBaseUrl: 'http://localhost/data/' });

  async createRun<C extends object, M>(kind: RunKind<C, M>, config: C): Promise<RunRef<C, M>> {
    await this.ready;
    this.created.push({ kind: kind.name, config: { ...(config as Record<string, unknown>) } });
    return { id: await this.service.createRun(kind.name, structuredClone(config)), kind };
  }
  async train(run: RunRef, options: TrainOptions = {}): Promise<TrainReport> {
    this.trainCalls.push(options);
    await new Promise((r) => setTimeout(r, 1));
    return this.service.train(run.id, options);
  }
  async evaluate(run: RunRef): Promise<unknown> {
    return structuredClone(await this.service.evaluate(run.id));
  }
  async update(run: RunRef, partial: object): Promise<void> {
    this.updates.push({ ...(partial as Record<string, unknown>) });
    await this.service.update(run.id, structuredClone(partial));
  }
  async dispose(run: RunRef): Promise<void> {
    this.disposed.push(run.id);
    await this.service.dispose(run.id);
  }
  memory() {
    return this.service.memory();
  }
}

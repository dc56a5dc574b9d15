/**
 * The page's side of the training worker: one shared worker for every widget, started on first
 * use, with a typed wrapper over the comlink proxy (run kinds type configs and metrics).
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { BackendInfo } from './backend-choice';
import { dataBaseUrl, forcedBackend } from './page';
import { t } from '../i18n/t';
import type { MemoryReport, RunKind, RunRef, SampleImages, TrainOptions, TrainReport, TrainerApi, TrainerEvent } from './protocol';
import { indexedDbSnapshots, snapshotKey, type SnapshotStore } from './snapshots';

/** Where a run's first evaluation is remembered (snapshots.ts), and under which build and forced backend. */
export interface FirstNumbers {
  store: SnapshotStore;
  build: string;
  forced: string | null;
}

export class TrainerClient {
  /**
   * Fires 'backend-chosen' (the worker chose its tfjs backend, for the first run that needs one) and
   * 'backend-changed' (a lost GPU context made it switch); a CustomEvent whose detail is the TrainerEvent.
   */
  readonly events = new EventTarget();
  /** Runs answered from a snapshot: the worker's id, once it has built them. */
  private readonly building = new WeakMap<object, Promise<number>>();
  /** A run's first evaluation, remembered from an earlier visit (used once). */
  private readonly remembered = new WeakMap<object, unknown>();
  /** Fresh runs whose first evaluation, if nothing comes before it, is to be remembered under this key. */
  private readonly toRemember = new WeakMap<object, string>();

  constructor(
    private readonly remote: Remote<TrainerApi>,
    private info: BackendInfo | null,
    private readonly worker?: Worker,
    private readonly firstNumbers: FirstNumbers | null = null,
  ) {
    void remote.subscribe(
      proxy((event: TrainerEvent) => {
        this.info = event.info;
        debugHook().backend = event.info;
        this.events.dispatchEvent(new CustomEvent(event.type, { detail: event }));
      }),
    );
  }

  /** The tfjs backend, or null while no run has needed one. */
  get backend(): BackendInfo | null {
    return this.info;
  }

  /**
   * A run of `kind` built from `config`. When this build has seen the same run before (snapshots.ts),
   * the reference comes at once and its first evaluate() answers from the snapshot while the worker
   * builds it; every other call waits for the worker's run (and a failed build rejects it).
   */
  async createRun<C extends object, M>(kind: RunKind<C, M>, config: C): Promise<RunRef<C, M>> {
    const building = this.remote.createRun(kind.name, config);
    building.catch(() => undefined); // whoever needs the run awaits it and sees the error
    const first = this.firstNumbers;
    const key = first ? snapshotKey(first.build, kind.name, config, first.forced) : '';
    const snapshot = first ? await first.store.get(key) : undefined;
    if (snapshot === undefined) {
      const run: RunRef<C, M> = { id: await building, kind };
      if (first) this.toRemember.set(run, key);
      return run;
    }
    const run: RunRef<C, M> = { id: Number.NaN, kind };
    // The worker's run takes its first evaluation too (discarded), so that its state goes on exactly
    // as a fresh run's would: a run whose first evaluation is a quick look, or that draws from its
    // random stream to evaluate, answers every later call as it would have without the snapshot.
    this.building.set(
      run,
      building.then(async (id) => {
        await this.remote.evaluate(id);
        return (run.id = id);
      }),
    );
    this.remembered.set(run, snapshot);
    return run;
  }

  async train<C, M>(run: RunRef<C, M>, options?: TrainOptions): Promise<TrainReport> {
    return this.remote.train(await this.idOf(run), options);
  }

  async evaluate<C, M>(run: RunRef<C, M>): Promise<M> {
    if (this.remembered.has(run)) {
      const snapshot = this.remembered.get(run) as M;
      this.remembered.delete(run);
      return snapshot;
    }
    const key = this.toRemember.get(run);
    this.toRemember.delete(run);
    const metrics = (await this.remote.evaluate(await this.idOf(run))) as M;
    if (key !== undefined) void this.firstNumbers?.store.put(key, metrics);
    return metrics;
  }

  async update<C, M>(run: RunRef<C, M>, partial: Partial<C>): Promise<void> {
    return this.remote.update(await this.idOf(run), partial);
  }

  async samples<C, M>(run: RunRef<C, M>, count: number): Promise<SampleImages> {
    return this.remote.samples(await this.idOf(run), count);
  }

  async dispose<C, M>(run: RunRef<C, M>): Promise<void> {
    this.remembered.delete(run);
    const id = await Promise.resolve(this.idOf(run)).catch(() => null);
    if (id !== null) await this.remote.dispose(id);
  }

  /** The worker's id of the run (waiting for it to be built if it was answered from a snapshot); anything but a first evaluate makes the run's state its own. */
  private idOf<C, M>(run: RunRef<C, M>): Promise<number> | number {
    this.remembered.delete(run);
    this.toRemember.delete(run);
    return this.building.get(run) ?? run.id;
  }

  memory(): Promise<MemoryReport> {
    return this.remote.memory();
  }

  loseGpuContext(): Promise<string | null> {
    return this.remote.loseGpuContext();
  }

  terminate(): void {
    this.worker?.terminate();
  }
}

/** `window.__localMinimum`: a tiny debug hook the end-to-end tests read. */
export interface DebugHook {
  /** The backend in use, once the worker has chosen one. */
  backend: BackendInfo | null;
  /** Resolves when the worker is ready (with its backend, if one was chosen already). */
  ready: Promise<BackendInfo | null> | null;
  /** Tensors alive in the worker (tf.memory()) and runs registered. */
  memory(): Promise<MemoryReport | null>;
  /** Lose the worker's GPU context (the GPU-loss test): the backend's name, or null on a CPU backend. */
  loseGpuContext(): Promise<string | null>;
}

declare global {
  interface Window {
    __localMinimum?: DebugHook;
  }
}

let shared: Promise<TrainerClient> | null = null;

function debugHook(): DebugHook {
  const w = globalThis as unknown as Window;
  w.__localMinimum ??= {
    backend: null,
    ready: null,
    memory: async () => (shared ? (await shared).memory() : null),
    loseGpuContext: async () => (shared ? (await shared).loseGpuContext() : null),
  };
  return w.__localMinimum;
}

/** Every chapter's widgets train or test on MNIST: the worker loads it while it chooses a backend. */
const PREFETCH = [
  { name: 'mnist', split: 'train' },
  { name: 'mnist', split: 'test' },
] as const;

let startWorker: (() => Worker) | null = null;

/**
 * How to start the training worker. The app's page entry calls this once with its worker entry
 * (`new Worker(new URL('./worker.ts', import.meta.url), …)`, which composes the chapters' run kinds),
 * so the runtime never names the app or a chapter.
 */
export function setTrainerWorker(start: () => Worker): void {
  startWorker = start;
}

/** The shared trainer, starting the worker and choosing the backend on first call. */
export function getTrainer(): Promise<TrainerClient> {
  if (shared) return shared;
  if (!startWorker) return Promise.reject(new Error('No training worker: the page entry must call setTrainerWorker first.'));
  const worker = startWorker();
  const remote = wrap<TrainerApi>(worker);
  const hook = debugHook();
  // A worker script that fails to load never answers: turn its error event into a rejection.
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(event.message || t('The training worker failed to start.'))), { once: true });
  });
  const forced = forcedBackend();
  const ready = Promise.race([remote.init({ forced, dataBaseUrl: dataBaseUrl(), prefetch: PREFETCH }), failed]);
  hook.ready = ready;
  const store = indexedDbSnapshots();
  const build = store ? remote.build().catch(() => '') : Promise.resolve('');
  shared = Promise.all([ready, build]).then(
    ([info, build]) => {
      hook.backend = info;
      return new TrainerClient(remote, info, worker, store && build ? { store, build, forced } : null);
    },
    (err: unknown) => {
      // Let a retry start afresh.
      worker.terminate();
      shared = null;
      throw err;
    },
  );
  return shared;
}

/** Starts the worker early (a widget is about to need it) without waiting. */
export function prewarmTrainer(): void {
  getTrainer().catch(() => {
    // the widget that needs it shows the error and offers a retry
  });
}

/**
 * The page's side of the training worker: one shared worker for every widget, started on first
 * use, with a typed wrapper over the comlink proxy (run kinds type configs and metrics).
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { BackendInfo } from './backend-choice';
import { dataBaseUrl, forcedBackend } from './page';
import { t } from '../i18n/t';
import type { MemoryReport, RunKind, RunRef, SampleImages, TrainOptions, TrainReport, TrainerApi, TrainerEvent } from './protocol';

export class TrainerClient {
  /**
   * Fires 'backend-chosen' (the worker chose its tfjs backend, for the first run that needs one) and
   * 'backend-changed' (a lost GPU context made it switch); a CustomEvent whose detail is the TrainerEvent.
   */
  readonly events = new EventTarget();

  constructor(
    private readonly remote: Remote<TrainerApi>,
    private info: BackendInfo | null,
    private readonly worker?: Worker,
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

  async createRun<C extends object, M>(kind: RunKind<C, M>, config: C): Promise<RunRef<C, M>> {
    return { id: await this.remote.createRun(kind.name, config), kind };
  }

  train<C, M>(run: RunRef<C, M>, options?: TrainOptions): Promise<TrainReport> {
    return this.remote.train(run.id, options);
  }

  evaluate<C, M>(run: RunRef<C, M>): Promise<M> {
    return this.remote.evaluate(run.id) as Promise<M>;
  }

  update<C, M>(run: RunRef<C, M>, partial: Partial<C>): Promise<void> {
    return this.remote.update(run.id, partial);
  }

  samples<C, M>(run: RunRef<C, M>, count: number): Promise<SampleImages> {
    return this.remote.samples(run.id, count);
  }

  dispose<C, M>(run: RunRef<C, M>): Promise<void> {
    return this.remote.dispose(run.id);
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
  const ready = Promise.race([remote.init({ forced: forcedBackend(), dataBaseUrl: dataBaseUrl(), prefetch: PREFETCH }), failed]);
  hook.ready = ready;
  shared = ready.then(
    (info) => {
      hook.backend = info;
      return new TrainerClient(remote, info, worker);
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

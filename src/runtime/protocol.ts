/**
 * The typed protocol between the page and the one shared training worker (comlink).
 *
 * Run kinds: each chapter's experiment is a "kind" with a config and a metrics type. A chapter
 * declares its kinds with `runKind<Config, Metrics>('name')` (chapters/<slug>/kinds.ts) and lists
 * them in its manifest; the page's client and the worker share those declarations, and the
 * methods below never change shape. The runtime knows no chapter by name. Type-only imports of the
 * lib: the page never loads lib code through this file.
 */
import type { BackendInfo, BackendName } from './backend-choice';
import type { ByteSource, DatasetName, Split } from '../lib/data';
import type { EngineReport } from '../lib/engine/types';
import type { LiveRun, SampleImages } from '../lib/train/live-run';

export type { SampleImages } from '../lib/train/live-run';

/** A run kind: its name, typed with its config and metrics (the types exist only at compile time). */
export interface RunKind<C, M> {
  readonly name: string;
  /** Never set: carries the config and metrics types. */
  readonly types?: { config: C; metrics: M };
}

/** Declare a run kind (a chapter does, once, in its kinds.ts). */
export function runKind<C extends object, M>(name: string): RunKind<C, M> {
  return { name };
}

export type ConfigOf<K> = K extends RunKind<infer C, unknown> ? C : never;
export type MetricsOf<K> = K extends RunKind<object, infer M> ? M : never;

/** A run in the worker: its id and kind (the kind types the config and metrics on the page). */
export interface RunRef<C = object, M = unknown> {
  id: number;
  kind: RunKind<C, M>;
}

/** How the worker builds a kind's runs: registered by a chapter's manifest, loaded when first asked for. */
export interface RunKindEntry<C = object, M = unknown> {
  kind: RunKind<C, M>;
  /** Config keys that `update` applies mid-run; the page recreates the run for any other change. */
  liveKeys: readonly string[];
  /**
   * false: runs of this kind create no tensors (plain typed-array simulations), so the worker does
   * not choose, and download, a tfjs backend for them. A page whose figures are all such kinds never
   * loads tfjs' WASM (~150 kB gzipped). Default: they need one. A test creates each such run and
   * checks it leaves tf.memory() untouched.
   */
  usesTfjs?: false;
  create(config: C, source: ByteSource): Promise<LiveRun<C, M>>;
}

/** Every run kind the worker can build, by name, each loaded when a page first asks for it. */
export type RunKindRegistry = ReadonlyMap<string, () => Promise<RunKindEntry>>;

/** The registry of kinds given by name with their loaders (the chapters' manifests give these). */
export function lazyRunKinds(loaders: Readonly<Record<string, () => Promise<RunKindEntry>>>): RunKindRegistry {
  return new Map(Object.entries(loaders));
}

/** The registry of kinds already in hand (tests); a kind named twice is an error. */
export function runKindRegistry(entries: readonly RunKindEntry[]): RunKindRegistry {
  const registry = new Map<string, () => Promise<RunKindEntry>>();
  for (const entry of entries) {
    if (registry.has(entry.kind.name)) throw new Error(`Run kind "${entry.kind.name}" is registered twice`);
    registry.set(entry.kind.name, async () => entry);
  }
  return registry;
}

/** A run kind's entry, typed by its kind (checks the create function against the kind's types). */
export function defineRunKind<C, M>(entry: RunKindEntry<C, M>): RunKindEntry {
  return entry as unknown as RunKindEntry;
}

/** The worker refused an update of settings its run cannot take live: the page rebuilds the run instead. */
export const NOT_LIVE_ERROR = 'NotLiveError';

export function notLiveError(kind: string, keys: readonly string[]): Error {
  const err = new Error(`Not live settings of ${kind}: ${keys.join(', ')}; create a new run instead.`);
  err.name = NOT_LIVE_ERROR;
  return err;
}

/** True for notLiveError's error, also after it crossed postMessage (comlink keeps name and message). */
export function isNotLiveError(err: unknown): boolean {
  return err instanceof Error && (err.name === NOT_LIVE_ERROR || err.message.startsWith('Not live settings of '));
}

export interface InitOptions {
  /** `?backend=` from the page URL, already validated; null: choose automatically. */
  forced: BackendName | null;
  /** Absolute URL of the data folder, ending in '/', e.g. https://host/site/data/. */
  dataBaseUrl: string;
  /** Choose the tfjs backend now, not when the first run needs it (a page that shows the backend). */
  chooseBackend?: boolean;
  /** Per-backend initialisation limit (default 5 s). */
  timeoutMs?: number;
  /**
   * Datasets to start loading at once, while the backend is being chosen, so that a widget's first
   * run finds them decoded (loads are memoised per source). A failed prefetch is forgotten and the
   * run that needs the data fetches again and reports the error.
   */
  prefetch?: readonly { name: DatasetName; split: Split }[];
}

export interface TrainOptions {
  /** At most this many steps (default: as many as fit in the budget). */
  steps?: number;
  /** Stop once the run reaches this step (e.g. the next evaluation), whatever the budget. */
  untilStep?: number;
  /** Wall-clock budget of this call in ms (default 40), so pause and settings respond quickly. */
  budgetMs?: number;
}

export interface TrainReport {
  /** The run's step count after this call. */
  step: number;
  /** Minibatch loss of the last step (NaN before the first). */
  loss: number;
  /** The loss became NaN or infinite; the run stays stopped. */
  diverged: boolean;
  /** Steps taken by this call. */
  steps: number;
  /** Smoothed training speed of this run. */
  stepsPerSec: number;
  /** The largest minibatch loss among this call's steps (a spike between two reports). */
  peakLoss?: number;
  /** The training engine this run uses and why (runs on the engine chooser; the badge shows it). */
  engine?: EngineReport;
}

export interface MemoryReport {
  numTensors: number;
  numBytes: number;
  runs: number;
}

/** Pushed from the worker to the page (e.g. a lost GPU context made it switch backend). */
export interface BackendChangedEvent {
  type: 'backend-changed';
  info: BackendInfo;
  /** In English (the worker's words); the page says it again from `lost` and `detail` (contextLostText). */
  why: string;
  /** The backend that lost its context, and the driver's message if any. */
  lost: BackendName;
  detail?: string;
  /** Runs rebuilt on the new backend and replayed (seed, live updates) to the step they had reached. */
  rebuilt: number[];
}
/** The worker chose its tfjs backend, when the first run that needs one was created. */
export interface BackendChosenEvent {
  type: 'backend-chosen';
  info: BackendInfo;
}
export type TrainerEvent = BackendChangedEvent | BackendChosenEvent;

/** What the worker exposes. Every method may be called by several widgets; calls run in order. */
export interface TrainerApi {
  /**
   * Starts the worker's data loading. Resolves with the tfjs backend when one is chosen, or null:
   * the backend is chosen when the first run that needs tfjs is created (or at once with
   * `options.chooseBackend`), and a 'backend-chosen' event follows.
   */
  init(options: InitOptions): Promise<BackendInfo | null>;
  /** Register a listener (a comlink proxy) for worker events. */
  subscribe(listener: (event: TrainerEvent) => void): void;
  createRun(kind: string, config: object): Promise<number>;
  train(runId: number, options?: TrainOptions): Promise<TrainReport>;
  evaluate(runId: number): Promise<unknown>;
  update(runId: number, partial: object): Promise<void>;
  samples(runId: number, count: number): Promise<SampleImages>;
  dispose(runId: number): Promise<void>;
  memory(): Promise<MemoryReport>;
  /** The worker's build, naming the remembered first evaluations (snapshots.ts); '' when it has none (development). */
  build(): Promise<string>;
  /** For the end-to-end tests: lose the GPU context (WebGL) or destroy the device (WebGPU) now; the backend's name, or null on a CPU backend. */
  loseGpuContext(): Promise<string | null>;
}

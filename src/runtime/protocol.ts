/**
 * The typed protocol between the page and the one shared training worker (comlink).
 *
 * Run kinds: each chapter's experiment is a "kind" with a config and a metrics type. Adding one
 * means one entry in `RunKindMap` and one in the worker's registry (run-kinds.ts); the methods
 * below never change shape. Type-only imports: the page never loads lib code through this file.
 */
import type { BackendInfo, BackendName } from './backend-choice';
import type { EngineReport } from './engine-choice';
import type { DatasetName, Split } from '../lib/data';
import type { OverfitConfig, OverfitMetrics } from '../chapters/introduction/runs/overfit';
import type { ForwardForwardLiveConfig, ForwardForwardSnapshot } from '../chapters/feedback-alignment/runs/forward-forward-live';
import type { EqPropLiveConfig, EqPropSnapshot } from '../chapters/feedback-alignment/runs/eqprop-live';
import type { FaCompareConfig, FaCompareMetrics } from '../chapters/feedback-alignment/runs/compare';
import type { LinearTaskConfig, LinearTaskMetrics } from '../chapters/feedback-alignment/runs/linear';
import type { AttackLabConfig, AttackLabSnapshot } from '../chapters/adversarial-attacks/runs/lab-snapshot';
import type { RobustnessSnapshot, RobustnessSweepConfig } from '../chapters/adversarial-attacks/runs/sweep';
import type { ForgettingLiveConfig, ForgettingLiveMetrics } from '../chapters/catastrophic-forgetting/runs/forgetting';

export interface RunKindMap {
  overfit: { config: OverfitConfig; metrics: OverfitMetrics };
  'forward-forward': { config: ForwardForwardLiveConfig; metrics: ForwardForwardSnapshot };
  eqprop: { config: EqPropLiveConfig; metrics: EqPropSnapshot };
  'fa-compare': { config: FaCompareConfig; metrics: FaCompareMetrics };
  'fa-linear': { config: LinearTaskConfig; metrics: LinearTaskMetrics };
  'attack-lab': { config: AttackLabConfig; metrics: AttackLabSnapshot };
  robustness: { config: RobustnessSweepConfig; metrics: RobustnessSnapshot };
  forgetting: { config: ForgettingLiveConfig; metrics: ForgettingLiveMetrics };
}

export type RunKindName = keyof RunKindMap;
export type ConfigOf<K extends RunKindName> = RunKindMap[K]['config'];
export type MetricsOf<K extends RunKindName> = RunKindMap[K]['metrics'];

/** A run in the worker: its id and kind (the kind types the config and metrics on the page). */
export interface RunRef<K extends RunKindName = RunKindName> {
  id: number;
  kind: K;
}

export interface InitOptions {
  /** `?backend=` from the page URL, already validated; null: choose automatically. */
  forced: BackendName | null;
  /** Absolute URL of the data folder, ending in '/', e.g. https://host/site/data/. */
  dataBaseUrl: string;
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

/** A few training images of a run, for a sample strip: grey levels 0..255, image after image. */
export interface SampleImages {
  count: number;
  rows: number;
  cols: number;
  images: Uint8Array;
  labels: Uint8Array;
  classNames: readonly string[];
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
  why: string;
  /** Runs that were rebuilt from their config on the new backend (their progress is lost). */
  rebuilt: number[];
}
export type TrainerEvent = BackendChangedEvent;

/** What the worker exposes. Every method may be called by several widgets; calls run in order. */
export interface TrainerApi {
  init(options: InitOptions): Promise<BackendInfo>;
  /** Register a listener (a comlink proxy) for worker events. */
  subscribe(listener: (event: TrainerEvent) => void): void;
  createRun(kind: RunKindName, config: ConfigOf<RunKindName>): Promise<number>;
  train(runId: number, options?: TrainOptions): Promise<TrainReport>;
  evaluate(runId: number): Promise<MetricsOf<RunKindName>>;
  update(runId: number, partial: Partial<ConfigOf<RunKindName>>): Promise<void>;
  samples(runId: number, count: number): Promise<SampleImages>;
  dispose(runId: number): Promise<void>;
  memory(): Promise<MemoryReport>;
}

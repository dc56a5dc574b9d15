/**
 * The live-run contract: what the training worker needs of any chapter's run, whatever it trains.
 * A chapter's runs implement it (plain-data configs and metrics, so both cross postMessage); the
 * worker (src/runtime/service.ts) trains them in time-boxed chunks, and `npm run reproduce` drives
 * the same runs in Node.
 */
import type { EngineReport } from '../engine/types';

/** `peakLoss`: the largest minibatch loss of the steps taken (default: `loss`, the last one's). */
export type TrainResult = { step: number; loss: number; diverged: boolean; peakLoss?: number };

/** A few training images of a run, for a sample strip: grey levels 0..255, image after image. */
export interface SampleImages {
  count: number;
  rows: number;
  cols: number;
  images: Uint8Array;
  labels: Uint8Array;
  classNames: readonly string[];
}

export interface LiveRun<C, M> {
  readonly step: number;
  /** `steps` more training steps. May resolve later (a GPU engine reads its loss back asynchronously). */
  train(steps: number): TrainResult | Promise<TrainResult>;
  evaluate(): M | Promise<M>;
  /** Apply the run kind's live keys without a reset. */
  update(partial: Partial<C>): void;
  /** The first `count` training examples, in the order the run holds them (for a sample strip). */
  samples?(count: number): Promise<SampleImages>;
  /** The training engine, for runs on the engine chooser. */
  readonly engine?: EngineReport;
  /** Memory held outside tfjs (a typed-array engine's arrays and bytes), for the worker's memory report. */
  memory?(): { arrays: number; bytes: number };
  dispose(): void;
}

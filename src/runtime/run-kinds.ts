/**
 * The worker's registry of run kinds: how to build each chapter's experiment from its config.
 * A new chapter adds its entry here and in protocol.ts's RunKindMap; the protocol stays the same.
 * Worker-only (imports the lib); the page imports protocol.ts's types instead.
 */
import { createRng } from '../lib/random';
import { loadDataset, subsetIndices, type ByteSource } from '../lib/data';
import { LIVE_KEYS as OVERFIT_LIVE_KEYS } from '../chapters/introduction/runs/overfit';
import { EngineOverfitRun } from '../chapters/introduction/runs/overfit-engine';
import type { EngineReport } from './engine-choice';
import { EQPROP_LIVE_KEYS, FA_COMPARE_LIVE_KEYS, FA_LINEAR_LIVE_KEYS, FORWARD_FORWARD_LIVE_KEYS } from '../chapters/feedback-alignment/runs/live-keys';
import { ATTACK_LAB_LIVE_KEYS, ROBUSTNESS_LIVE_KEYS } from '../chapters/adversarial-attacks/runs/live-keys';
import { FORGETTING_LIVE_KEYS } from '../chapters/catastrophic-forgetting/runs/live-keys';
import type { ConfigOf, MetricsOf, RunKindName, SampleImages } from './protocol';

/** `peakLoss`: the largest minibatch loss of the steps taken (default: `loss`, the last one's). */
export type TrainResult = { step: number; loss: number; diverged: boolean; peakLoss?: number };

/** What the worker needs of a run, whatever its kind. */
export interface RunHandle<C, M> {
  readonly step: number;
  /** May resolve later (a GPU engine reads its loss back asynchronously). */
  train(steps: number): TrainResult | Promise<TrainResult>;
  evaluate(): M | Promise<M>;
  update(partial: Partial<C>): void;
  /** The first `count` training examples, in the order the run holds them (for a sample strip). */
  samples?(count: number): Promise<SampleImages>;
  /** The training engine, for runs on the engine chooser (src/runtime/engine). */
  readonly engine?: EngineReport;
  /** Memory held outside tfjs (a typed-array engine's arrays and bytes), for the trainer's memory report. */
  memory?(): { arrays: number; bytes: number };
  dispose(): void;
}

export interface RunKind<C, M> {
  /** Settings that `update` applies mid-run; the page recreates the run for any other change. */
  liveKeys: readonly (keyof C)[];
  create(config: C, source: ByteSource): Promise<RunHandle<C, M>>;
}

/** Every kind by name. Optional so tests may inject only the kinds they fake; `runKinds` below has them all. */
export type RunKindRegistry = { [K in RunKindName]?: RunKind<ConfigOf<K>, MetricsOf<K>> };

export const runKinds = {
  // The adversarial chapter's code loads into the worker only when its page asks for these kinds.
  'attack-lab': {
    liveKeys: ATTACK_LAB_LIVE_KEYS,
    create: async (config, source) => (await import('../chapters/adversarial-attacks/runs/live')).attackLabRun(config, source),
  },
  robustness: {
    liveKeys: ROBUSTNESS_LIVE_KEYS,
    create: async (config, source) => (await import('../chapters/adversarial-attacks/runs/live')).robustnessRun(config, source),
  },
  // The forgetting chapter's code (BNN, EWC, replay) loads into the worker only when its page asks.
  forgetting: {
    liveKeys: FORGETTING_LIVE_KEYS,
    create: async (config, source) => (await import('../chapters/catastrophic-forgetting/runs/forgetting')).ForgettingLiveRun.create(config, source),
  },
  // Every chapter's code loads into the worker only when its page asks for its kinds.
  'forward-forward': {
    liveKeys: FORWARD_FORWARD_LIVE_KEYS,
    create: async (config, source) => (await import('../chapters/feedback-alignment/runs/forward-forward-live')).ForwardForwardLive.create(config, source),
  },
  eqprop: {
    liveKeys: EQPROP_LIVE_KEYS,
    create: async (config, source) => (await import('../chapters/feedback-alignment/runs/eqprop-live')).EqPropLive.create(config, source),
  },
  'fa-compare': {
    liveKeys: FA_COMPARE_LIVE_KEYS,
    create: async (config, source) => (await import('../chapters/feedback-alignment/runs/compare')).FaCompareRun.create(config, source),
  },
  'fa-linear': {
    liveKeys: FA_LINEAR_LIVE_KEYS,
    async create(config) {
      const { LinearTaskRun } = await import('../chapters/feedback-alignment/runs/linear');
      const run = new LinearTaskRun(config);
      return {
        get step() {
          return run.step;
        },
        train: (steps) => run.train(steps),
        evaluate: () => run.evaluate(),
        update: (partial) => run.update(partial),
        dispose: () => run.dispose(),
      };
    },
  },
  overfit: {
    liveKeys: OVERFIT_LIVE_KEYS,
    async create(config, source) {
      const run = await EngineOverfitRun.create(config, source);
      return {
        engine: run.report,
        memory: () => run.memory(),
        get step() {
          return run.step;
        },
        train: (steps) => run.train(steps),
        evaluate: () => run.evaluate(),
        update: (partial) => run.update(partial),
        dispose: () => run.dispose(),
        async samples(count) {
          // The run's training subset, rebuilt with OverfitRun.create's rule (EngineOverfitRun keeps it): the first `trainSize`
          // entries of a permutation drawn from createRng(seed).fork('subset').
          const ds = await loadDataset(config.dataset ?? 'mnist', 'train', source);
          const size = Math.min(config.trainSize, ds.n);
          const picked = subsetIndices(ds.n, size, createRng(config.seed).fork('subset')).subarray(0, Math.min(count, size));
          const pixels = ds.rows * ds.cols;
          const images = new Uint8Array(picked.length * pixels);
          const labels = new Uint8Array(picked.length);
          picked.forEach((idx, i) => {
            images.set(ds.images.subarray(idx * pixels, (idx + 1) * pixels), i * pixels);
            labels[i] = ds.labels[idx];
          });
          return { count: picked.length, rows: ds.rows, cols: ds.cols, images, labels, classNames: ds.classNames };
        },
      };
    },
  },
} satisfies { [K in RunKindName]: RunKind<ConfigOf<K>, MetricsOf<K>> };

/**
 * The worker's registry of run kinds: how to build each chapter's experiment from its config.
 * A new chapter adds its entry here and in protocol.ts's RunKindMap; the protocol stays the same.
 * Worker-only (imports the lib); the page imports protocol.ts's types instead.
 */
import { createRng } from '../lib/random';
import { loadDataset, subsetIndices, type ByteSource } from '../lib/data';
import { OverfitRun, LIVE_KEYS as OVERFIT_LIVE_KEYS } from '../lib/experiments/overfitting';
import type { ConfigOf, MetricsOf, RunKindName, SampleImages } from './protocol';

/** What the worker needs of a run, whatever its kind. */
export interface RunHandle<C, M> {
  readonly step: number;
  train(steps: number): { step: number; loss: number; diverged: boolean };
  evaluate(): M;
  update(partial: Partial<C>): void;
  /** The first `count` training examples, in the order the run holds them (for a sample strip). */
  samples?(count: number): Promise<SampleImages>;
  dispose(): void;
}

export interface RunKind<C, M> {
  /** Settings that `update` applies mid-run; the page recreates the run for any other change. */
  liveKeys: readonly (keyof C)[];
  create(config: C, source: ByteSource): Promise<RunHandle<C, M>>;
}

export type RunKindRegistry = { [K in RunKindName]: RunKind<ConfigOf<K>, MetricsOf<K>> };

export const runKinds: RunKindRegistry = {
  overfit: {
    liveKeys: OVERFIT_LIVE_KEYS,
    async create(config, source) {
      const run = await OverfitRun.create(config, source);
      return {
        get step() {
          return run.step;
        },
        train: (steps) => run.train(steps),
        evaluate: () => run.evaluate(),
        update: (partial) => run.update(partial),
        dispose: () => run.dispose(),
        async samples(count) {
          // The run's training subset, rebuilt with OverfitRun.create's rule: the first `trainSize`
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
};

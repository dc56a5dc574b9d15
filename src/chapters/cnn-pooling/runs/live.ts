/**
 * The chapter's runs as the worker holds them (the live-run contract, src/lib/train/live-run.ts):
 * each config carries the absolute URL of the shipped weights' folder (the worker reads them from
 * there), and the shift probe also lends its gallery of test digits as the run's samples.
 */
import { CLASS_NAMES, fetchSource, type ByteSource } from '../../../lib/data';
import type { LiveRun } from '../../../lib/train/live-run';
import { SIDE } from '../data';
import { EquivarianceRun, type EquivarianceConfig, type EquivarianceMetrics } from './equivariance';
import { PicassoRun, type PicassoConfig, type PicassoMetrics } from './picasso';
import { ShiftProbeRun, type ShiftProbeConfig, type ShiftProbeMetrics } from './shift-probe';

/** A run's config as the page sends it: where the shipped weights are, absolute, ending in '/'. */
export type Live<C> = C & { modelsUrl: string };

interface Run<C, M> {
  readonly step: number;
  train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }>;
  evaluate(): M | Promise<M>;
  update(partial: Partial<C>): void;
  memory(): { arrays: number; bytes: number };
  dispose(): void;
}

function live<C, M>(run: Run<C, M>): LiveRun<Live<C>, M> {
  return {
    get step() {
      return run.step;
    },
    train: (steps) => run.train(steps),
    evaluate: () => run.evaluate(),
    update: (partial) => run.update(partial),
    memory: () => run.memory(),
    dispose: () => run.dispose(),
  };
}

export async function shiftProbeRun(config: Live<ShiftProbeConfig>, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<LiveRun<Live<ShiftProbeConfig>, ShiftProbeMetrics>> {
  const run = await ShiftProbeRun.create(config, data, models);
  return {
    ...live(run),
    get step() {
      return run.step;
    },
    async samples() {
      const { images, labels } = run.galleryImages();
      return { count: labels.length, rows: SIDE, cols: SIDE, images, labels, classNames: CLASS_NAMES.mnist };
    },
  };
}

export async function equivarianceRun(config: Live<EquivarianceConfig>, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<LiveRun<Live<EquivarianceConfig>, EquivarianceMetrics>> {
  return live(await EquivarianceRun.create(config, data, models));
}

export async function picassoRun(config: Live<PicassoConfig>, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<LiveRun<Live<PicassoConfig>, PicassoMetrics>> {
  return live(await PicassoRun.create(config, data, models));
}

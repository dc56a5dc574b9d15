/**
 * The Introduction's experiment: a one-hidden-layer MLP trained on n real MNIST digits, train vs
 * test accuracy as n shrinks. With few examples the network memorises them (train → 100%) while test
 * accuracy stalls: the generalisation gap. One run drives the live widget (in the training worker, on
 * the engine the chooser measured fastest) and `npm run reproduce -- overfitting` (in Node, on the lib
 * on tfjs): the engine is injected.
 *
 * Data: a seeded subset of the shipped training digits (`createRng(seed).fork('subset')`; subsets
 * nest as n grows), the first 2,000 of it for the train score, and a fixed test subset (seed 0) so
 * every run is scored on the same digits. Batches are gathered straight from the dataset's bytes into
 * one reused Float32Array; a GPU engine reads the loss back only on the last step of each call (a NaN
 * there still reveals divergence).
 */
import { createRng } from '../../../lib/random';
import { BatchSampler, loadDataset, subsetIndices, type ByteSource, type DatasetName, type ImageDataset } from '../../../lib/data';
import { createEngine } from '../../../lib/engine';
import type { Batch, ChooseEngine, Engine, EngineReport, ModelSpec } from '../../../lib/engine/types';
import type { Activation } from '../../../lib/nets/activations';
import type { OptimizerKind } from '../../../lib/rules/update';
import type { SampleImages, TrainResult } from '../../../lib/train/live-run';

export interface OverfitConfig {
  /** Training examples (a seeded subset of the shipped 12,000; subsets nest as n grows). */
  trainSize: number;
  hidden: number;
  activation: Exclude<Activation, 'linear'>;
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  seed: number;
  dataset?: DatasetName;
  /** Test examples scored at each evaluation (a fixed subset of the 10k test set). Default 2000. */
  testSize?: number;
}

export interface OverfitMetrics {
  step: number;
  /** Passes over the training subset so far (fractional). */
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  diverged: boolean;
}

/** The Introduction's standard setting (also the widget's defaults). */
export const OVERFIT_DEFAULTS: Omit<OverfitConfig, 'trainSize'> = {
  hidden: 256,
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 1e-3,
  batchSize: 64,
  seed: 1,
};

/** At most this many training examples are scored at each evaluation (a fixed prefix of the subset). */
const TRAIN_EVAL_CAP = 2000;
/** The test subset does not depend on the run's seed: every run is scored on the same digits. */
const TEST_SUBSET_SEED = 0;
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Rows `indices` of a dataset as floats in [0, 1] (into `out` when given) and their labels. */
export function gather(ds: ImageDataset, indices: ArrayLike<number>, out?: Batch): Batch {
  const d = ds.rows * ds.cols;
  const n = indices.length;
  const x = out && out.x.length >= n * d ? out.x : new Float32Array(n * d);
  const labels = out && (out.labels as Uint8Array).length >= n ? (out.labels as Uint8Array) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const src = indices[i] * d;
    const dst = i * d;
    for (let j = 0; j < d; j++) x[dst + j] = UNIT[ds.images[src + j]];
    labels[i] = ds.labels[indices[i]];
  }
  return { x, labels, n };
}

export class OverfitRun {
  private diverged = false;
  private lastLoss = NaN;
  private steps = 0;
  private batch: Batch | undefined;

  private constructor(
    readonly config: OverfitConfig,
    private readonly trainer: Engine,
    /** The engine this run trains on and why (the page's badge shows it). */
    readonly engine: EngineReport,
    private readonly trainSet: ImageDataset,
    private readonly subset: Int32Array,
    private readonly trainEval: Batch,
    private readonly test: Batch,
    private readonly sampler: BatchSampler,
  ) {}

  /** A run on the engine `choose` picks (the worker measures; `npm run reproduce` fixes the lib on tfjs). */
  static async create(config: OverfitConfig, source: ByteSource, choose: ChooseEngine): Promise<OverfitRun> {
    const dataset = config.dataset ?? 'mnist';
    const [trainSet, testSet] = await Promise.all([loadDataset(dataset, 'train', source), loadDataset(dataset, 'test', source)]);
    const rng = createRng(config.seed);
    const trainSize = Math.min(config.trainSize, trainSet.n);
    const subset = subsetIndices(trainSet.n, trainSize, rng.fork('subset'));
    const testIdx = subsetIndices(testSet.n, Math.min(config.testSize ?? 2000, testSet.n), createRng(TEST_SUBSET_SEED));
    const trainEval = gather(trainSet, subset.subarray(0, Math.min(TRAIN_EVAL_CAP, trainSize)));
    const test = gather(testSet, testIdx);
    const model: ModelSpec = { kind: 'mlp', sizes: [trainSet.rows * trainSet.cols, config.hidden, trainSet.classNames.length], activation: config.activation };
    const settings = { optimizer: config.optimizer, learningRate: config.learningRate };
    // Calibration batches: consecutive slices of the subset (the run's own sampler is untouched).
    const calibrationBatch = (i: number) => {
      const start = (i * config.batchSize) % Math.max(1, trainSize - config.batchSize + 1);
      return gather(trainSet, subset.subarray(start, Math.min(trainSize, start + config.batchSize)));
    };
    const report = await choose(model, config.batchSize, settings, calibrationBatch);
    const engine = createEngine(report.name, model, createRng(config.seed).fork('init'), settings);
    const positions = Int32Array.from({ length: trainSize }, (_, i) => i);
    const sampler = new BatchSampler(positions, config.batchSize, rng.fork('batches'));
    return new OverfitRun({ ...config, trainSize }, engine, report, trainSet, subset, trainEval, test, sampler);
  }

  get step(): number {
    return this.steps;
  }

  get isDiverged(): boolean {
    return this.diverged;
  }

  /**
   * Run up to `steps` minibatch updates; stops early (and stays stopped) once the loss is not
   * finite. A CPU engine reads every step's loss (it has it anyway); a GPU engine only the last one,
   * asynchronously — a NaN there still shows, since NaN weights keep the loss NaN.
   */
  async train(steps: number): Promise<TrainResult> {
    const readEvery = !this.engine.onGpu;
    let taken = 0;
    let peakLoss = -Infinity;
    for (let i = 0; i < steps && !this.diverged; i++) {
      const positions = this.sampler.next();
      const indices = new Int32Array(positions.length);
      for (let j = 0; j < positions.length; j++) indices[j] = this.subset[positions[j]];
      this.batch = gather(this.trainSet, indices, this.batch);
      const result = this.trainer.step(this.batch, readEvery);
      this.steps += 1;
      taken += 1;
      if (readEvery) {
        this.noteLoss(result.loss);
        if (result.loss > peakLoss) peakLoss = result.loss;
      }
    }
    if (!readEvery && taken > 0) {
      this.noteLoss((await this.trainer.lastStep()).loss);
      if (this.lastLoss > peakLoss) peakLoss = this.lastLoss;
    }
    return { step: this.steps, loss: this.lastLoss, diverged: this.diverged, ...(peakLoss > -Infinity ? { peakLoss } : {}) };
  }

  async evaluate(): Promise<OverfitMetrics> {
    const train = await this.trainer.evaluate(this.trainEval.x, this.trainEval.labels, this.trainEval.n);
    const test = await this.trainer.evaluate(this.test.x, this.test.labels, this.test.n);
    this.diverged = this.diverged || !Number.isFinite(train.loss) || !Number.isFinite(test.loss);
    return {
      step: this.steps,
      epoch: this.sampler.progress,
      trainLoss: train.loss,
      trainAccuracy: train.accuracy,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      diverged: this.diverged,
    };
  }

  /** Live settings without resetting the network: learning rate and optimizer to the engine, batch size to the sampler. */
  update(partial: Partial<OverfitConfig>): void {
    const { learningRate, optimizer, batchSize } = partial;
    if (learningRate !== undefined) this.trainer.setLearningRate((this.config.learningRate = learningRate));
    if (optimizer !== undefined) this.trainer.setOptimizer((this.config.optimizer = optimizer));
    if (batchSize !== undefined) this.sampler.setBatchSize((this.config.batchSize = batchSize));
  }

  /** The first `count` digits of the training subset, in the run's order (the figure's sample strip). */
  async samples(count: number): Promise<SampleImages> {
    const ds = this.trainSet;
    const picked = this.subset.subarray(0, Math.min(count, this.subset.length));
    const pixels = ds.rows * ds.cols;
    const images = new Uint8Array(picked.length * pixels);
    const labels = new Uint8Array(picked.length);
    picked.forEach((idx, i) => {
      images.set(ds.images.subarray(idx * pixels, (idx + 1) * pixels), i * pixels);
      labels[i] = ds.labels[idx];
    });
    return { count: picked.length, rows: ds.rows, cols: ds.cols, images, labels, classNames: ds.classNames };
  }

  /** What the engine holds outside tfjs (see Engine.memory). */
  memory(): { arrays: number; bytes: number } {
    return this.trainer.memory();
  }

  dispose(): void {
    this.trainer.dispose();
  }

  private noteLoss(loss: number): void {
    this.lastLoss = loss;
    this.diverged = !Number.isFinite(loss);
  }
}

export interface OverfitRow {
  trainSize: number;
  steps: number;
  trainAccuracy: number;
  testAccuracy: number;
  gap: number;
}

/** The reproduce table: for each training-set size, train `steps` steps and score train and test. */
export async function overfittingTable(base: Omit<OverfitConfig, 'trainSize'>, sizes: number[], steps: number, source: ByteSource, choose: ChooseEngine): Promise<OverfitRow[]> {
  const rows: OverfitRow[] = [];
  for (const trainSize of sizes) {
    const run = await OverfitRun.create({ ...base, trainSize }, source, choose);
    await run.train(steps);
    const m = await run.evaluate();
    run.dispose();
    rows.push({ trainSize, steps, trainAccuracy: m.trainAccuracy, testAccuracy: m.testAccuracy, gap: m.trainAccuracy - m.testAccuracy });
  }
  return rows;
}

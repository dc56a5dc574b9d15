/**
 * The Introduction's experiment: a one-hidden-layer MLP trained on n real MNIST digits, train vs
 * test accuracy as n shrinks. With few examples the network memorises them (train → 100%) while test
 * accuracy stalls: the generalisation gap. The same class drives the live widget (in the training
 * worker) and `npm run reproduce -- overfitting` (in Node).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { BatchSampler, loadDataset, subsetIndices, toTensors, type ByteSource, type DatasetName } from '../../../lib/data';
import type { Activation } from '../../../lib/nets/activations';
import type { OptimizerKind } from '../../../lib/rules/update';
import { Trainer } from '../../../lib/train/trainer';

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

/** Settings that apply mid-run; changing any other one means a new run. */
export const LIVE_KEYS: readonly (keyof OverfitConfig)[] = ['learningRate', 'optimizer', 'batchSize'];

/** At most this many training examples are scored at each evaluation (a fixed prefix of the subset). */
const TRAIN_EVAL_CAP = 2000;
/** The test subset does not depend on the run's seed: every run is scored on the same digits. */
const TEST_SUBSET_SEED = 0;

interface Split2D {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

export class OverfitRun {
  private diverged = false;
  private lastLoss = NaN;

  private constructor(
    readonly config: OverfitConfig,
    private readonly trainer: Trainer,
    private readonly trainData: Split2D,
    private readonly trainEval: Split2D,
    private readonly test: Split2D,
    private readonly sampler: BatchSampler,
  ) {}

  static async create(config: OverfitConfig, source: ByteSource): Promise<OverfitRun> {
    const dataset = config.dataset ?? 'mnist';
    const [trainSet, testSet] = await Promise.all([loadDataset(dataset, 'train', source), loadDataset(dataset, 'test', source)]);
    const rng = createRng(config.seed);
    const trainSize = Math.min(config.trainSize, trainSet.n);
    const subset = subsetIndices(trainSet.n, trainSize, rng.fork('subset'));
    const testIdx = subsetIndices(testSet.n, Math.min(config.testSize ?? 2000, testSet.n), createRng(TEST_SUBSET_SEED));
    const train = toTensors(trainSet, subset);
    const trainEval = toTensors(trainSet, subset.subarray(0, Math.min(TRAIN_EVAL_CAP, trainSize)));
    const test = toTensors(testSet, testIdx);
    const trainer = new Trainer({
      spec: { sizes: [trainSet.rows * trainSet.cols, config.hidden, trainSet.classNames.length], activation: config.activation, init: 'uniform' },
      rule: 'backprop',
      optimizer: config.optimizer,
      learningRate: config.learningRate,
      seed: config.seed,
    });
    const positions = Int32Array.from({ length: trainSize }, (_, i) => i);
    const sampler = new BatchSampler(positions, config.batchSize, rng.fork('batches'));
    return new OverfitRun({ ...config, trainSize }, trainer, train, trainEval, test, sampler);
  }

  get step(): number {
    return this.trainer.steps;
  }

  get isDiverged(): boolean {
    return this.diverged;
  }

  /** Run up to `steps` minibatch updates; stops early (and stays stopped) once the loss is not finite. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    for (let i = 0; i < steps && !this.diverged; i++) {
      const positions = this.sampler.next();
      const [xb, yb] = tf.tidy(() => {
        const idx = tf.tensor1d(positions, 'int32');
        return [tf.gather(this.trainData.x, idx), tf.gather(this.trainData.y, idx)] as [tf.Tensor2D, tf.Tensor2D];
      });
      const result = this.trainer.step(xb, yb);
      tf.dispose([xb, yb]);
      this.lastLoss = result.loss;
      this.diverged = result.diverged;
    }
    return { step: this.step, loss: this.lastLoss, diverged: this.diverged };
  }

  evaluate(): OverfitMetrics {
    const tr = this.trainer.evaluate(this.trainEval.x, this.trainEval.y);
    const te = this.trainer.evaluate(this.test.x, this.test.y);
    const metrics = overfitMetrics(this.step, this.sampler.progress, tr, te, this.diverged);
    this.diverged = metrics.diverged;
    return metrics;
  }

  /** Apply live settings (learning rate, optimizer, batch size) without resetting the network. */
  update(partial: Partial<OverfitConfig>): void {
    applyLiveSettings(partial, this.config, this.trainer, this.sampler);
  }

  dispose(): void {
    this.trainer.dispose();
    tf.dispose([this.trainData.x, this.trainData.y, this.trainEval.x, this.trainEval.y, this.test.x, this.test.y]);
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
export async function overfittingTable(
  base: Omit<OverfitConfig, 'trainSize'>,
  sizes: number[],
  steps: number,
  source: ByteSource,
): Promise<OverfitRow[]> {
  const rows: OverfitRow[] = [];
  for (const trainSize of sizes) {
    const run = await OverfitRun.create({ ...base, trainSize }, source);
    run.train(steps);
    const m = run.evaluate();
    run.dispose();
    rows.push({ trainSize, steps, trainAccuracy: m.trainAccuracy, testAccuracy: m.testAccuracy, gap: m.trainAccuracy - m.testAccuracy });
  }
  return rows;
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

/** The metrics every overfit run reports (lib and engine alike); a non-finite loss marks the run diverged. */
export function overfitMetrics(
  step: number,
  epoch: number,
  train: { loss: number; accuracy: number },
  test: { loss: number; accuracy: number },
  diverged: boolean,
): OverfitMetrics {
  return {
    step,
    epoch,
    trainLoss: train.loss,
    trainAccuracy: train.accuracy,
    testLoss: test.loss,
    testAccuracy: test.accuracy,
    diverged: diverged || !Number.isFinite(train.loss) || !Number.isFinite(test.loss),
  };
}

/** Live settings for every overfit run: learning rate and optimizer go to the trainer, batch size to the sampler, and `config` keeps them. */
export function applyLiveSettings(
  partial: Partial<OverfitConfig>,
  config: OverfitConfig,
  trainer: { setLearningRate(learningRate: number): void; setOptimizer(kind: OptimizerKind): void },
  sampler: { setBatchSize(batchSize: number): void },
): void {
  if (partial.learningRate !== undefined) trainer.setLearningRate(partial.learningRate);
  if (partial.optimizer !== undefined) trainer.setOptimizer(partial.optimizer);
  if (partial.batchSize !== undefined) sampler.setBatchSize(partial.batchSize);
  Object.assign(config, Object.fromEntries(Object.entries(partial).filter(([k]) => LIVE_KEYS.includes(k as keyof OverfitConfig))));
}

/**
 * The Adversarial-attacks chapter's models and how they are trained: softmax regression, the MLP
 * 784-256-256-10 and a small CNN, each with Adam on the shipped MNIST training subset, optionally
 * with adversarial training (FGSM or PGD, src/lib/attacks/adversarial-training.ts). The same code
 * trains the shipped weights (scripts/train-models.ts), `npm run reproduce` and a live widget.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../../lib/random';
import { BatchSampler, loadDataset, subsetIndices, toTensors, type ByteSource } from '../../../lib/data';
import { createUpdateRule, type UpdateRule } from '../../../lib/rules/update';
import { adversarialLossAndGradients, DEFENCE_DEFAULTS, type Defence } from '../../../lib/attacks/adversarial-training';
import { createClassifier, defaultArchitecture, type Classifier, type ModelKind } from '../../../lib/classifiers/classifier';
import { loadPretrained } from '../../../lib/classifiers/pretrained';

export interface TrainModelOptions {
  seed: number;
  epochs: number;
  batchSize: number;
  /** Adam's step size. */
  learningRate: number;
  /** Training digits: a seeded subset of the shipped 12,000 (default: all of them). */
  trainSize?: number;
  /** Adversarial training; none by default. */
  defence?: Defence;
  /** Stop after this many steps instead of `epochs` (tests, quick runs). */
  steps?: number;
}

/** The shipped models, each a kind and its training recipe (science.md: Adam 1e-3, 5 epochs). */
export type PretrainedName = 'softmax' | 'mlp' | 'mlp-fgsm' | 'mlp-pgd' | 'cnn';

export const RECIPES: Record<PretrainedName, { kind: ModelKind; options: TrainModelOptions; about: string }> = {
  softmax: { kind: 'softmax', options: { seed: 1, epochs: 5, batchSize: 64, learningRate: 1e-3 }, about: 'softmax regression 784→10' },
  mlp: { kind: 'mlp', options: { seed: 1, epochs: 5, batchSize: 64, learningRate: 1e-3 }, about: 'MLP 784-256-256-10 ReLU' },
  'mlp-fgsm': {
    kind: 'mlp',
    options: { seed: 1, epochs: 5, batchSize: 64, learningRate: 1e-3, defence: DEFENCE_DEFAULTS.fgsm },
    about: 'MLP, FGSM adversarial training (ε 0.25, α 0.5)',
  },
  'mlp-pgd': {
    kind: 'mlp',
    options: { seed: 1, epochs: 5, batchSize: 64, learningRate: 1e-3, defence: DEFENCE_DEFAULTS.pgd },
    about: 'MLP, PGD adversarial training (ε 0.1, 10 steps of 0.025, α 0)',
  },
  cnn: { kind: 'cnn', options: { seed: 1, epochs: 5, batchSize: 64, learningRate: 3e-3 }, about: 'CNN conv 8@5×5, pool, conv 16@5×5, pool, dense 10' },
};

export const PRETRAINED_NAMES = Object.keys(RECIPES) as PretrainedName[];

/** A model being trained: owns its model, optimizer and data until release() or dispose(). */
export class ModelTraining {
  steps = 0;
  lastLoss = NaN;
  private model: Classifier | null;

  private constructor(
    readonly kind: ModelKind,
    readonly options: TrainModelOptions,
    model: Classifier,
    private readonly optimizer: UpdateRule,
    private readonly data: { x: tf.Tensor2D; y: tf.Tensor2D },
    private readonly sampler: BatchSampler,
    private readonly attackRng: Rng,
  ) {
    this.model = model;
  }

  static async create(kind: ModelKind, options: TrainModelOptions, source: ByteSource): Promise<ModelTraining> {
    const train = await loadDataset('mnist', 'train', source);
    const rng = createRng(options.seed);
    const size = Math.min(options.trainSize ?? train.n, train.n);
    const subset = size === train.n ? Int32Array.from({ length: size }, (_, i) => i) : subsetIndices(train.n, size, rng.fork('subset'));
    const model = createClassifier(defaultArchitecture(kind), rng.fork('init'));
    const data = toTensors(train, subset);
    const positions = Int32Array.from({ length: size }, (_, i) => i);
    const sampler = new BatchSampler(positions, options.batchSize, rng.fork('batches'));
    return new ModelTraining(kind, options, model, createUpdateRule('adam', options.learningRate), data, sampler, rng.fork('attack'));
  }

  /** Steps the recipe asks for: `steps`, or `epochs` passes over the subset. */
  get totalSteps(): number {
    return this.options.steps ?? this.options.epochs * Math.ceil(this.sampler.poolSize / this.options.batchSize);
  }

  get epoch(): number {
    return this.sampler.progress;
  }

  get current(): Classifier {
    if (!this.model) throw new Error('ModelTraining: the model was released or disposed');
    return this.model;
  }

  /** Up to `count` Adam steps (clean or adversarial). Returns the last batch loss. */
  train(count: number): number {
    const model = this.current;
    for (let i = 0; i < count; i++) {
      const positions = this.sampler.next();
      const lossT = tf.tidy(() => {
        const idx = tf.tensor1d(positions, 'int32');
        const x = tf.gather(this.data.x, idx) as tf.Tensor2D;
        const y = tf.gather(this.data.y, idx) as tf.Tensor2D;
        const { defence } = this.options;
        const { loss, grads } = defence ? adversarialLossAndGradients(model, x, y, defence, this.attackRng) : model.lossAndGradients(x, y);
        this.optimizer.apply(model.parameters(), grads);
        return loss;
      });
      this.lastLoss = lossT.dataSync()[0];
      lossT.dispose();
      this.steps += 1;
    }
    return this.lastLoss;
  }

  /** Hand the trained model over: the caller owns it; the training's other tensors are freed. */
  release(): Classifier {
    const model = this.current;
    this.model = null;
    this.dispose();
    return model;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
    this.optimizer.dispose();
    tf.dispose([this.data.x, this.data.y]);
  }
}

export interface TrainedModel {
  model: Classifier;
  steps: number;
  finalLoss: number;
  seconds: number;
}

/** Train one model from scratch with Adam (and optionally adversarial training). The caller owns the model. */
export async function trainModel(kind: ModelKind, options: TrainModelOptions, source: ByteSource): Promise<TrainedModel> {
  const t0 = performance.now();
  const run = await ModelTraining.create(kind, options, source);
  const finalLoss = run.train(run.totalSteps);
  const steps = run.steps;
  return { model: run.release(), steps, finalLoss, seconds: (performance.now() - t0) / 1000 };
}

/** The first `size` digits of a fixed (seed 0) permutation of the 10,000 test digits. Caller disposes. */
export async function loadTestSet(source: ByteSource, size = 10_000): Promise<{ x: tf.Tensor2D; y: tf.Tensor2D; labels: Uint8Array }> {
  const test = await loadDataset('mnist', 'test', source);
  const idx = size >= test.n ? Int32Array.from({ length: test.n }, (_, i) => i) : subsetIndices(test.n, size, createRng(0));
  return { ...toTensors(test, idx), labels: Uint8Array.from(idx, (i) => test.labels[i]) };
}

export interface ModelChoice {
  /** Load the shipped weights instead of training. */
  pretrained: boolean;
  /** Overrides the recipe's seed (training only). */
  seed?: number;
  /** Overrides the recipe's length (training only). */
  steps?: number;
}

/**
 * A chapter model by name: the shipped weights (from `models`, a ByteSource rooted at public/models)
 * or trained afresh from its recipe (on `data`). The caller owns the model.
 */
export async function obtainModel(name: PretrainedName, choice: ModelChoice, data: ByteSource, models: ByteSource): Promise<{ model: Classifier; origin: string }> {
  if (choice.pretrained) {
    const { model, manifest } = await loadPretrained(name, models);
    return { model, origin: `shipped weights public/models/${manifest.file} (${manifest.dtype})` };
  }
  const recipe = RECIPES[name];
  const options = { ...recipe.options, ...(choice.seed !== undefined && { seed: choice.seed }), ...(choice.steps !== undefined && { steps: choice.steps }) };
  const trained = await trainModel(recipe.kind, options, data);
  return { model: trained.model, origin: `trained from seed ${options.seed}: ${trained.steps} steps in ${trained.seconds.toFixed(0)} s` };
}

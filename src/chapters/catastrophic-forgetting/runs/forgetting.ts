/**
 * The Catastrophic-forgetting chapter's experiment: learn task A, then B, then C… and score every
 * task after each. Several methods (plain, replay, EWC, L2 anchor, metaplastic BNN with any m) run side
 * by side from ONE seed: within a family (MLP or BNN) they start bit-identical, and every learner
 * gets the same minibatch of the current task at every step (built once from the shared sampler);
 * replay adds its own remembered examples on top. The same class drives the live widget (in the
 * training worker) and `npm run reproduce -- permuted-mlp | metaplastic-bnn | mnist-to-fashion`.
 *
 * Lifecycle: create → train(steps) / evaluateAll() … → nextTask() → train … → dispose().
 * The MLP methods' Adam moment estimates carry over from task to task; the metaplastic BNNs restart
 * Adam at each task, as the paper's code does (`bnnFreshAdamPerTask`). BN running statistics carry over
 * (the per-task BN copies are saved by the BNN learner at each nextTask()).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { BatchSampler, type ByteSource } from '../../../lib/data';
import { loadTaskStream, makeTaskStream, taskTensors, taskTestTensors, type TaskStream, type TaskStreamKind } from '../../../lib/data/tasks';
import { createLearner, type ContinualLearner, type MethodLive, type MethodSpec } from '../../../lib/continual/learners';
import { EngineBnnLearner } from '../../../lib/continual/engine-bnn-learner';
import { wasmSimdAvailable } from '../../../lib/engine';

export interface ForgettingConfig {
  stream: TaskStreamKind;
  /** Permuted MNIST: number of tasks (default 5). */
  numTasks?: number;
  /** Permuted MNIST: permute task 1 too (default false: task 1 is plain MNIST). */
  permuteFirst?: boolean;
  methods: MethodSpec[];
  /** MLP hidden widths, ReLU (default [256, 256]: 784-256-256-10). */
  mlpHidden?: number[];
  /** BNN hidden widths (default [512, 512]: 784-512-512-10). */
  bnnHidden?: number[];
  /**
   * BNN hidden weights start U(±bnnInitScale) (default DEFAULT_BNN_INIT_SCALE). f_meta acts on m·|W_h|,
   * so the scale of W_h sets what a given m means. A large scale consolidates synapses before they
   * have learnt anything (at U(±0.3) and m = 8 half the weights start with f_meta < 0.3), chosen by
   * chance rather than by importance: it costs the newest task its plasticity.
   */
  bnnInitScale?: number;
  /** BN γ at start (default 'uniform', U(0, 1): PyTorch 1.1's default, which the paper's code ran on). */
  bnnGammaInit?: 'ones' | 'uniform';
  /**
   * Which BN statistics score a BNN (see BnnSpec.evalStatistics): 'batch' (default) normalises each
   * chunk of 1,000 test images by its own statistics, as the paper's code does (track_running_stats =
   * False); 'running' uses the running statistics saved with each task's BN.
   */
  bnnEvalStatistics?: 'running' | 'batch';
  /**
   * Restart each metaplastic BNN's Adam (fresh moments, bias correction from step 1) at every task, as
   * the paper's code does (it builds a new optimizer per task). Default true; a method's own
   * `resetOptimizer` wins. MLP methods keep their Adam state across tasks.
   */
  bnnFreshAdamPerTask?: boolean;
  /**
   * What trains the metaplastic BNNs: 'tfjs' (default: the lib, nets/bnn.ts, on the active tfjs
   * backend) or a typed engine, 'wasm-simd' or 'js' (engine/bnn.ts: the same maths, ~4–6× faster
   * than the lib on tfjs-wasm; continual/engine-bnn-learner.ts). 'auto': wasm-simd where WebAssembly
   * SIMD runs, else the lib — the bench measured wasm-simd 6.4× the lib on tfjs-wasm at 784-512-512-10,
   * and the typed JS engine is no candidate for the BNN (the engine chooser's rule, choice.ts).
   */
  bnnEngine?: 'tfjs' | 'js' | 'wasm-simd' | 'auto';
  /** Adam learning rates by family (defaults 1e-3 MLP, 5e-3 BNN; a method's own wins). */
  mlpLearningRate?: number;
  bnnLearningRate?: number;
  batchSize: number;
  seed: number;
  /** Training images per task (default 8,000 of the shipped 12,000). */
  trainSize?: number;
  /** Test images scored per task (default 2,000). */
  testSize?: number;
}

/**
 * U(±0.05) for the BNN hidden weights, the paper's code's default (--init-width 0.1, uniform in
 * ±width/2). Was 0.3, which pre-consolidated random synapses and cost the newest task its plasticity.
 * Our runs (seed 1, 5 permuted-MNIST tasks of 400 steps, m = 8, task 1 / newest after 5, 2,000 test digits
 * scored with BN's running statistics): with fresh Adam
 * and γ ~ U(0, 1), U(±0.05) 66.1% / 89.8%, U(±0.1) 73.3% / 89.0%; with γ ~ U(0, 1) and Adam carried over,
 * U(±0.05) 66.6% / 87.9%, U(±0.3) 80.6% / 78.7%; with fresh Adam and γ = 1, U(±0.3) 66.5% / 82.5%.
 */
export const DEFAULT_BNN_INIT_SCALE = 0.05;

export interface ForgettingMetrics {
  /** Steps taken in total and in the current task. */
  step: number;
  taskStep: number;
  /** Index of the task being learnt. */
  task: number;
  /** Passes over the current task's training images (fractional). */
  epoch: number;
  /** Method labels, in config order. */
  methods: string[];
  /** Task names, in stream order. */
  tasks: string[];
  /** accuracy[method][task] in [0, 1], every task of the stream (tasks not yet met score near chance). */
  accuracy: number[][];
  diverged: boolean[];
}

/** Settings that apply mid-run. `methods[i]` changes method i (λ, m, learning rate, replay batch). */
export interface ForgettingLive {
  batchSize?: number;
  methods?: (MethodLive | undefined)[];
}

export class ForgettingRun {
  private readonly learners: ContinualLearner[];
  private readonly tests: { x: tf.Tensor2D; y: tf.Tensor2D }[];
  private sampler: BatchSampler;
  private current = 0;
  private steps = 0;
  private taskSteps = 0;
  private readonly diverged: boolean[];

  /** Build from an already loaded stream (the run does not own the stream: it holds no tensors). */
  constructor(
    readonly config: ForgettingConfig,
    readonly stream: TaskStream,
  ) {
    const root = createRng(config.seed);
    const initSeed = root.fork('init').int(2 ** 31);
    const mlp = { sizes: [stream.inputSize, ...(config.mlpHidden ?? [256, 256]), stream.numClasses], activation: 'relu' as const, init: 'uniform' as const };
    const bnn = {
      sizes: [stream.inputSize, ...(config.bnnHidden ?? [512, 512]), stream.numClasses],
      initScale: config.bnnInitScale ?? DEFAULT_BNN_INIT_SCALE,
      gammaInit: config.bnnGammaInit ?? 'uniform',
      evalStatistics: config.bnnEvalStatistics ?? 'batch',
    };
    const freshAdam = config.bnnFreshAdamPerTask ?? true;
    this.learners = config.methods.map((spec, i) => {
      const ctx = {
        stream,
        mlp,
        bnn,
        mlpLearningRate: config.mlpLearningRate ?? 1e-3,
        bnnLearningRate: config.bnnLearningRate ?? 5e-3,
        batchSize: config.batchSize,
        initSeed,
        rng: root.fork(`method-${i}`),
      };
      if (spec.kind !== 'metaplastic') return createLearner(spec, ctx);
      const own = { resetOptimizer: freshAdam, ...spec };
      const wanted = config.bnnEngine ?? 'tfjs';
      const engine = wanted === 'auto' ? (wasmSimdAvailable() ? 'wasm-simd' : 'tfjs') : wanted;
      return engine === 'tfjs' ? createLearner(own, ctx) : new EngineBnnLearner(own, ctx, engine);
    });
    this.diverged = this.learners.map(() => false);
    this.tests = stream.tasks.map((_, t) => taskTestTensors(stream, t));
    this.sampler = this.makeSampler(0, config.batchSize);
  }

  static async create(config: ForgettingConfig, source: ByteSource): Promise<ForgettingRun> {
    const stream = await loadTaskStream(
      { kind: config.stream, numTasks: config.numTasks, seed: config.seed, trainSize: config.trainSize, testSize: config.testSize, permuteFirst: config.permuteFirst },
      source,
    );
    return new ForgettingRun(config, stream);
  }

  /** Same as the constructor, building the stream from loaded splits (tests). */
  static fromData(config: ForgettingConfig, data: TaskStream['data']): ForgettingRun {
    const stream = makeTaskStream(data, {
      kind: config.stream,
      numTasks: config.numTasks,
      seed: config.seed,
      trainSize: config.trainSize,
      testSize: config.testSize,
      permuteFirst: config.permuteFirst,
    });
    return new ForgettingRun(config, stream);
  }

  private makeSampler(task: number, batchSize: number): BatchSampler {
    return new BatchSampler(this.stream.tasks[task].trainPool, batchSize, createRng(this.config.seed).fork(`batches-${task}`));
  }

  get task(): number {
    return this.current;
  }

  get step(): number {
    return this.steps;
  }

  get taskStep(): number {
    return this.taskSteps;
  }

  get methodLabels(): string[] {
    return this.learners.map((l) => l.label);
  }

  get taskNames(): string[] {
    return this.stream.tasks.map((t) => t.name);
  }

  get isLastTask(): boolean {
    return this.current === this.stream.tasks.length - 1;
  }

  /** The learners, for measurements (read-only use). */
  get methods(): readonly ContinualLearner[] {
    return this.learners;
  }

  /**
   * `steps` minibatch updates on the current task for every method (a diverged method stops and stays
   * stopped). Returns the last batch loss of each method (NaN for one that has not stepped).
   */
  train(steps: number): { step: number; loss: number[]; diverged: boolean[] } {
    const loss = this.learners.map(() => NaN);
    for (let s = 0; s < steps; s++) {
      const indices = this.sampler.next();
      const { x, y } = taskTensors(this.stream, 'train', this.current, indices);
      this.learners.forEach((learner, i) => {
        if (this.diverged[i]) return;
        const r = learner.step(x, y);
        loss[i] = r.loss;
        this.diverged[i] = r.diverged;
      });
      tf.dispose([x, y]);
      this.steps += 1;
      this.taskSteps += 1;
    }
    return { step: this.steps, loss, diverged: this.diverged.slice() };
  }

  /** Accuracy of every method on every task's test images. */
  evaluateAll(): ForgettingMetrics {
    const accuracy = this.learners.map((learner, i) =>
      this.tests.map((test, t) => {
        const e = learner.evaluate(t, test.x, test.y);
        if (!Number.isFinite(e.loss)) this.diverged[i] = true;
        return e.accuracy;
      }),
    );
    return {
      step: this.steps,
      taskStep: this.taskSteps,
      task: this.current,
      epoch: this.sampler.progress,
      methods: this.methodLabels,
      tasks: this.taskNames,
      accuracy,
      diverged: this.diverged.slice(),
    };
  }

  /** End the current task (each method consolidates) and move to the next. False (and nothing done) on the last. */
  nextTask(): boolean {
    if (this.isLastTask) return false;
    this.learners.forEach((l) => l.endTask(this.current));
    this.current += 1;
    this.taskSteps = 0;
    this.sampler = this.makeSampler(this.current, this.sampler.batchSize);
    return true;
  }

  update(live: ForgettingLive): void {
    if (live.batchSize !== undefined) this.sampler.setBatchSize(live.batchSize);
    live.methods?.forEach((m, i) => {
      if (m && this.learners[i]) this.learners[i].update(m);
    });
  }

  dispose(): void {
    this.learners.forEach((l) => l.dispose());
    this.tests.forEach((t) => tf.dispose([t.x, t.y]));
  }
}

/** Steps that make `epochs` passes over a task's `trainSize` images at `batchSize`. */
export function stepsForEpochs(epochs: number, trainSize: number, batchSize: number): number {
  return Math.ceil((epochs * trainSize) / batchSize);
}

/**
 * Train every task for `stepsPerTask` steps and score all tasks at the end of each: after[k][method][task]
 * is the accuracy after finishing task k. `onTask` is told after each task (for progress lines).
 */
export function runTaskSequence(run: ForgettingRun, stepsPerTask: number, onTask?: (k: number, m: ForgettingMetrics) => void): number[][][] {
  const after: number[][][] = [];
  for (let k = 0; k < run.stream.tasks.length; k++) {
    if (k > 0) run.nextTask();
    run.train(stepsPerTask);
    const m = run.evaluateAll();
    after.push(m.accuracy);
    onTask?.(k, m);
  }
  return after;
}

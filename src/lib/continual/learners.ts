/**
 * Continual learners: one network plus one way of meeting tasks in sequence, all driven the same way
 * (step on the current task's batch, endTask when it changes, evaluate any task), so that a run can
 * put several side by side from one seed.
 *
 *   sequential   plain training, task after task (the baseline that forgets)
 *   replay       current batch + a batch replayed from a reservoir of past examples (./replay.ts)
 *   ewc          gradient + λ Σₜ Fₜ ⊙ (θ − θ*ₜ), F the empirical Fisher (./ewc.ts)
 *   l2           the same anchor with F ≡ 1
 *   metaplastic  a binarized network (nets/bnn.ts) trained with metaplastic Adam (rules/metaplastic.ts);
 *                meta = 0 is the plain BNN. Per-task BN (the paper's protocol): BN state (γ, β and
 *                the running statistics) is saved when a task ends and task t is scored with its own
 *                copy; `perTaskBatchNorm: false` scores every task with the current BN instead. Which
 *                statistics normalise when scoring is the BNN spec's `evalStatistics`.
 *
 * The MLP learners are backprop + Adam (or the given learning rate) on an MLP; the BNN learner uses
 * the BNN spec. Every learner of a family made from the same init Rng seed starts bit-identical.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { createRng } from '../random';
import { taskTensors, type TaskStream } from '../data/tasks';
import { createMlp, disposeMlp, parameters, type Mlp, type MlpSpec } from '../nets/mlp';
import { bnnEvaluate, createBnn, disposeBnn, restoreBatchNorm, saveBatchNorm, type BatchNormState, type Bnn, type BnnSpec } from '../nets/bnn';
import { bnnTrainStep } from '../train/bnn-step';
import { adam, type UpdateRule } from '../rules/update';
import { backprop } from '../rules/feedback';
import { metaplasticAdam, type MetaplasticAdam } from '../rules/update/metaplastic-adam';
import { computeGradients, evaluate, type Evaluation, type StepResult } from '../train/trainer';
import { Consolidation } from './ewc';
import { ReplayBuffer } from './replay';

export type MethodSpec =
  | { kind: 'sequential'; label?: string; learningRate?: number }
  | { kind: 'replay'; bufferSize: number; /** Replayed examples per step (default: the batch size). */ replayBatch?: number; label?: string; learningRate?: number }
  | { kind: 'ewc'; lambda: number; /** Examples of the finished task the Fisher averages over (default 1,000). */ fisherSamples?: number; label?: string; learningRate?: number }
  | { kind: 'l2'; lambda: number; label?: string; learningRate?: number }
  | {
      kind: 'metaplastic';
      meta: number;
      /** Default true. */
      perTaskBatchNorm?: boolean;
      /** Restart Adam's moment estimates when a task ends (default false: they carry over). */
      resetOptimizer?: boolean;
      label?: string;
      learningRate?: number;
    };

export type MethodKind = MethodSpec['kind'];

export const METHOD_KINDS: readonly MethodKind[] = ['sequential', 'replay', 'ewc', 'l2', 'metaplastic'];

/** The settings of a method that may change mid-run. */
export interface MethodLive {
  learningRate?: number;
  lambda?: number;
  meta?: number;
  replayBatch?: number;
}

export function methodLabel(spec: MethodSpec): string {
  if (spec.label) return spec.label;
  switch (spec.kind) {
    case 'sequential':
      return 'plain';
    case 'replay':
      return `replay ${spec.bufferSize}`;
    case 'ewc':
      return `EWC λ=${spec.lambda}`;
    case 'l2':
      return `L2 λ=${spec.lambda}`;
    case 'metaplastic':
      return `BNN m=${spec.meta}`;
  }
}

export interface ContinualLearner {
  readonly spec: MethodSpec;
  readonly label: string;
  readonly family: 'mlp' | 'bnn';
  /**
   * One update on a batch of the current task (replay adds its own remembered examples). Loss and
   * accuracy are those of the batch actually trained on, measured before the update.
   */
  step(x: tf.Tensor2D, y: tf.Tensor2D): StepResult;
  /** Loss and accuracy on examples of task t (BNN: with task t's saved BN when it has one). */
  evaluate(task: number, x: tf.Tensor2D, y: tf.Tensor2D): Evaluation;
  /** Task t is over: consolidate (EWC/L2 anchor, replay memory, BN snapshot). */
  endTask(task: number): void;
  update(live: MethodLive): void;
  dispose(): void;
}

export interface LearnerContext {
  stream: TaskStream;
  mlp: MlpSpec;
  bnn: BnnSpec;
  /** Default learning rates by family (a method's own learningRate wins). */
  mlpLearningRate: number;
  bnnLearningRate: number;
  batchSize: number;
  /** Same seed ⇒ same initial network within a family. */
  initSeed: number;
  /** This learner's own stream of random draws (replay sampling, Fisher examples). */
  rng: Rng;
}

export class MlpLearner implements ContinualLearner {
  readonly family = 'mlp';
  readonly label: string;
  readonly net: Mlp;
  private readonly optimizer: UpdateRule;
  readonly consolidation: Consolidation | null;
  readonly buffer: ReplayBuffer | null;
  private replayBatch: number;

  constructor(
    readonly spec: Exclude<MethodSpec, { kind: 'metaplastic' }>,
    private readonly ctx: LearnerContext,
  ) {
    this.label = methodLabel(spec);
    this.net = createMlp(ctx.mlp, createRng(ctx.initSeed));
    this.optimizer = adam(spec.learningRate ?? ctx.mlpLearningRate);
    this.consolidation = spec.kind === 'ewc' || spec.kind === 'l2' ? new Consolidation(spec.kind, spec.lambda) : null;
    this.buffer = spec.kind === 'replay' ? new ReplayBuffer(spec.bufferSize, ctx.rng.fork('reservoir')) : null;
    this.replayBatch = spec.kind === 'replay' ? (spec.replayBatch ?? ctx.batchSize) : 0;
  }

  step(x: tf.Tensor2D, y: tf.Tensor2D): StepResult {
    let xb = x;
    let yb = y;
    if (this.buffer && this.buffer.size > 0 && this.replayBatch > 0) {
      const { task, index } = this.buffer.sample(this.replayBatch);
      const remembered = taskTensors(this.ctx.stream, 'train', task, index);
      [xb, yb] = tf.tidy(() => [tf.concat([x, remembered.x]), tf.concat([y, remembered.y])]);
      tf.dispose([remembered.x, remembered.y]);
    }
    const [lossT, correctT] = tf.tidy(() => {
      const params = parameters(this.net);
      const { loss, correct, grads } = computeGradients(this.net, backprop, null, xb, yb);
      let g: tf.Tensor[] = [...grads.weights, ...grads.biases];
      const penalty = this.consolidation?.gradients(params);
      if (penalty) g = g.map((gi, i) => tf.add(gi, penalty[i]));
      this.optimizer.apply(params, g);
      return [loss, correct];
    });
    const loss = lossT.dataSync()[0];
    const correct = correctT.dataSync()[0];
    const n = xb.shape[0];
    tf.dispose([lossT, correctT]);
    if (xb !== x) tf.dispose([xb, yb]);
    return { loss, accuracy: correct / n, diverged: !Number.isFinite(loss) };
  }

  evaluate(_task: number, x: tf.Tensor2D, y: tf.Tensor2D): Evaluation {
    return evaluate(this.net, x, y);
  }

  endTask(task: number): void {
    const pool = this.ctx.stream.tasks[task].trainPool;
    if (this.consolidation) {
      if (this.spec.kind === 'ewc') {
        const k = Math.min(this.spec.fisherSamples ?? 1000, pool.length);
        const picks = this.ctx.rng.fork(`fisher-${task}`).permutation(pool.length).subarray(0, k);
        const { x, y } = taskTensors(this.ctx.stream, 'train', task, Array.from(picks, (p) => pool[p]));
        this.consolidation.consolidate(this.net, x, y);
        tf.dispose([x, y]);
      } else {
        this.consolidation.consolidate(this.net);
      }
    }
    if (this.buffer) this.buffer.offerAll(task, this.ctx.rng.fork(`offer-${task}`).shuffle(pool.slice()));
  }

  update(live: MethodLive): void {
    if (live.learningRate !== undefined) this.optimizer.learningRate = live.learningRate;
    if (live.lambda !== undefined && this.consolidation) this.consolidation.lambda = live.lambda;
    if (live.replayBatch !== undefined && this.buffer) this.replayBatch = live.replayBatch;
  }

  dispose(): void {
    this.optimizer.dispose();
    this.consolidation?.dispose();
    disposeMlp(this.net);
  }
}

export class BnnLearner implements ContinualLearner {
  readonly family = 'bnn';
  readonly label: string;
  readonly net: Bnn;
  readonly optimizer: MetaplasticAdam;
  private readonly saved = new Map<number, BatchNormState>();

  constructor(
    readonly spec: Extract<MethodSpec, { kind: 'metaplastic' }>,
    ctx: LearnerContext,
  ) {
    this.label = methodLabel(spec);
    this.net = createBnn(ctx.bnn, createRng(ctx.initSeed));
    this.optimizer = metaplasticAdam(spec.learningRate ?? ctx.bnnLearningRate, spec.meta);
  }

  step(x: tf.Tensor2D, y: tf.Tensor2D): StepResult {
    return bnnTrainStep(this.net, this.optimizer, x, y);
  }

  evaluate(task: number, x: tf.Tensor2D, y: tf.Tensor2D): Evaluation {
    const own = this.spec.perTaskBatchNorm === false ? undefined : this.saved.get(task);
    if (!own) return bnnEvaluate(this.net, x, y);
    const current = saveBatchNorm(this.net);
    restoreBatchNorm(this.net, own);
    try {
      return bnnEvaluate(this.net, x, y);
    } finally {
      restoreBatchNorm(this.net, current);
    }
  }

  endTask(task: number): void {
    this.saved.set(task, saveBatchNorm(this.net));
    if (this.spec.resetOptimizer) this.optimizer.dispose(); // the next step starts fresh moments
  }

  update(live: MethodLive): void {
    if (live.learningRate !== undefined) this.optimizer.learningRate = live.learningRate;
    if (live.meta !== undefined) this.optimizer.meta = live.meta;
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeBnn(this.net);
  }
}

export function createLearner(spec: MethodSpec, ctx: LearnerContext): ContinualLearner {
  return spec.kind === 'metaplastic' ? new BnnLearner(spec, ctx) : new MlpLearner(spec, ctx);
}

/**
 * The metaplastic learner of ./learners.ts (BnnLearner) on the typed BNN engine (../engine/bnn.ts,
 * plain JS or WASM SIMD) instead of tfjs: the same network from the same seed (createBnn's draws),
 * the same forward, backward and metaplastic Adam (W_h ← W_h − ηU·f_meta(W_h) where U·W_h > 0,
 * Laborieux et al. 2021), the same per-task BN snapshots; ~4–6× faster than the lib on tfjs-wasm at
 * 784-512-512-10 (bench/RESULTS.md). Curves agree with BnnLearner's to a few percent (Adam makes two
 * correct BNN paths drift apart: tests/unit/engine/bnn.test.ts). Batches come in as the run's
 * tensors and are read once (dataSync); evaluation sets are read once and kept.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { createEngine, type EngineName } from '../engine';
import { TypedBnn } from '../engine/bnn-engines';
import type { BatchNormState } from '../nets/bnn';
import { createRng } from '../random';
import type { Evaluation, StepResult } from '../train/trainer';
import { methodLabel, type ContinualLearner, type LearnerContext, type MethodLive, type MethodSpec } from './learners';

/** Class indices of one-hot rows. */
function labelsOf(y: tf.Tensor2D): Uint8Array {
  const [n, classes] = y.shape;
  const v = y.dataSync();
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (v[i * classes + c] > v[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}

export class EngineBnnLearner implements ContinualLearner {
  readonly family = 'bnn';
  readonly label: string;
  readonly engine: TypedBnn;
  private readonly saved = new Map<number, BatchNormState>();
  private readonly evalSets = new WeakMap<tf.Tensor, { x: Float32Array; labels: Uint8Array }>();

  constructor(
    readonly spec: Extract<MethodSpec, { kind: 'metaplastic' }>,
    ctx: LearnerContext,
    readonly engineName: Extract<EngineName, 'js' | 'wasm-simd'>,
  ) {
    this.label = methodLabel(spec);
    const settings = { optimizer: 'adam' as const, learningRate: spec.learningRate ?? ctx.bnnLearningRate, meta: spec.meta };
    this.engine = createEngine(engineName, { kind: 'bnn', ...ctx.bnn }, createRng(ctx.initSeed), settings) as TypedBnn;
  }

  /** The metaplasticity m now. */
  get meta(): number {
    return this.engine.meta;
  }

  /** Copies of the hidden weights W_h, layer by layer. */
  hiddenWeights(): Float32Array[] {
    return this.engine.hiddenWeights();
  }

  step(x: tf.Tensor2D, y: tf.Tensor2D): StepResult {
    const n = x.shape[0];
    const r = this.engine.step({ x: x.dataSync() as Float32Array, labels: labelsOf(y), n });
    return { loss: r.loss, accuracy: r.accuracy, diverged: !Number.isFinite(r.loss) };
  }

  evaluate(task: number, x: tf.Tensor2D, y: tf.Tensor2D): Evaluation {
    let data = this.evalSets.get(x);
    if (!data) this.evalSets.set(x, (data = { x: (x.dataSync() as Float32Array).slice(), labels: labelsOf(y) }));
    const own = this.spec.perTaskBatchNorm === false ? undefined : this.saved.get(task);
    if (!own) return this.engine.evaluateNow(data.x, data.labels, x.shape[0]);
    const current = this.engine.saveBatchNorm();
    this.engine.restoreBatchNorm(own);
    try {
      return this.engine.evaluateNow(data.x, data.labels, x.shape[0]);
    } finally {
      this.engine.restoreBatchNorm(current);
    }
  }

  endTask(task: number): void {
    this.saved.set(task, this.engine.saveBatchNorm());
    if (this.spec.resetOptimizer) this.engine.resetOptimizer();
  }

  update(live: MethodLive): void {
    if (live.learningRate !== undefined) this.engine.setLearningRate(live.learningRate);
    if (live.meta !== undefined) this.engine.meta = live.meta;
  }

  dispose(): void {
    this.engine.dispose();
  }
}

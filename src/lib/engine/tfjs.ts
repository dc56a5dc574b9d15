/**
 * The lib itself as an engine, on whatever tfjs backend is active (WebGPU, WebGL, WASM, CPU): the
 * nets of ../nets, the written-out backward (../rules/backward.ts, ../nets/cnn.ts, ../nets/bnn.ts)
 * and ../optim.ts, each step in one tf.tidy. What it adds: batches come in as typed arrays, the loss
 * is only read back when asked (a readback stalls a GPU pipeline), evaluation sets are uploaded
 * once and kept, and every readback can be asynchronous: tfjs-webgpu's dataSync() returned zeros in
 * a worker on SwiftShader (bench/RESULTS.md), so on WebGPU nothing is read synchronously.
 */
import * as tf from '@tensorflow/tfjs-core';
import { correctCount, softmaxCrossEntropy, softmaxCrossEntropyGrad } from '../metrics';
import { createMlp, disposeMlp, forward, parameters, type Mlp } from '../nets/mlp';
import { createUpdateRule, type UpdateRule, type OptimizerKind } from '../rules/update';
import type { Rng } from '../random';
import { backprop, backward } from '../rules/feedback';
import { modelShape, type Batch, type Engine, type EngineName, type EngineStep, type ModelSpec, type OptimizerSettings } from './types';

/**
 * A model on tfjs as the engine drives it. The MLP's is below; the CNN's and the BNN's register from
 * ./cnn-engines.ts and ./bnn-engines.ts (with their typed-array engines), so a worker that trains
 * only MLPs never loads them.
 */
export interface TfjsNet {
  variables(): tf.Variable[];
  /** Inference-mode logits (inside tf.tidy). */
  logits(x: tf.Tensor2D): tf.Tensor2D;
  /** Forward, written-out backward and update (inside tf.tidy); returns [loss, correct]. */
  update(x: tf.Tensor2D, y: tf.Tensor2D, optimizer: UpdateRule): [tf.Scalar, tf.Scalar];
  /** The update rule for these settings, where the model has its own (the BNN's metaplastic Adam). */
  updateRule?(settings: OptimizerSettings): UpdateRule | null;
  dispose(): void;
}

export type TfjsNetFactory = (model: ModelSpec, rng: Rng) => TfjsNet;

const tfjsNets: Partial<Record<'cnn' | 'bnn', TfjsNetFactory>> = {};

export function registerTfjsNet(kind: 'cnn' | 'bnn', factory: TfjsNetFactory): void {
  tfjsNets[kind] = factory;
}

function mlpNet(net: Mlp): TfjsNet {
  return {
    variables: () => parameters(net),
    logits: (x) => forward(net, x).logits,
    update(x, y, optimizer) {
      const cache = forward(net, x);
      const outputDelta = softmaxCrossEntropyGrad(cache.logits, y);
      const grads = backward(backprop, null, { net, cache, outputDelta });
      optimizer.apply(parameters(net), [...grads.weights, ...grads.biases]);
      return [softmaxCrossEntropy(cache.logits, y), correctCount(cache.logits, y)];
    },
    dispose: () => disposeMlp(net),
  };
}

const EVAL_CHUNK = 500;

/** One-hot rows for class labels. */
export function oneHot(labels: ArrayLike<number>, n: number, classes: number): Float32Array {
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + labels[i]] = 1;
  return y;
}

export class TfjsEngine implements Engine {
  private readonly net: TfjsNet;
  private optimizer: UpdateRule;
  private readonly inputs: number;
  private readonly classes: number;
  /** Evaluation sets already on the device, by the array that holds them. */
  private readonly uploaded = new Map<Float32Array, { x: tf.Tensor2D; y: tf.Tensor2D }>();
  /** The latest step's [loss, correct] and batch size, kept until read or replaced. */
  private pending: { loss: tf.Scalar; correct: tf.Scalar; n: number } | null = null;
  private last: EngineStep = { loss: NaN, accuracy: NaN };
  /** dataSync() can be trusted here (not on tfjs-webgpu). */
  private readonly syncRead: boolean;

  constructor(
    readonly name: EngineName,
    readonly model: ModelSpec,
    rng: Rng,
    settings: OptimizerSettings,
  ) {
    ({ inputs: this.inputs, classes: this.classes } = modelShape(model));
    if (model.kind === 'mlp') {
      this.net = mlpNet(createMlp({ sizes: model.sizes, activation: model.activation, init: 'uniform' }, rng));
    } else {
      const factory = tfjsNets[model.kind];
      if (!factory) throw new Error(`The tfjs engine for a ${model.kind.toUpperCase()} is not loaded: import src/lib/engine/${model.kind}-engines.ts where the model is trained`);
      this.net = factory(model, rng);
    }
    // A model may bring its own rule (a BNN with meta > 0: metaplastic Adam; setOptimizer replaces it with a plain one).
    this.optimizer = this.net.updateRule?.(settings) ?? createUpdateRule(settings.optimizer, settings.learningRate);
    this.syncRead = tf.getBackend() !== 'webgpu';
  }

  step(batch: Batch, read = true): EngineStep {
    const n = batch.n;
    const x = tf.tensor2d(batch.x.subarray(0, n * this.inputs), [n, this.inputs]);
    const y = tf.tensor2d(oneHot(batch.labels, n, this.classes), [n, this.classes]);
    const [loss, correct] = tf.tidy(() => this.update(x, y));
    tf.dispose([x, y]);
    this.dropPending();
    this.pending = { loss, correct, n };
    if (!read || !this.syncRead) return { loss: NaN, accuracy: NaN };
    this.last = { loss: loss.dataSync()[0], accuracy: correct.dataSync()[0] / n };
    this.dropPending();
    return this.last;
  }

  async lastStep(): Promise<EngineStep> {
    const p = this.pending;
    if (!p) return this.last;
    this.pending = null;
    const [loss, correct] = await Promise.all([p.loss.data(), p.correct.data()]);
    tf.dispose([p.loss, p.correct]);
    this.last = { loss: loss[0], accuracy: correct[0] / p.n };
    return this.last;
  }

  async evaluate(x: Float32Array, labels: ArrayLike<number>, n: number): Promise<{ loss: number; accuracy: number }> {
    let data = this.uploaded.get(x);
    if (!data) {
      data = { x: tf.tensor2d(x.subarray(0, n * this.inputs), [n, this.inputs]), y: tf.tensor2d(oneHot(labels, n, this.classes), [n, this.classes]) };
      this.uploaded.set(x, data);
    }
    const { x: xs, y: ys } = data;
    // Every chunk's [loss · size, correct] on the device, then one read.
    const parts = tf.tidy(() => {
      const sums: tf.Tensor[] = [];
      for (let start = 0; start < n; start += EVAL_CHUNK) {
        const size = Math.min(EVAL_CHUNK, n - start);
        const xc = tf.slice(xs, [start, 0], [size, -1]) as tf.Tensor2D;
        const yc = tf.slice(ys, [start, 0], [size, -1]) as tf.Tensor2D;
        const logits = this.logits(xc);
        sums.push(tf.stack([tf.mul(softmaxCrossEntropy(logits, yc), size), correctCount(logits, yc)]));
      }
      return tf.sum(tf.stack(sums), 0);
    });
    const [lossSum, correct] = this.syncRead ? parts.dataSync() : await parts.data();
    parts.dispose();
    return { loss: lossSum / n, accuracy: correct / n };
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.learningRate = learningRate;
  }

  setOptimizer(kind: OptimizerKind): void {
    if (kind === this.optimizer.kind) return;
    const rate = this.optimizer.learningRate;
    this.optimizer.dispose();
    this.optimizer = createUpdateRule(kind, rate);
  }

  async parameters(): Promise<Float32Array[]> {
    return Promise.all(this.variables().map(async (v) => (await v.data()) as Float32Array));
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: 0, bytes: 0 };
  }

  dispose(): void {
    this.dropPending();
    this.optimizer.dispose();
    for (const { x, y } of this.uploaded.values()) tf.dispose([x, y]);
    this.uploaded.clear();
    this.net.dispose();
  }

  private dropPending(): void {
    if (this.pending) tf.dispose([this.pending.loss, this.pending.correct]);
    this.pending = null;
  }

  /** Inference-mode logits (call inside tf.tidy). */
  private logits(x: tf.Tensor2D): tf.Tensor2D {
    return this.net.logits(x);
  }

  private variables(): tf.Variable[] {
    return this.net.variables();
  }

  /** Forward, written-out backward and update (inside tf.tidy); returns [loss, correct]. */
  private update(x: tf.Tensor2D, y: tf.Tensor2D): [tf.Scalar, tf.Scalar] {
    return this.net.update(x, y, this.optimizer);
  }
}

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
import { cnnBackward, cnnForward, cnnParameters, createCnn, disposeCnn, type Cnn } from '../nets/cnn';
import { bnnComputeGradients, bnnParameters, bnnPredict, bnnGradientList, createBnn, disposeBnn, type Bnn } from '../nets/bnn';
import { createUpdateRule, metaplasticAdam, type UpdateRule, type OptimizerKind } from '../rules/update';
import type { Rng } from '../random';
import { backprop, backward } from '../rules/feedback';
import { modelShape, type Batch, type Engine, type EngineName, type EngineStep, type ModelSpec, type OptimizerSettings } from './types';

type Net = { kind: 'mlp'; net: Mlp } | { kind: 'cnn'; net: Cnn } | { kind: 'bnn'; net: Bnn };

const EVAL_CHUNK = 500;
const BN_MOMENTUM = 0.1;

/** One-hot rows for class labels. */
export function oneHot(labels: ArrayLike<number>, n: number, classes: number): Float32Array {
  const y = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) y[i * classes + labels[i]] = 1;
  return y;
}

export class TfjsEngine implements Engine {
  private readonly net: Net;
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
    switch (model.kind) {
      case 'mlp':
        this.net = { kind: 'mlp', net: createMlp({ sizes: model.sizes, activation: model.activation, init: 'uniform' }, rng) };
        break;
      case 'cnn':
        this.net = { kind: 'cnn', net: createCnn(model.spec, rng) };
        break;
      case 'bnn':
        this.net = { kind: 'bnn', net: createBnn(model, rng) };
        break;
    }
    // A BNN with meta > 0 trains by metaplastic Adam (setOptimizer replaces it with a plain rule).
    this.optimizer = model.kind === 'bnn' && settings.optimizer === 'adam' && (settings.meta ?? 0) > 0 ? metaplasticAdam(settings.learningRate, settings.meta ?? 0) : createUpdateRule(settings.optimizer, settings.learningRate);
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
    const { net } = this;
    if (net.kind === 'mlp') disposeMlp(net.net);
    else if (net.kind === 'cnn') disposeCnn(net.net);
    else disposeBnn(net.net);
  }

  private dropPending(): void {
    if (this.pending) tf.dispose([this.pending.loss, this.pending.correct]);
    this.pending = null;
  }

  /** Inference-mode logits (call inside tf.tidy). */
  private logits(x: tf.Tensor2D): tf.Tensor2D {
    const { net } = this;
    if (net.kind === 'mlp') return forward(net.net, x).logits;
    if (net.kind === 'bnn') return bnnPredict(net.net, x);
    return cnnForward(net.net, x).logits;
  }

  private variables(): tf.Variable[] {
    const { net } = this;
    return net.kind === 'mlp' ? parameters(net.net) : net.kind === 'cnn' ? cnnParameters(net.net) : bnnParameters(net.net);
  }

  /** Forward, written-out backward and update (inside tf.tidy); returns [loss, correct]. */
  private update(x: tf.Tensor2D, y: tf.Tensor2D): [tf.Scalar, tf.Scalar] {
    const { net } = this;
    if (net.kind === 'bnn') {
      // ../nets/bnn.ts's bnnTrainStep without its readback: update, then the running statistics.
      const n = x.shape[0];
      const { loss, correct, grads, cache } = bnnComputeGradients(net.net, x, y);
      this.optimizer.apply(bnnParameters(net.net), bnnGradientList(grads));
      const unbias = n > 1 ? n / (n - 1) : 1;
      const momentum = net.net.spec.bnMomentum ?? BN_MOMENTUM;
      net.net.hidden.forEach((_, l) => {
        net.net.runningMean[l].assign(tf.add(tf.mul(net.net.runningMean[l], 1 - momentum), tf.mul(cache.batchMean[l], momentum)));
        net.net.runningVar[l].assign(tf.add(tf.mul(net.net.runningVar[l], 1 - momentum), tf.mul(cache.batchVar[l], momentum * unbias)));
      });
      return [loss, correct];
    }
    if (net.kind === 'mlp') {
      const cache = forward(net.net, x);
      const outputDelta = softmaxCrossEntropyGrad(cache.logits, y);
      const grads = backward(backprop, null, { net: net.net, cache, outputDelta });
      this.optimizer.apply(parameters(net.net), [...grads.weights, ...grads.biases]);
      return [softmaxCrossEntropy(cache.logits, y), correctCount(cache.logits, y)];
    }
    const cache = cnnForward(net.net, x);
    const grads = cnnBackward(net.net, cache, softmaxCrossEntropyGrad(cache.logits, y));
    this.optimizer.apply(cnnParameters(net.net), grads.params);
    return [softmaxCrossEntropy(cache.logits, y), correctCount(cache.logits, y)];
  }
}

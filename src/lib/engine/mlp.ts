/**
 * The MLP of ../nets/mlp.ts on typed-array kernels: the same forward, the same written-out backprop
 * (../rules/backward.ts with the backprop rule) and the same optimizer, with every array in one heap:
 *
 *   aℓ = hℓ₋₁Wℓ + bℓ,  hℓ = f(aℓ);   δ_L = (softmax(z) − y)/n,  δℓ = (δℓ₊₁Wℓ₊₁ᵀ) ⊙ f′(aℓ),
 *   ∂Wℓ = hℓ₋₁ᵀδℓ,  ∂bℓ = Σ_batch δℓ.
 *
 * Parameters (W₁, b₁, W₂, b₂, …) are one contiguous block, and so are their gradients, so the whole
 * update is one fused Adam call. Activation buffers are sized for the largest batch seen.
 */
import type { Activation } from '../nets/activations';
import type { OptimizerKind } from '../rules/update';
import { BlockOptimizer, evaluateInChunks, softmaxHead } from './common';
import type { Kernels } from './kernels';
import type { Batch, Engine, EngineName, EngineStep, ModelSpec, OptimizerSettings } from './types';

/** dW = inputᵀδ by the one-pass kernel when the gradient is at most this many floats (fits L1/L2). */
const SMALL_GRADIENT = 16384;
/** Rows per evaluation chunk. */
const EVAL_CHUNK = 256;

interface Buffers {
  rows: number;
  x: number;
  pre: number[];
  post: number[];
  delta: number[];
}

export class TypedMlp implements Engine {
  readonly model: ModelSpec;
  private readonly layers: number;
  private readonly params: number;
  private readonly grads: number;
  private readonly size: number;
  /** Offsets of Wℓ and bℓ inside the parameter block (same inside the gradient block). */
  private readonly w: number[] = [];
  private readonly b: number[] = [];
  /** Scratch for Wℓᵀ (the largest hidden layer's). */
  private readonly wT: number;
  private readonly optimizer: BlockOptimizer;
  private buffers: Buffers | null = null;
  private last: EngineStep = { loss: NaN, accuracy: NaN };

  constructor(
    readonly name: EngineName,
    private readonly kernels: Kernels,
    private readonly sizes: number[],
    private readonly activation: Activation,
    init: { weights: Float32Array[]; biases: Float32Array[] },
    settings: OptimizerSettings,
  ) {
    this.model = { kind: 'mlp', sizes: [...sizes], activation };
    this.layers = sizes.length - 1;
    let size = 0;
    for (let l = 0; l < this.layers; l++) {
      this.w.push(size);
      size += sizes[l] * sizes[l + 1];
      this.b.push(size);
      size += sizes[l + 1];
    }
    this.size = size;
    const heap = kernels.heap;
    this.params = heap.alloc(size);
    this.grads = heap.alloc(size);
    let wT = 0;
    for (let l = 1; l < this.layers; l++) wT = Math.max(wT, sizes[l] * sizes[l + 1]);
    this.wT = heap.alloc(wT);
    const f = heap.f32;
    init.weights.forEach((w, l) => f.set(w, this.params + this.w[l]));
    init.biases.forEach((b, l) => f.set(b, this.params + this.b[l]));
    this.optimizer = new BlockOptimizer(kernels, settings.optimizer, settings.learningRate);
    this.optimizer.reserve(size);
    this.ensure(EVAL_CHUNK);
  }

  /** Overwrite the weights and biases (the shapes given at creation), e.g. with the quantized copy a masked fine-tuning step starts from. */
  setParameters(p: { weights: readonly Float32Array[]; biases: readonly Float32Array[] }): void {
    const f = this.kernels.heap.f32;
    p.weights.forEach((w, l) => f.set(w, this.params + this.w[l]));
    p.biases.forEach((b, l) => f.set(b, this.params + this.b[l]));
  }

  step(batch: Batch, read = true): EngineStep {
    const n = batch.n;
    this.ensure(n);
    const buf = this.buffers as Buffers;
    this.forward(batch.x, n);
    const classes = this.sizes[this.layers];
    const { loss, correct } = softmaxHead(this.kernels.heap.f32, buf.post[this.layers - 1], batch.labels, n, classes, buf.delta[this.layers - 1]);
    this.backward(n);
    this.optimizer.apply(this.params, this.grads, this.size);
    this.last = { loss, accuracy: correct / n };
    return read ? this.last : { loss: NaN, accuracy: NaN };
  }

  async lastStep(): Promise<EngineStep> {
    return this.last;
  }

  async evaluate(x: Float32Array, labels: ArrayLike<number>, n: number): Promise<{ loss: number; accuracy: number }> {
    const inputs = this.sizes[0];
    const classes = this.sizes[this.layers];
    const chunk = Math.max(EVAL_CHUNK, (this.buffers as Buffers).rows);
    return evaluateInChunks(this.kernels, x, labels, n, inputs, classes, chunk, (xs, rows) => {
      this.ensure(rows);
      this.forward(xs, rows);
      return (this.buffers as Buffers).post[this.layers - 1];
    });
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.learningRate = learningRate;
  }

  setOptimizer(kind: OptimizerKind): void {
    this.optimizer.switchTo(kind, this.size);
  }

  async parameters(): Promise<Float32Array[]> {
    const f = this.kernels.heap.f32;
    const weights = this.w.map((o, l) => f.slice(this.params + o, this.params + o + this.sizes[l] * this.sizes[l + 1]));
    const biases = this.b.map((o, l) => f.slice(this.params + o, this.params + o + this.sizes[l + 1]));
    return [...weights, ...biases];
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: this.kernels.heap.arrays, bytes: this.kernels.heap.bytes };
  }

  dispose(): void {
    this.buffers = null;
  }

  /** Activation buffers for at least `rows` rows (allocated once per new maximum). */
  private ensure(rows: number): void {
    if (this.buffers && this.buffers.rows >= rows) return;
    const heap = this.kernels.heap;
    const widths = this.sizes.slice(1);
    this.buffers = {
      rows,
      x: heap.alloc(rows * this.sizes[0]),
      pre: widths.map((w) => heap.alloc(rows * w)),
      post: widths.map((w, l) => (l === widths.length - 1 ? -1 : heap.alloc(rows * w))),
      delta: widths.map((w) => heap.alloc(rows * w)),
    };
    // The logits are the last layer's pre-activations.
    this.buffers.post[widths.length - 1] = this.buffers.pre[widths.length - 1];
  }

  private forward(x: Float32Array, n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, sizes, params } = this;
    kernels.heap.f32.set(x.subarray(0, n * sizes[0]), buf.x);
    let input = buf.x;
    for (let l = 0; l < this.layers; l++) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      kernels.gemm(n, fanOut, fanIn, input, fanIn, 1, params + this.w[l], buf.pre[l], false);
      const last = l === this.layers - 1;
      const relu = !last && this.activation === 'relu';
      kernels.biasAdd(n, fanOut, buf.pre[l], params + this.b[l], relu ? buf.post[l] : -1);
      const post = buf.post[l];
      if (!last && !relu) {
        const f = kernels.heap.f32;
        const pre = buf.pre[l];
        for (let i = 0; i < n * fanOut; i++) f[post + i] = activate(this.activation, f[pre + i]);
      }
      input = post;
    }
  }

  private backward(n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, sizes, params, grads } = this;
    for (let l = this.layers - 1; l >= 0; l--) {
      const fanIn = sizes[l];
      const fanOut = sizes[l + 1];
      const input = l === 0 ? buf.x : buf.post[l - 1];
      const delta = buf.delta[l];
      if (fanIn * fanOut <= SMALL_GRADIENT) kernels.gemmTN(fanIn, fanOut, n, input, delta, grads + this.w[l], false);
      else kernels.gemm(fanIn, fanOut, n, input, 1, fanIn, delta, grads + this.w[l], false);
      kernels.columnSums(n, fanOut, delta, grads + this.b[l]);
      if (l === 0) break;
      // δℓ₋₁ = (δℓ · Wℓᵀ) ⊙ f′(aℓ₋₁)
      kernels.transpose(fanIn, fanOut, params + this.w[l], this.wT);
      const below = buf.delta[l - 1];
      kernels.gemm(n, fanIn, fanOut, delta, fanOut, 1, this.wT, below, false);
      if (this.activation === 'relu') {
        kernels.reluGrad(n * fanIn, buf.pre[l - 1], below);
      } else {
        const f = kernels.heap.f32;
        const pre = buf.pre[l - 1];
        const post = buf.post[l - 1];
        for (let i = 0; i < n * fanIn; i++) f[below + i] *= derivative(this.activation, f[pre + i], f[post + i]);
      }
    }
  }
}

function activate(kind: Activation, a: number): number {
  switch (kind) {
    case 'relu':
      return a < 0 ? 0 : a;
    case 'tanh':
      return Math.tanh(a);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-a));
    case 'linear':
      return a;
  }
}

/** f′(a) given a and h = f(a), as ../nets/activations.ts (relu′(0) = 0). */
function derivative(kind: Activation, a: number, h: number): number {
  switch (kind) {
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'tanh':
      return 1 - h * h;
    case 'sigmoid':
      return h * (1 - h);
    case 'linear':
      return 1;
  }
}

/**
 * The CNN of ../nets/cnn.ts on typed-array kernels — [conv k×k (valid) → ReLU → maxpool 2×2] × L →
 * dense → logits — with the same layouts (NHWC rows, patch order (ki, kj, c), W [k·k·Cin, Cout]),
 * the same written-out backward and the same optimizer, so its loss curve matches the tfjs one:
 *
 *   conv:  cols = im2col(h),  a = cols·W + b,  ∂W = colsᵀ∂a,  ∂b = Σ∂a,  ∂h = col2im(∂a·Wᵀ)
 *   pool:  the max of each 2×2 window; ∂ goes to the winner (ties: top, then left, as ../nets/pool.ts)
 *
 * im2col, pooling and col2im are plain loops here; the three products of each layer go to the
 * kernels (gemm for cols·W and ∂a·Wᵀ, the one-pass gemmTN for the small ∂W).
 */
import type { CnnSpec } from '../nets/cnn';
import type { OptimizerKind } from '../rules/update';
import type { Rng } from '../random';
import { BlockOptimizer, evaluateInChunks, softmaxHead } from './common';
import type { Kernels } from './kernels';
import type { Batch, Engine, EngineName, EngineStep, ModelSpec, OptimizerSettings } from './types';

const EVAL_CHUNK = 128;

interface Block {
  height: number;
  width: number;
  channels: number;
  kernel: number;
  outHeight: number;
  outWidth: number;
  filters: number;
  /** Output positions P and patch length K. */
  positions: number;
  patch: number;
  /** Offsets of W and b in the parameter (and gradient) block. */
  w: number;
  b: number;
}

interface Buffers {
  rows: number;
  x: number;
  cols: number[];
  pre: number[];
  post: number[];
  pooled: number[];
  /** Int32: index (in the block's post buffer) of each pooled value's winner. */
  winner: number[];
  logits: number;
  delta: number;
  dFeatures: number;
  dPost: number[];
  dCols: number;
  dPooled: number[];
}

/** The initial parameters of ../nets/cnn.ts's createCnn, drawn from the Rng in the same order. */
export function initialCnnParameters(spec: CnnSpec, rng: Rng): Float32Array[] {
  const blocks = planCnn(spec);
  const conv = blocks.map((b) => rng.uniformArray(b.patch * b.filters, -1, 1).map((v) => v / Math.sqrt(b.patch)));
  const features = cnnFeatures(blocks);
  const dense = rng.uniformArray(features * spec.classes, -1, 1).map((v) => v / Math.sqrt(features));
  return [...blocks.flatMap((b, l) => [conv[l], new Float32Array(b.filters)]), dense, new Float32Array(spec.classes)];
}

function planCnn(spec: CnnSpec): Block[] {
  let side = spec.imageSize;
  let channels = spec.inputChannels;
  let offset = 0;
  return spec.conv.map(({ filters, kernel }) => {
    const out = side - kernel + 1;
    if (out < 2 || out % 2 !== 0) throw new Error(`CNN: conv output ${out}×${out} cannot be pooled by 2`);
    const patch = kernel * kernel * channels;
    const block: Block = { height: side, width: side, channels, kernel, outHeight: out, outWidth: out, filters, positions: out * out, patch, w: offset, b: offset + patch * filters };
    offset += (patch + 1) * filters;
    side = out / 2;
    channels = filters;
    return block;
  });
}

function cnnFeatures(blocks: Block[]): number {
  const last = blocks[blocks.length - 1];
  return (last.outHeight / 2) * (last.outWidth / 2) * last.filters;
}

export class TypedCnn implements Engine {
  readonly model: ModelSpec;
  private readonly blocks: Block[];
  private readonly features: number;
  private readonly classes: number;
  private readonly dense: { w: number; b: number };
  private readonly size: number;
  private readonly params: number;
  private readonly grads: number;
  private readonly wT: number;
  private readonly optimizer: BlockOptimizer;
  private buffers: Buffers | null = null;
  private last: EngineStep = { loss: NaN, accuracy: NaN };

  constructor(
    readonly name: EngineName,
    private readonly kernels: Kernels,
    private readonly spec: CnnSpec,
    init: Float32Array[],
    settings: OptimizerSettings,
  ) {
    this.model = { kind: 'cnn', spec };
    this.blocks = planCnn(spec);
    this.features = cnnFeatures(this.blocks);
    this.classes = spec.classes;
    const convSize = this.blocks.reduce((s, b) => s + (b.patch + 1) * b.filters, 0);
    this.dense = { w: convSize, b: convSize + this.features * this.classes };
    this.size = this.dense.b + this.classes;
    const heap = kernels.heap;
    this.params = heap.alloc(this.size);
    this.grads = heap.alloc(this.size);
    this.wT = heap.alloc(Math.max(this.features * this.classes, ...this.blocks.map((b) => b.patch * b.filters)));
    let at = this.params;
    for (const part of init) {
      heap.f32.set(part, at);
      at += part.length;
    }
    if (at !== this.params + this.size) throw new Error(`TypedCnn: ${at - this.params} initial values for ${this.size} parameters`);
    this.optimizer = new BlockOptimizer(kernels, settings.optimizer, settings.learningRate);
    this.optimizer.reserve(this.size);
    this.ensure(EVAL_CHUNK);
  }

  step(batch: Batch, read = true): EngineStep {
    const n = batch.n;
    this.ensure(n);
    const buf = this.buffers as Buffers;
    this.forward(batch.x, n);
    const { loss, correct } = softmaxHead(this.kernels.heap.f32, buf.logits, batch.labels, n, this.classes, buf.delta);
    this.backward(n);
    this.optimizer.apply(this.params, this.grads, this.size);
    this.last = { loss, accuracy: correct / n };
    return read ? this.last : { loss: NaN, accuracy: NaN };
  }

  async lastStep(): Promise<EngineStep> {
    return this.last;
  }

  async evaluate(x: Float32Array, labels: ArrayLike<number>, n: number): Promise<{ loss: number; accuracy: number }> {
    const inputs = this.spec.imageSize ** 2 * this.spec.inputChannels;
    const chunk = Math.max(EVAL_CHUNK, (this.buffers as Buffers).rows);
    return evaluateInChunks(this.kernels, x, labels, n, inputs, this.classes, chunk, (xs, rows) => {
      this.forward(xs, rows);
      return (this.buffers as Buffers).logits;
    });
  }

  setLearningRate(learningRate: number): void {
    this.optimizer.learningRate = learningRate;
  }

  setOptimizer(kind: OptimizerKind): void {
    this.optimizer.switchTo(kind, this.size);
  }

  /** In ../nets/cnn.ts's cnnParameters order: conv W, conv b per block, dense W, dense b. */
  async parameters(): Promise<Float32Array[]> {
    const f = this.kernels.heap.f32;
    const part = (offset: number, length: number) => f.slice(this.params + offset, this.params + offset + length);
    return [
      ...this.blocks.flatMap((b) => [part(b.w, b.patch * b.filters), part(b.b, b.filters)]),
      part(this.dense.w, this.features * this.classes),
      part(this.dense.b, this.classes),
    ];
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: this.kernels.heap.arrays, bytes: this.kernels.heap.bytes };
  }

  dispose(): void {
    this.buffers = null;
  }

  private ensure(rows: number): void {
    if (this.buffers && this.buffers.rows >= rows) return;
    const heap = this.kernels.heap;
    const { blocks } = this;
    const largestCols = Math.max(...blocks.map((b) => b.positions * b.patch));
    this.buffers = {
      rows,
      x: heap.alloc(rows * blocks[0].height * blocks[0].width * blocks[0].channels),
      cols: blocks.map((b) => heap.alloc(rows * b.positions * b.patch)),
      pre: blocks.map((b) => heap.alloc(rows * b.positions * b.filters)),
      post: blocks.map((b) => heap.alloc(rows * b.positions * b.filters)),
      pooled: blocks.map((b) => heap.alloc((rows * b.positions * b.filters) / 4)),
      winner: blocks.map((b) => heap.alloc((rows * b.positions * b.filters) / 4)),
      logits: heap.alloc(rows * this.classes),
      delta: heap.alloc(rows * this.classes),
      dFeatures: heap.alloc(rows * this.features),
      dPost: blocks.map((b) => heap.alloc(rows * b.positions * b.filters)),
      dCols: heap.alloc(rows * largestCols),
      dPooled: blocks.map((b) => heap.alloc((rows * b.positions * b.filters) / 4)),
    };
  }

  private forward(x: Float32Array, n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, params } = this;
    kernels.heap.f32.set(x.subarray(0, n * this.blocks[0].height * this.blocks[0].width * this.blocks[0].channels), buf.x);
    let input = buf.x;
    this.blocks.forEach((b, l) => {
      kernels.im2col(n, b.height, b.width, b.channels, b.kernel, input, buf.cols[l]);
      const rows = n * b.positions;
      kernels.gemm(rows, b.filters, b.patch, buf.cols[l], b.patch, 1, params + b.w, buf.pre[l], false);
      kernels.biasAdd(rows, b.filters, buf.pre[l], params + b.b, buf.post[l]);
      kernels.maxPool(n, b.outHeight, b.outWidth, b.filters, buf.post[l], buf.pooled[l], buf.winner[l]);
      input = buf.pooled[l];
    });
    kernels.gemm(n, this.classes, this.features, input, this.features, 1, params + this.dense.w, buf.logits, false);
    kernels.biasAdd(n, this.classes, buf.logits, params + this.dense.b, -1);
  }

  private backward(n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, params, grads, blocks, features, classes } = this;
    const last = blocks.length - 1;
    kernels.gemmTN(features, classes, n, buf.pooled[last], buf.delta, grads + this.dense.w, false);
    kernels.columnSums(n, classes, buf.delta, grads + this.dense.b);
    kernels.transpose(features, classes, params + this.dense.w, this.wT);
    kernels.gemm(n, features, classes, buf.delta, classes, 1, this.wT, buf.dPooled[last], false);
    for (let l = last; l >= 0; l--) {
      const b = blocks[l];
      const rows = n * b.positions;
      // unpool to the winners, then ⊙ ReLU′(a) = [a > 0]
      kernels.unpool((rows * b.filters) / 4, buf.winner[l], buf.dPooled[l], buf.dPost[l], rows * b.filters);
      kernels.reluGrad(rows * b.filters, buf.pre[l], buf.dPost[l]);
      kernels.gemmTN(b.patch, b.filters, rows, buf.cols[l], buf.dPost[l], grads + b.w, false);
      kernels.columnSums(rows, b.filters, buf.dPost[l], grads + b.b);
      if (l === 0) break;
      kernels.transpose(b.patch, b.filters, params + b.w, this.wT);
      kernels.gemm(rows, b.patch, b.filters, buf.dPost[l], b.filters, 1, this.wT, buf.dCols, false);
      kernels.col2im(n, b.height, b.width, b.channels, b.kernel, buf.dPooled[l - 1], buf.dCols);
    }
  }
}

/**
 * The CNN of ../nets/cnn.ts on typed-array kernels — [conv k×k (valid) → ReLU → pool] × L → head →
 * dense → logits — with the same layouts (NHWC rows, patch order (ki, kj, c), W [k·k·Cin, Cout]),
 * the same written-out backward and the same optimizer, so its loss curve matches the tfjs one:
 *
 *   conv:  cols = im2col(h),  a = cols·W + b,  ∂W = colsᵀ∂a,  ∂b = Σ∂a,  ∂h = col2im(∂a·Wᵀ)
 *   pool 'max':      the max of each 2×2 window; ∂ goes to the winner (ties: top, then left, as ../nets/pool.ts)
 *   pool 'maxblur':  2×2 max at stride 1 (∂ summed at shared winners), then the [1,2,1]² blur at
 *                    stride 2 (reflect padding; ∂ by its adjoint), as ../nets/max-blur-pool.ts
 *   pool 'none':     the ReLU output as is;   head 'global-average': channel means, ∂/P everywhere
 *
 * im2col, pooling and col2im are plain loops here; the three products of each layer go to the
 * kernels (gemm for cols·W and ∂a·Wᵀ, the one-pass gemmTN for the small ∂W). Layout: ./cnn-plan.ts.
 * Beyond the Engine interface, `logits` and `featureMaps` run the forward alone (probes, inference).
 */
import type { CnnSpec } from '../nets/cnn';
import { cnnShapes, isPlainCnn } from '../nets/cnn-shapes';
import type { OptimizerKind } from '../rules/update';
import { allocateBuffers, planCnn, type Block, type Buffers } from './cnn-plan';
import { BlockOptimizer, evaluateInChunks, softmaxHead } from './common';
import type { Kernels } from './kernels';
import type { Batch, Engine, EngineName, EngineStep, ModelSpec, OptimizerSettings } from './types';

export { initialCnnParameters } from './cnn-plan';

/**
 * Rows scored at a time (buffers for them are made up front): 128 for the plain CNN; 64 for the
 * variants, whose unpooled maps are larger (the no-pool net's im2col columns at 64 rows are ~18 MB).
 */
const EVAL_CHUNK = 128;
const VARIANT_EVAL_CHUNK = 64;

/** One block's feature maps for a batch, NHWC rows: after the ReLU (convSide²·C) and after the pool (outSide²·C). */
export interface BlockMaps {
  convSide: number;
  outSide: number;
  channels: number;
  conv: Float32Array;
  pooled: Float32Array;
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
  private readonly globalHead: boolean;
  private readonly evalChunk: number;
  private buffers: Buffers | null = null;
  private last: EngineStep = { loss: NaN, accuracy: NaN };

  constructor(
    readonly name: EngineName,
    private readonly kernels: Kernels,
    private readonly spec: CnnSpec,
    init: Float32Array[],
    settings: OptimizerSettings,
    /** Rows to make room for up front and to score at a time (default: 128 for the plain CNN, 64 for the variants); a probe that only runs the forward on a few images needs fewer. */
    evalRows?: number,
  ) {
    this.model = { kind: 'cnn', spec };
    this.blocks = planCnn(spec);
    this.features = cnnShapes(spec).features;
    this.globalHead = (spec.head ?? 'flatten') === 'global-average';
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
    this.evalChunk = evalRows ?? (isPlainCnn(spec) ? EVAL_CHUNK : VARIANT_EVAL_CHUNK);
    this.ensure(this.evalChunk);
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
    const chunk = Math.max(this.evalChunk, (this.buffers as Buffers).rows);
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

  /** Overwrite the parameters (in parameters()' order, e.g. another engine's or shipped weights); the optimizer's state is kept. */
  setParameters(parts: readonly Float32Array[]): void {
    const f = this.kernels.heap.f32;
    let at = this.params;
    for (const part of parts) {
      f.set(part, at);
      at += part.length;
    }
    if (at !== this.params + this.size) throw new Error(`TypedCnn: ${at - this.params} values for ${this.size} parameters`);
  }

  /** Logits [n × classes] of x [n × inputs] (the forward alone, in chunks). */
  logits(x: Float32Array, n: number): Float32Array {
    const inputs = this.spec.imageSize ** 2 * this.spec.inputChannels;
    const out = new Float32Array(n * this.classes);
    const chunk = Math.max(this.evalChunk, (this.buffers as Buffers).rows);
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      this.forward(x.subarray(start * inputs, (start + rows) * inputs), rows);
      const at = (this.buffers as Buffers).logits;
      out.set(this.kernels.heap.f32.subarray(at, at + rows * this.classes), start * this.classes);
    }
    return out;
  }

  /** Each block's maps after the ReLU and after the pool, the features entering the dense layer and the logits, for x [n × inputs] (in chunks). */
  featureMaps(x: Float32Array, n: number): { blocks: BlockMaps[]; features: Float32Array; logits: Float32Array } {
    const inputs = this.spec.imageSize ** 2 * this.spec.inputChannels;
    const blocks = this.blocks.map((b) => ({ convSide: b.outHeight, outSide: b.outSide, channels: b.filters, conv: new Float32Array(n * b.positions * b.filters), pooled: new Float32Array(n * b.pooledSize) }));
    const features = new Float32Array(n * this.features);
    const logits = new Float32Array(n * this.classes);
    const chunk = Math.max(this.evalChunk, (this.buffers as Buffers).rows);
    for (let start = 0; start < n; start += chunk) {
      const rows = Math.min(chunk, n - start);
      this.forward(x.subarray(start * inputs, (start + rows) * inputs), rows);
      const buf = this.buffers as Buffers;
      const f = this.kernels.heap.f32;
      const copy = (into: Float32Array, at: number, per: number) => into.set(f.subarray(at, at + rows * per), start * per);
      this.blocks.forEach((b, l) => {
        copy(blocks[l].conv, buf.post[l], b.positions * b.filters);
        copy(blocks[l].pooled, buf.pooled[l], b.pooledSize);
      });
      copy(features, buf.features, this.features);
      copy(logits, buf.logits, this.classes);
    }
    return { blocks, features, logits };
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: this.kernels.heap.arrays, bytes: this.kernels.heap.bytes };
  }

  dispose(): void {
    this.buffers = null;
  }

  private ensure(rows: number): void {
    if (this.buffers && this.buffers.rows >= rows) return;
    this.buffers = allocateBuffers(this.kernels.heap, this.blocks, this.features, this.classes, this.globalHead, rows);
  }

  private forward(x: Float32Array, n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, params } = this;
    this.loadInput(x, n, buf.x);
    let input = buf.x;
    this.blocks.forEach((b, l) => {
      kernels.im2col(n, b.height, b.width, b.channels, b.kernel, input, buf.cols[l]);
      const rows = n * b.positions;
      kernels.gemm(rows, b.filters, b.patch, buf.cols[l], b.patch, 1, params + b.w, buf.pre[l], false);
      kernels.biasAdd(rows, b.filters, buf.pre[l], params + b.b, buf.post[l]);
      if (b.pool === 'max') kernels.maxPool(n, b.outHeight, b.outWidth, b.filters, buf.post[l], buf.pooled[l], buf.winner[l]);
      else if (b.pool === 'maxblur') {
        kernels.maxPool1(n, b.outHeight, b.outWidth, b.filters, buf.post[l], buf.mid[l], buf.winner[l]);
        kernels.blurDown(n, b.maxSide, b.maxSide, b.filters, buf.mid[l], buf.pooled[l]);
      }
      input = buf.pooled[l];
    });
    if (this.globalHead) {
      const last = this.blocks[this.blocks.length - 1];
      kernels.globalAverage(n, last.outSide * last.outSide, last.filters, input, buf.features);
    }
    kernels.gemm(n, this.classes, this.features, buf.features, this.features, 1, params + this.dense.w, buf.logits, false);
    kernels.biasAdd(n, this.classes, buf.logits, params + this.dense.b, -1);
  }

  /** x [n × side²·C] into the first block's input: as is, or row by row into a zero canvas's interior (its border stays zero). */
  private loadInput(x: Float32Array, n: number, at: number): void {
    const f = this.kernels.heap.f32;
    const { imageSize: side, inputChannels: channels, padding = 0 } = this.spec;
    if (padding === 0) {
      f.set(x.subarray(0, n * side * side * channels), at);
      return;
    }
    const full = side + 2 * padding;
    const run = side * channels;
    for (let i = 0; i < n; i++) {
      for (let y = 0; y < side; y++) {
        const src = (i * side + y) * run;
        f.set(x.subarray(src, src + run), at + ((i * full + y + padding) * full + padding) * channels);
      }
    }
  }

  private backward(n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, params, grads, blocks, features, classes } = this;
    const last = blocks.length - 1;
    kernels.gemmTN(features, classes, n, buf.features, buf.delta, grads + this.dense.w, false);
    kernels.columnSums(n, classes, buf.delta, grads + this.dense.b);
    kernels.transpose(features, classes, params + this.dense.w, this.wT);
    if (this.globalHead) {
      kernels.gemm(n, features, classes, buf.delta, classes, 1, this.wT, buf.dFeatures, false);
      kernels.spreadAverage(n, blocks[last].outSide ** 2, blocks[last].filters, buf.dFeatures, buf.dPooled[last]);
    } else kernels.gemm(n, features, classes, buf.delta, classes, 1, this.wT, buf.dPooled[last], false);
    for (let l = last; l >= 0; l--) {
      const b = blocks[l];
      const rows = n * b.positions;
      // the pool's backward, then ⊙ ReLU′(a) = [a > 0]
      if (b.pool === 'max') kernels.unpool(n * b.pooledSize, buf.winner[l], buf.dPooled[l], buf.dPost[l], rows * b.filters);
      else if (b.pool === 'maxblur') {
        kernels.blurDownAdjoint(n, b.maxSide, b.maxSide, b.filters, buf.dMid[l], buf.dPooled[l]);
        kernels.unpoolAdd(n * b.maxSide * b.maxSide * b.filters, buf.winner[l], buf.dMid[l], buf.dPost[l], rows * b.filters);
      }
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

/**
 * The binarized net of ../nets/bnn.ts on typed-array kernels (JS or WASM SIMD), trained by Adam,
 * SGD or metaplastic Adam (../rules/metaplastic.ts) exactly as the lib does:
 *
 *   aℓ = hℓ₋₁·sign(Wℓ),  zℓ = BN(aℓ) (batch statistics),  hℓ = sign(zℓ);  logits = z_L
 *   δaℓ = BN′(δzℓ),  ∂Wℓ = hℓ₋₁ᵀδaℓ,  δzℓ₋₁ = (δaℓ·sign(Wℓ)ᵀ) ⊙ 1_{|zℓ₋₁|≤1}   (straight-through)
 *
 * What makes it fast: hidden layers multiply ±1 by ±1, so their forward product is bit-packed —
 * k − 2·popcount(h ⊕ w), exact — and the two backward products with a ±1 matrix (∂Wℓ = hᵀδa,
 * δh = δa·sign(Wℓ)ᵀ) go by four-row tables: the 16 signed sums of each four rows of the real
 * factor, then one table row added per four (./bnn-kernels.ts). The first layer's input is real
 * pixels (≈80% zero): ordinary zero-skipping products with sign(W₀).
 * Parameters are one block [W₀…, γ₀…, β₀…] (the lib's order), so the update is one or two fused calls.
 * (Just over 300 lines: one engine's memory, forward, backward and update read best in one place.)
 */
import type { BatchNormState } from '../nets/bnn';
import type { OptimizerKind } from '../rules/update';
import { bnnKernelsFor, signTimes, words, type BnnKernels } from './bnn-kernels';
import { updateRunning, type NormStats } from './bnn-norm';
import { BnnLayout, type BnnOptions } from './bnn-layout';
import { evaluateInChunks, softmaxHead } from './common';
import type { Kernels } from './kernels';
import type { Batch, Engine, EngineName, EngineStep, OptimizerSettings } from './types';

const SMALL_GRADIENT = 16384;
const EVAL_CHUNK = 256;
/** Floats of four-row tables built at once (the sum's columns are taken in chunks to stay under it). */
const TABLE_FLOATS = 1 << 18;

interface Buffers {
  /** Rows held (a multiple of 4: the tables take rows four at a time; padding rows are zero). */
  rows: number;
  x: number;
  a: number[];
  xhat: number[];
  z: number[];
  /** Signs of zℓ (hidden layers), bit-packed by rows (the next forward) and by columns (∂Wℓ₊₁). */
  hBits: number[];
  hBitsT: number[];
  delta: number[];
  deltaT: number;
  dhT: number;
  tables: number;
}

export class TypedBnn implements Engine {
  readonly layout: BnnLayout;
  private readonly bnn: BnnKernels;
  private readonly params: number;
  private readonly grads: number;
  private readonly moments: { m: number; v: number };
  /** sign(W₀) as ±1; for ℓ ≥ 1 sign(Wℓ) bit-packed by columns (forward) and by rows (δh). */
  private readonly firstSigns: number;
  private readonly wBits: number[] = [];
  private readonly wBitsT: number[] = [];
  private readonly stats: NormStats[];
  private readonly running: { mean: number; variance: number }[];
  private buffers: Buffers | null = null;
  private optimizer: OptimizerKind;
  private t = 0;
  learningRate: number;
  /** Metaplasticity m of the hidden weights' Adam (0: plain Adam). */
  meta: number;
  private last: EngineStep = { loss: NaN, accuracy: NaN };

  constructor(
    readonly name: EngineName,
    private readonly kernels: Kernels,
    options: BnnOptions,
    init: Float32Array[],
    settings: OptimizerSettings,
  ) {
    this.layout = new BnnLayout(options);
    const { sizes, layers, size } = this.layout;
    this.bnn = bnnKernelsFor(kernels);
    const heap = kernels.heap;
    this.params = heap.alloc(size);
    this.grads = heap.alloc(size);
    this.moments = { m: heap.alloc(size), v: heap.alloc(size) };
    this.firstSigns = heap.alloc(sizes[0] * sizes[1]);
    for (let l = 1; l < layers; l++) {
      this.wBits.push(heap.alloc(words(sizes[l]) * sizes[l + 1]));
      this.wBitsT.push(heap.alloc(sizes[l] * words(sizes[l + 1])));
    }
    const widths = sizes.slice(1);
    this.stats = widths.map((w) => ({ mean: heap.alloc(w), variance: heap.alloc(w), invStd: heap.alloc(w) }));
    this.running = widths.map((w) => ({ mean: heap.alloc(w), variance: heap.alloc(w) }));
    this.layout.load(heap.f32, this.params, init);
    const f = heap.f32;
    this.running.forEach((r, l) => f.fill(1, r.variance, r.variance + widths[l]));
    this.optimizer = settings.optimizer;
    this.learningRate = settings.learningRate;
    this.meta = settings.meta ?? 0;
    this.binarizeWeights();
    this.ensure(EVAL_CHUNK);
  }

  step(batch: Batch, read = true): EngineStep {
    const n = batch.n;
    this.ensure(n);
    const buf = this.buffers as Buffers;
    const { layers, sizes } = this.layout;
    this.forward(batch.x, n, false);
    const { loss, correct } = softmaxHead(this.kernels.heap.f32, buf.z[layers - 1], batch.labels, n, sizes[layers], buf.delta[layers - 1]);
    this.backward(n);
    this.update();
    const f = this.kernels.heap.f32;
    for (let l = 0; l < layers; l++) updateRunning(f, sizes[l + 1], n, this.layout.momentum, this.stats[l], this.running[l]);
    this.last = { loss, accuracy: correct / n };
    return read ? this.last : { loss: NaN, accuracy: NaN };
  }

  async lastStep(): Promise<EngineStep> {
    return this.last;
  }

  async evaluate(x: Float32Array, labels: ArrayLike<number>, n: number): Promise<{ loss: number; accuracy: number }> {
    return this.evaluateNow(x, labels, n);
  }

  /** `evaluate`, synchronously (the typed engine computes on the calling thread anyway). */
  evaluateNow(x: Float32Array, labels: ArrayLike<number>, n: number): { loss: number; accuracy: number } {
    const { sizes, layers, evalStatistics, evalBatch } = this.layout;
    const batchStats = evalStatistics === 'batch';
    const chunk = batchStats ? evalBatch : Math.max(EVAL_CHUNK, (this.buffers as Buffers).rows);
    return evaluateInChunks(this.kernels, x, labels, n, sizes[0], sizes[layers], chunk, (xs, rows) => {
      this.ensure(rows);
      this.forward(xs, rows, !batchStats);
      return (this.buffers as Buffers).z[layers - 1];
    });
  }

  setLearningRate(learningRate: number): void {
    this.learningRate = learningRate;
  }

  setOptimizer(kind: OptimizerKind): void {
    if (kind === this.optimizer) return;
    this.optimizer = kind;
    this.resetOptimizer();
  }

  /** Fresh Adam moments and bias correction (the paper's new optimizer per task). */
  resetOptimizer(): void {
    const f = this.kernels.heap.f32;
    const { m, v } = this.moments;
    f.fill(0, m, m + this.layout.size);
    f.fill(0, v, v + this.layout.size);
    this.t = 0;
  }

  async parameters(): Promise<Float32Array[]> {
    return this.layout.read(this.kernels.heap.f32, this.params);
  }

  /** Copies of the hidden weights W_h, layer by layer (synchronously). */
  hiddenWeights(): Float32Array[] {
    return this.layout.read(this.kernels.heap.f32, this.params).slice(0, this.layout.layers);
  }

  /** Edits W_h in place (views valid during the call only), then rebuilds the signs (error-aware training). */
  editHidden(edit: (layers: Float32Array[]) => void): void {
    const f = this.kernels.heap.f32;
    const { sizes, hidden } = this.layout;
    edit(hidden.map((at, l) => f.subarray(this.params + at, this.params + at + sizes[l] * sizes[l + 1])));
    this.binarizeWeights();
  }

  /** Every layer's γ, β and running statistics (as ../nets/bnn.ts's saveBatchNorm). */
  saveBatchNorm(): BatchNormState {
    const f = this.kernels.heap.f32;
    const widths = this.layout.sizes.slice(1);
    const part = (offset: number, w: number) => f.slice(offset, offset + w);
    return {
      gamma: widths.map((w, l) => part(this.params + this.layout.gamma[l], w)),
      beta: widths.map((w, l) => part(this.params + this.layout.beta[l], w)),
      runningMean: widths.map((w, l) => part(this.running[l].mean, w)),
      runningVar: widths.map((w, l) => part(this.running[l].variance, w)),
    };
  }

  restoreBatchNorm(state: BatchNormState): void {
    const f = this.kernels.heap.f32;
    this.layout.sizes.slice(1).forEach((_, l) => {
      f.set(state.gamma[l], this.params + this.layout.gamma[l]);
      f.set(state.beta[l], this.params + this.layout.beta[l]);
      f.set(state.runningMean[l], this.running[l].mean);
      f.set(state.runningVar[l], this.running[l].variance);
    });
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: this.kernels.heap.arrays, bytes: this.kernels.heap.bytes };
  }

  dispose(): void {
    this.buffers = null;
  }

  get model() {
    return this.layout.model;
  }

  private ensure(rows: number): void {
    if (this.buffers && this.buffers.rows >= rows) return;
    rows = Math.ceil(rows / 4) * 4;
    const heap = this.kernels.heap;
    const { sizes, layers } = this.layout;
    const widths = sizes.slice(1);
    const hidden = widths.slice(0, layers - 1);
    const widest = Math.max(...widths.map((w) => Math.ceil(w / 4) * 4), ...sizes);
    this.buffers = {
      rows,
      x: heap.alloc(rows * sizes[0]),
      a: widths.map((w) => heap.alloc(rows * w)),
      xhat: widths.map((w) => heap.alloc(rows * w)),
      z: widths.map((w) => heap.alloc(rows * w)),
      hBits: hidden.map((w) => heap.alloc(rows * words(w))),
      hBitsT: hidden.map((w) => heap.alloc(words(rows) * w)),
      delta: widths.map((w) => heap.alloc(rows * w)),
      deltaT: heap.alloc(rows * widest),
      dhT: heap.alloc(rows * widest),
      tables: heap.alloc(TABLE_FLOATS),
    };
  }

  /** sign(W) in the forms the products read: ±1 for the first layer, bits and 0/1 for the rest. */
  private binarizeWeights(): void {
    const { sizes, layers, hidden } = this.layout;
    this.bnn.binarize(sizes[0] * sizes[1], this.params + hidden[0], this.firstSigns, -1, 1);
    for (let l = 1; l < layers; l++) {
      this.bnn.packColumns(sizes[l], sizes[l + 1], this.params + hidden[l], this.wBits[l - 1]);
      this.bnn.packRows(sizes[l], sizes[l + 1], this.params + hidden[l], this.wBitsT[l - 1]);
    }
  }

  private forward(x: Float32Array, n: number, runningStats: boolean): void {
    const buf = this.buffers as Buffers;
    const { kernels, bnn, layout, params } = this;
    const { sizes, layers } = layout;
    kernels.heap.f32.set(x.subarray(0, n * sizes[0]), buf.x);
    for (let l = 0; l < layers; l++) {
      const fanIn = sizes[l];
      const w = sizes[l + 1];
      if (l === 0) kernels.gemm(n, w, fanIn, buf.x, fanIn, 1, this.firstSigns, buf.a[0], false);
      else bnn.signProduct(n, w, fanIn, buf.hBits[l - 1], this.wBits[l - 1], buf.a[l]);
      bnn.normForward(n, w, buf.a[l], params + layout.gamma[l], params + layout.beta[l], layout.epsilon, this.stats[l], runningStats ? this.running[l] : null, buf.xhat[l], buf.z[l]);
      if (l < layers - 1) {
        bnn.packRows(n, w, buf.z[l], buf.hBits[l]);
        bnn.packColumns(n, w, buf.z[l], buf.hBitsT[l]);
      }
    }
  }

  private backward(n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, bnn, layout, params, grads } = this;
    const { sizes, layers } = layout;
    const n4 = Math.ceil(n / 4) * 4;
    for (let l = layers - 1; l >= 0; l--) {
      const fanIn = sizes[l];
      const w = sizes[l + 1];
      const delta = buf.delta[l];
      bnn.normBackward(n, w, delta, buf.xhat[l], params + layout.gamma[l], this.stats[l].invStd, grads + layout.gamma[l], grads + layout.beta[l]);
      const gradW = grads + layout.hidden[l];
      if (l === 0) {
        if (fanIn * w <= SMALL_GRADIENT) kernels.gemmTN(fanIn, w, n, buf.x, delta, gradW, false);
        else kernels.gemm(fanIn, w, n, buf.x, 1, fanIn, delta, gradW, false);
        break;
      }
      // ∂Wℓ = hᵀδa: four rows of δa (batch rows) per table; the signs of hℓ₋₁'s column i select.
      kernels.heap.f32.fill(0, delta + n * w, delta + n4 * w);
      signTimes(bnn, buf.tables, TABLE_FLOATS, fanIn, n4 / 4, w, buf.hBitsT[l - 1], fanIn, 1, delta, w, gradW, w);
      // δhᵀ = sign(Wℓ)·δaᵀ: four rows of δaᵀ (units of layer ℓ) per table; row i of sign(Wℓ) selects.
      const w4 = Math.ceil(w / 4) * 4;
      kernels.transpose(n, w, delta, buf.deltaT);
      kernels.heap.f32.fill(0, buf.deltaT + w * n, buf.deltaT + w4 * n);
      signTimes(bnn, buf.tables, TABLE_FLOATS, fanIn, w4 / 4, n, this.wBitsT[l - 1], 1, words(w), buf.deltaT, n, buf.dhT, n);
      kernels.transpose(fanIn, n, buf.dhT, buf.delta[l - 1]);
      bnn.steMask(n * fanIn, buf.z[l - 1], buf.delta[l - 1]);
    }
  }

  /** One optimizer step over the block (metaplastic on the hidden weights when meta > 0), then sign(W). */
  private update(): void {
    const { kernels, bnn, params, grads, layout } = this;
    const { m, v } = this.moments;
    const size = layout.size;
    if (this.optimizer === 'sgd') {
      kernels.sgd(size, params, grads, this.learningRate);
    } else {
      this.t += 1;
      const beta1 = 0.9;
      const beta2 = 0.999;
      const correction2 = Math.sqrt(1 - beta2 ** this.t);
      const stepSize = (this.learningRate * correction2) / (1 - beta1 ** this.t);
      const epsHat = 1e-8 * correction2;
      const split = this.meta > 0 ? layout.hiddenSize : 0;
      if (split > 0) bnn.metaAdam(split, params, grads, m, v, beta1, beta2, stepSize, epsHat, this.meta);
      kernels.adam(size - split, params + split, grads + split, m + split, v + split, beta1, beta2, stepSize, epsHat);
    }
    this.binarizeWeights();
  }
}

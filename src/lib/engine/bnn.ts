/**
 * The binarized net of ../nets/bnn.ts on typed-array kernels (JS or WASM SIMD), trained by Adam,
 * SGD or metaplastic Adam (../rules/metaplastic.ts) exactly as the lib does:
 *
 *   aℓ = hℓ₋₁·sign(Wℓ),  zℓ = BN(aℓ) (batch statistics),  hℓ = sign(zℓ);  logits = z_L
 *   δaℓ = BN′(δzℓ),  ∂Wℓ = hℓ₋₁ᵀδaℓ,  δzℓ₋₁ = (δaℓ·sign(Wℓ)ᵀ) ⊙ 1_{|zℓ₋₁|≤1}   (straight-through)
 *
 * What makes it fast: hidden layers multiply ±1 by ±1, so their forward product is bit-packed —
 * k − 2·popcount(h ⊕ w), exact — and the backward products with a ±1 matrix S = 2B − 1 (B ∈ {0, 1})
 * are taken as 2·(x·B) − Σx, so the zero-skipping products skip the half of B that is 0. The first
 * layer's input is real pixels (≈80% zero): an ordinary zero-skipping product with sign(W₀).
 * Parameters are one block [W₀…, γ₀…, β₀…] (the lib's order), so the update is one or two fused calls.
 */
import type { BatchNormState } from '../nets/bnn';
import type { OptimizerKind } from '../optim';
import { bnnKernelsFor, packRows, words, type BnnKernels } from './bnn-kernels';
import { negatedSumsAndDouble, normBackward, normForward, positive, steMask, updateRunning, type NormStats } from './bnn-norm';
import { BnnLayout, type BnnOptions } from './bnn-layout';
import { evaluateInChunks, softmaxHead } from './common';
import type { Kernels } from './kernels';
import type { Batch, Engine, EngineName, EngineStep, OptimizerSettings } from './types';

const SMALL_GRADIENT = 16384;
const EVAL_CHUNK = 256;

interface Buffers {
  rows: number;
  x: number;
  a: number[];
  xhat: number[];
  z: number[];
  /** 0/1 and bit-packed signs of zℓ (hidden layers). */
  h01: number[];
  hBits: number[];
  delta: number[];
  deltaT: number;
  dhT: number;
  rowSums: number;
}

export class TypedBnn implements Engine {
  readonly layout: BnnLayout;
  private readonly bnn: BnnKernels;
  private readonly params: number;
  private readonly grads: number;
  private readonly moments: { m: number; v: number };
  /** sign(W₀) as ±1; for ℓ ≥ 1 sign(Wℓ) bit-packed by columns and as 0/1. */
  private readonly firstSigns: number;
  private readonly wBits: number[] = [];
  private readonly w01: number[] = [];
  private readonly stats: NormStats[];
  private readonly running: { mean: number; variance: number }[];
  private readonly colSums: number;
  private readonly sums: Float64Array;
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
      this.w01.push(heap.alloc(sizes[l] * sizes[l + 1]));
    }
    const widths = sizes.slice(1);
    this.stats = widths.map((w) => ({ mean: heap.alloc(w), variance: heap.alloc(w), invStd: heap.alloc(w) }));
    this.running = widths.map((w) => ({ mean: heap.alloc(w), variance: heap.alloc(w) }));
    this.colSums = heap.alloc(Math.max(...widths));
    this.sums = new Float64Array(2 * Math.max(...widths));
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
    const heap = this.kernels.heap;
    const { sizes, layers } = this.layout;
    const widths = sizes.slice(1);
    const hidden = widths.slice(0, layers - 1);
    const widest = Math.max(...sizes);
    this.buffers = {
      rows,
      x: heap.alloc(rows * sizes[0]),
      a: widths.map((w) => heap.alloc(rows * w)),
      xhat: widths.map((w) => heap.alloc(rows * w)),
      z: widths.map((w) => heap.alloc(rows * w)),
      h01: hidden.map((w) => heap.alloc(rows * w)),
      hBits: hidden.map((w) => heap.alloc(rows * words(w))),
      delta: widths.map((w) => heap.alloc(rows * w)),
      deltaT: heap.alloc(rows * widest),
      dhT: heap.alloc(rows * widest),
      rowSums: heap.alloc(rows),
    };
  }

  /** sign(W) in the forms the products read: ±1 for the first layer, bits and 0/1 for the rest. */
  private binarizeWeights(): void {
    const { sizes, layers, hidden } = this.layout;
    this.bnn.binarize(sizes[0] * sizes[1], this.params + hidden[0], this.firstSigns, -1, 1);
    for (let l = 1; l < layers; l++) {
      this.bnn.packColumns(sizes[l], sizes[l + 1], this.params + hidden[l], this.wBits[l - 1]);
      this.bnn.binarize(sizes[l] * sizes[l + 1], this.params + hidden[l], this.w01[l - 1], 0, 1);
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
      const f = kernels.heap.f32;
      normForward(f, n, w, buf.a[l], params + layout.gamma[l], params + layout.beta[l], layout.epsilon, this.stats[l], runningStats ? this.running[l] : null, buf.xhat[l], buf.z[l], this.sums);
      if (l < layers - 1) {
        positive(f, n * w, buf.z[l], buf.h01[l]);
        packRows(kernels.heap, n, w, buf.z[l], buf.hBits[l]);
      }
    }
  }

  private backward(n: number): void {
    const buf = this.buffers as Buffers;
    const { kernels, layout, params, grads } = this;
    const { sizes, layers } = layout;
    for (let l = layers - 1; l >= 0; l--) {
      const fanIn = sizes[l];
      const w = sizes[l + 1];
      const delta = buf.delta[l];
      normBackward(kernels.heap.f32, n, w, delta, buf.xhat[l], params + layout.gamma[l], this.stats[l].invStd, grads + layout.gamma[l], grads + layout.beta[l], this.sums);
      const gradW = grads + layout.hidden[l];
      if (l === 0) {
        if (fanIn * w <= SMALL_GRADIENT) kernels.gemmTN(fanIn, w, n, buf.x, delta, gradW, false);
        else kernels.gemm(fanIn, w, n, buf.x, 1, fanIn, delta, gradW, false);
        break;
      }
      // With h = 2·h01 − 1 and sign(W) = 2·W01 − 1: ∂W = h01ᵀ(2δa) − Σ_batch δa and
      // δh = (2δa)·W01ᵀ − Σ_row δa, the products skipping the zeros of h01 and W01.
      negatedSumsAndDouble(kernels.heap.f32, n, w, delta, this.colSums, buf.rowSums, this.sums);
      const input = buf.h01[l - 1];
      if (fanIn * w <= SMALL_GRADIENT) kernels.gemmTN(fanIn, w, n, input, delta, gradW, false);
      else kernels.gemm(fanIn, w, n, input, 1, fanIn, delta, gradW, false);
      kernels.biasAdd(fanIn, w, gradW, this.colSums, -1);
      kernels.transpose(n, w, delta, buf.deltaT);
      kernels.gemm(fanIn, n, w, this.w01[l - 1], w, 1, buf.deltaT, buf.dhT, false);
      kernels.biasAdd(fanIn, n, buf.dhT, buf.rowSums, -1);
      kernels.transpose(fanIn, n, buf.dhT, buf.delta[l - 1]);
      steMask(kernels.heap.f32, n * fanIn, buf.z[l - 1], buf.delta[l - 1]);
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

/// <reference types="@webgpu/types" />
/**
 * The binarized net of ../bnn.ts (../../nets/bnn.ts) as fused WGSL. Per layer: aℓ = hℓ₋₁·sign(Wℓ)
 * (the product reads sign(z) and sign(W) as it loads its tiles), batch norm (one thread per column:
 * batch statistics, x̂, z, running statistics); the softmax head; per layer, backward: batch norm's
 * backward in place (δz → δa, ∂γ, ∂β), ∂Wℓ = sign(zℓ₋₁)ᵀδa, δzℓ₋₁ = (δa·sign(Wℓ)ᵀ) ⊙ 1_{|zℓ₋₁|≤1}
 * (the straight-through estimator in the product's epilogue); then Adam, metaplastic on the hidden
 * weights when m > 0, over the block [W…, γ…, β…]. 6L − 1 dispatches + 1, one submit per step.
 */
import type { BatchNormState } from '../../nets/bnn';
import { BnnLayout, type BnnOptions } from '../bnn-layout';
import type { OptimizerSettings } from '../types';
import { EVAL_CHUNK, WebGpuModel } from './base';
import { groups, type DispatchSpec } from './gpu';
import { matmulDispatches } from './matmul';
import { HEAD_FIELDS, headShader, NORM_BACK_FIELDS, NORM_FIELDS, normBackwardShader, normForwardShader, packUniforms } from './shaders';

const STATS = 4;

export class WebGpuBnn extends WebGpuModel {
  readonly layout: BnnLayout;
  /** Each layer's batch-norm state in S: [mean | variance | 1/√(σ²+ε) | running mean | running variance]. */
  private readonly state: number[] = [];
  private a: GPUBuffer[] = [];
  private xhat: GPUBuffer[] = [];
  private z: GPUBuffer[] = [];
  private delta: GPUBuffer[] = [];

  constructor(device: GPUDevice, options: BnnOptions, init: Float32Array[], settings: OptimizerSettings) {
    const layout = new BnnLayout(options);
    const block = new Float32Array(layout.size);
    layout.load(block, 0, init);
    const widths = layout.sizes.slice(1);
    const stateFloats = widths.reduce((s, w) => s + 5 * w, 0);
    super(device, layout.model, layout.size, layout.sizes[0], layout.sizes[layout.layers], block, settings, layout.hiddenSize, stateFloats);
    this.layout = layout;
    let at = STATS;
    const initial = new Float32Array(STATS + stateFloats);
    widths.forEach((w) => {
      this.state.push(at);
      initial.fill(1, at + 4 * w, at + 5 * w);
      at += 5 * w;
    });
    device.queue.writeBuffer(this.S, 0, initial);
    this.ensure(1);
  }

  protected allocate(rows: number): void {
    const widths = this.layout.sizes.slice(1);
    [this.a, this.xhat, this.z, this.delta] = [0, 1, 2, 3].map(() => widths.map((w) => this.gpu.buffer(rows * w)));
  }

  protected override evalChunk(): number {
    return this.layout.evalStatistics === 'batch' ? this.layout.evalBatch : Math.max(EVAL_CHUNK, this.rows);
  }

  /** mode 0: training (batch statistics, running ones moved), 1: running statistics, 2: batch statistics only. */
  private forward(n: number, mode: number): DispatchSpec[] {
    const { sizes, layers, gamma, beta, hidden, epsilon, momentum } = this.layout;
    const specs: DispatchSpec[] = [];
    for (let l = 0; l < layers; l++) {
      const [fanIn, w] = [sizes[l], sizes[l + 1]];
      specs.push(
        ...matmulDispatches({
          m: n, n: w, k: fanIn,
          a: { buffer: l === 0 ? this.X : this.z[l - 1], rs: fanIn, cs: 1, load: l === 0 ? 'plain' : 'sign' },
          b: { buffer: this.P, off: hidden[l], rs: w, cs: 1, sign: true },
          c: { buffer: this.a[l], rs: w },
        }),
        {
          shader: normForwardShader,
          buffers: [this.a[l], this.P, this.xhat[l], this.z[l], this.S],
          uniforms: packUniforms(NORM_FIELDS, { n, w, gOff: gamma[l], bOff: beta[l], sOff: this.state[l], eps: epsilon, momentum, unbias: n > 1 ? n / (n - 1) : 1, mode }, ['eps', 'momentum', 'unbias']),
          workgroups: [groups(w)],
        },
      );
    }
    return specs;
  }

  protected trainSpecs(n: number): DispatchSpec[] {
    const { sizes, layers, gamma, beta, hidden } = this.layout;
    const specs = this.forward(n, 0);
    specs.push({
      shader: headShader('train'),
      buffers: [this.z[layers - 1], this.L, this.S, this.delta[layers - 1]],
      uniforms: packUniforms(HEAD_FIELDS, { n, classes: this.classes }),
      workgroups: [1],
    });
    for (let l = layers - 1; l >= 0; l--) {
      const [fanIn, w] = [sizes[l], sizes[l + 1]];
      specs.push({
        shader: normBackwardShader,
        buffers: [this.delta[l], this.xhat[l], this.P, this.G, this.S],
        uniforms: packUniforms(NORM_BACK_FIELDS, { n, w, gOff: gamma[l], ggOff: gamma[l], gbOff: beta[l], sOff: this.state[l] }),
        workgroups: [groups(w)],
      });
      specs.push(
        ...matmulDispatches({
          m: fanIn, n: w, k: n,
          a: { buffer: l === 0 ? this.X : this.z[l - 1], rs: 1, cs: fanIn, load: l === 0 ? 'plain' : 'sign' },
          b: { buffer: this.delta[l], rs: w, cs: 1 },
          c: { buffer: this.G, off: hidden[l], rs: w },
        }),
      );
      if (l === 0) break;
      specs.push(
        ...matmulDispatches({
          m: n, n: fanIn, k: w,
          a: { buffer: this.delta[l], rs: w, cs: 1 },
          b: { buffer: this.P, off: hidden[l], rs: 1, cs: w, sign: true },
          c: { buffer: this.delta[l - 1], rs: fanIn },
          epilogue: 'ste',
          e: { buffer: this.z[l - 1] },
        }),
      );
    }
    return specs;
  }

  protected evalSpecs(n: number): DispatchSpec[] {
    const batchStats = this.layout.evalStatistics === 'batch';
    return [
      ...this.forward(n, batchStats ? 2 : 1),
      { shader: headShader('eval'), buffers: [this.z[this.layout.layers - 1], this.L, this.S], uniforms: packUniforms(HEAD_FIELDS, { n, classes: this.classes }), workgroups: [1] },
    ];
  }

  protected split(block: Float32Array): Float32Array[] {
    return this.layout.read(block, 0);
  }

  /** γ, β and the running statistics of every layer (as ../../nets/bnn.ts's saveBatchNorm). */
  async saveBatchNorm(): Promise<BatchNormState> {
    const [params, state] = await Promise.all([this.parameters(), this.gpu.read(this.S, (this.state[this.state.length - 1] + 5 * this.layout.sizes[this.layout.layers]) * 4)]);
    const L = this.layout.layers;
    const widths = this.layout.sizes.slice(1);
    return {
      gamma: params.slice(L, 2 * L),
      beta: params.slice(2 * L),
      runningMean: widths.map((w, l) => state.slice(this.state[l] + 3 * w, this.state[l] + 4 * w)),
      runningVar: widths.map((w, l) => state.slice(this.state[l] + 4 * w, this.state[l] + 5 * w)),
    };
  }

  restoreBatchNorm(state: BatchNormState): void {
    const queue = this.gpu.device.queue;
    this.layout.sizes.slice(1).forEach((w, l) => {
      queue.writeBuffer(this.P, this.layout.gamma[l] * 4, Float32Array.from(state.gamma[l]));
      queue.writeBuffer(this.P, this.layout.beta[l] * 4, Float32Array.from(state.beta[l]));
      queue.writeBuffer(this.S, (this.state[l] + 3 * w) * 4, Float32Array.from(state.runningMean[l]));
      queue.writeBuffer(this.S, (this.state[l] + 4 * w) * 4, Float32Array.from(state.runningVar[l]));
    });
  }
}

/// <reference types="@webgpu/types" />
/**
 * The MLP of ../mlp.ts (and ../../nets/mlp.ts) as fused WGSL: per layer one product with the bias
 * and activation in its epilogue (aℓ = [hℓ₋₁, 1]·[Wℓ; bℓ]), the softmax head, per layer ∂[Wℓ; bℓ] =
 * [hℓ₋₁, 1]ᵀδℓ in one product and δℓ₋₁ = (δℓWℓᵀ) ⊙ f′ in another (f′ from hℓ₋₁ itself), then one
 * optimizer dispatch over the block: 3L + 1 + 1 dispatches (7 for 784-256-10), one submit.
 * Parameter block: W₁, b₁, W₂, b₂, … (../mlp.ts's layout).
 */
import type { Activation } from '../../nets/activations';
import type { OptimizerSettings } from '../types';
import { WebGpuModel } from './base';
import type { DispatchSpec } from './gpu';
import { matmulDispatches, type Epilogue } from './matmul';
import { HEAD_FIELDS, headShader, packUniforms } from './shaders';

const FORWARD: Record<Activation, Epilogue> = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'none' };
const BACKWARD: Record<Activation, Epilogue> = { relu: 'd-relu', tanh: 'd-tanh', sigmoid: 'd-sigmoid', linear: 'none' };

export class WebGpuMlp extends WebGpuModel {
  private readonly layers: number;
  private readonly w: number[] = [];
  private act: GPUBuffer[] = [];
  private delta: GPUBuffer[] = [];

  constructor(
    device: GPUDevice,
    private readonly sizes: number[],
    private readonly activation: Activation,
    init: { weights: Float32Array[]; biases: Float32Array[] },
    settings: OptimizerSettings,
  ) {
    const layers = sizes.length - 1;
    const offsets: number[] = [];
    let size = 0;
    for (let l = 0; l < layers; l++) {
      offsets.push(size);
      size += (sizes[l] + 1) * sizes[l + 1];
    }
    const block = new Float32Array(size);
    init.weights.forEach((w, l) => {
      block.set(w, offsets[l]);
      block.set(init.biases[l], offsets[l] + w.length);
    });
    super(device, { kind: 'mlp', sizes: [...sizes], activation }, size, sizes[0], sizes[layers], block, settings);
    this.layers = layers;
    this.w = offsets;
    this.ensure(1);
  }

  protected allocate(rows: number): void {
    this.act = this.sizes.slice(1).map((w) => this.gpu.buffer(rows * w));
    this.delta = this.sizes.slice(1).map((w) => this.gpu.buffer(rows * w));
  }

  private forward(n: number): DispatchSpec[] {
    const { sizes, layers } = this;
    return sizes.slice(1).flatMap((out, l) =>
      matmulDispatches({
        m: n, n: out, k: sizes[l] + 1,
        a: { buffer: l === 0 ? this.X : this.act[l - 1], rs: sizes[l], cs: 1, onesCol: sizes[l] },
        b: { buffer: this.P, off: this.w[l], rs: out, cs: 1 },
        c: { buffer: this.act[l], rs: out },
        epilogue: l === layers - 1 ? 'none' : FORWARD[this.activation],
      }),
    );
  }

  protected trainSpecs(n: number): DispatchSpec[] {
    const { sizes, layers } = this;
    const specs = this.forward(n);
    specs.push({
      shader: headShader('train'),
      buffers: [this.act[layers - 1], this.L, this.S, this.delta[layers - 1]],
      uniforms: packUniforms(HEAD_FIELDS, { n, classes: this.classes }),
      workgroups: [1],
    });
    for (let l = layers - 1; l >= 0; l--) {
      const [fanIn, out] = [sizes[l], sizes[l + 1]];
      specs.push(
        ...matmulDispatches({
          m: fanIn + 1, n: out, k: n,
          a: { buffer: l === 0 ? this.X : this.act[l - 1], rs: 1, cs: fanIn, onesRow: fanIn },
          b: { buffer: this.delta[l], rs: out, cs: 1 },
          c: { buffer: this.G, off: this.w[l], rs: out },
        }),
      );
      if (l === 0) break;
      specs.push(
        ...matmulDispatches({
          m: n, n: fanIn, k: out,
          a: { buffer: this.delta[l], rs: out, cs: 1 },
          b: { buffer: this.P, off: this.w[l], rs: 1, cs: out },
          c: { buffer: this.delta[l - 1], rs: fanIn },
          epilogue: BACKWARD[this.activation],
          e: { buffer: this.act[l - 1] },
        }),
      );
    }
    return specs;
  }

  protected evalSpecs(n: number): DispatchSpec[] {
    return [
      ...this.forward(n),
      { shader: headShader('eval'), buffers: [this.act[this.layers - 1], this.L, this.S], uniforms: packUniforms(HEAD_FIELDS, { n, classes: this.classes }), workgroups: [1] },
    ];
  }

  protected split(block: Float32Array): Float32Array[] {
    const { sizes } = this;
    const weights = this.w.map((o, l) => block.slice(o, o + sizes[l] * sizes[l + 1]));
    const biases = this.w.map((o, l) => block.slice(o + sizes[l] * sizes[l + 1], o + (sizes[l] + 1) * sizes[l + 1]));
    return [...weights, ...biases];
  }
}

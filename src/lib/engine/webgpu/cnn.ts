/// <reference types="@webgpu/types" />
/**
 * The small CNN of ../cnn.ts (../../nets/cnn.ts) as fused WGSL: per block, one product that reads
 * the image patches in place (implicit im2col, [patches, 1]·[W; b]) with ReLU in its epilogue and a
 * 2×2 max pool that keeps each window's winner; the dense layer and the head; backward, the dense
 * ∂[W; b] and the pooled gradient, then per block the routing back to the winners (× ReLU′), the
 * conv ∂[W; b] = [patches, 1]ᵀ δ (split over k: it is a long sum of few outputs) and, below the
 * first block, col2im of δ·Wᵀ gathered per input pixel; then the optimizer. Same layouts (NHWC,
 * patch order (ki, kj, c)), same tie rule in the pool, same parameter block as ../cnn.ts.
 */
import type { CnnSpec } from '../../nets/cnn';
import type { OptimizerSettings } from '../types';
import { WebGpuModel } from './base';
import { groups, type DispatchSpec } from './gpu';
import { matmulDispatches } from './matmul';
import { COL2IM_FIELDS, col2imShader, HEAD_FIELDS, headShader, packUniforms, POOL_FIELDS, poolShader, unpoolShader } from './shaders';

interface Block {
  h: number;
  w: number;
  ch: number;
  kern: number;
  ho: number;
  wo: number;
  filters: number;
  pos: number;
  patch: number;
  /** Offset of [W; b] in the block. */
  off: number;
}

function plan(spec: CnnSpec): { blocks: Block[]; features: number; dense: number; size: number } {
  let [side, ch, off] = [spec.imageSize, spec.inputChannels, 0];
  const blocks = spec.conv.map(({ filters, kernel }) => {
    const out = side - kernel + 1;
    if (out < 2 || out % 2 !== 0) throw new Error(`CNN: conv output ${out}×${out} cannot be pooled by 2`);
    const b: Block = { h: side, w: side, ch, kern: kernel, ho: out, wo: out, filters, pos: out * out, patch: kernel * kernel * ch, off };
    off += (b.patch + 1) * filters;
    [side, ch] = [out / 2, filters];
    return b;
  });
  const features = side * side * ch;
  return { blocks, features, dense: off, size: off + (features + 1) * spec.classes };
}

const SPLIT_SLICES = 64;

export class WebGpuCnn extends WebGpuModel {
  private readonly blocks: Block[];
  private readonly features: number;
  private readonly dense: number;
  private post: GPUBuffer[] = [];
  private pooled: GPUBuffer[] = [];
  private winner: GPUBuffer[] = [];
  private dPost: GPUBuffer[] = [];
  private dPooled: GPUBuffer[] = [];
  private logits!: GPUBuffer;
  private delta!: GPUBuffer;
  private scratch!: { buffer: GPUBuffer; floats: number };

  constructor(device: GPUDevice, spec: CnnSpec, init: Float32Array[], settings: OptimizerSettings) {
    const p = plan(spec);
    const block = new Float32Array(p.size);
    let at = 0;
    for (const part of init) {
      block.set(part, at);
      at += part.length;
    }
    if (at !== p.size) throw new Error(`WebGpuCnn: ${at} initial values for ${p.size} parameters`);
    super(device, { kind: 'cnn', spec }, p.size, spec.imageSize ** 2 * spec.inputChannels, spec.classes, block, settings);
    [this.blocks, this.features, this.dense] = [p.blocks, p.features, p.dense];
    this.ensure(1);
  }

  protected allocate(rows: number): void {
    const g = this.gpu;
    this.post = this.blocks.map((b) => g.buffer(rows * b.pos * b.filters));
    this.pooled = this.blocks.map((b) => g.buffer((rows * b.pos * b.filters) / 4));
    this.winner = this.blocks.map((b) => g.buffer((rows * b.pos * b.filters) / 4));
    this.dPost = this.blocks.map((b) => g.buffer(rows * b.pos * b.filters));
    this.dPooled = this.blocks.map((b) => g.buffer((rows * b.pos * b.filters) / 4));
    this.logits = g.buffer(rows * this.classes);
    this.delta = g.buffer(rows * this.classes);
    if (!this.scratch) {
      const floats = SPLIT_SLICES * Math.max((this.features + 1) * this.classes, ...this.blocks.map((b) => (b.patch + 1) * b.filters));
      this.scratch = { buffer: g.buffer(floats), floats };
    }
  }

  private input(l: number): GPUBuffer {
    return l === 0 ? this.X : this.pooled[l - 1];
  }

  private forward(n: number): DispatchSpec[] {
    const specs: DispatchSpec[] = [];
    this.blocks.forEach((b, l) => {
      specs.push(
        ...matmulDispatches({
          m: n * b.pos, n: b.filters, k: b.patch + 1,
          a: { buffer: this.input(l), rs: 0, cs: 1, load: 'im2col', onesCol: b.patch, conv: b },
          b: { buffer: this.P, off: b.off, rs: b.filters, cs: 1 },
          c: { buffer: this.post[l], rs: b.filters },
          epilogue: 'relu',
        }),
        { shader: poolShader, buffers: [this.post[l], this.pooled[l], this.winner[l]], uniforms: packUniforms(POOL_FIELDS, { n, ho: b.ho, wo: b.wo, ch: b.filters }), workgroups: [groups((n * b.pos * b.filters) / 4)] },
      );
    });
    const last = this.blocks.length - 1;
    specs.push(
      ...matmulDispatches({
        m: n, n: this.classes, k: this.features + 1,
        a: { buffer: this.pooled[last], rs: this.features, cs: 1, onesCol: this.features },
        b: { buffer: this.P, off: this.dense, rs: this.classes, cs: 1 },
        c: { buffer: this.logits, rs: this.classes },
      }),
    );
    return specs;
  }

  protected trainSpecs(n: number): DispatchSpec[] {
    const { classes, features, blocks } = this;
    const last = blocks.length - 1;
    const specs = this.forward(n);
    specs.push(
      { shader: headShader('train'), buffers: [this.logits, this.L, this.S, this.delta], uniforms: packUniforms(HEAD_FIELDS, { n, classes }), workgroups: [1] },
      ...matmulDispatches({
        m: features + 1, n: classes, k: n,
        a: { buffer: this.pooled[last], rs: 1, cs: features, onesRow: features },
        b: { buffer: this.delta, rs: classes, cs: 1 },
        c: { buffer: this.G, off: this.dense, rs: classes },
        scratch: this.scratch,
      }),
      ...matmulDispatches({
        m: n, n: features, k: classes,
        a: { buffer: this.delta, rs: classes, cs: 1 },
        b: { buffer: this.P, off: this.dense, rs: 1, cs: classes },
        c: { buffer: this.dPooled[last], rs: features },
      }),
    );
    for (let l = last; l >= 0; l--) {
      const b = blocks[l];
      specs.push(
        { shader: unpoolShader, buffers: [this.dPooled[l], this.winner[l], this.post[l], this.dPost[l]], uniforms: packUniforms(POOL_FIELDS, { n, ho: b.ho, wo: b.wo, ch: b.filters }), workgroups: [groups(n * b.pos * b.filters)] },
        ...matmulDispatches({
          m: b.patch + 1, n: b.filters, k: n * b.pos,
          a: { buffer: this.input(l), rs: 0, cs: 0, load: 'im2colT', onesRow: b.patch, conv: b },
          b: { buffer: this.dPost[l], rs: b.filters, cs: 1 },
          c: { buffer: this.G, off: b.off, rs: b.filters },
          scratch: this.scratch,
        }),
      );
      if (l === 0) break;
      specs.push({
        shader: col2imShader,
        buffers: [this.dPost[l], this.P, this.dPooled[l - 1]],
        uniforms: packUniforms(COL2IM_FIELDS, { n, h: b.h, w: b.w, ch: b.ch, kern: b.kern, ho: b.ho, wo: b.wo, filters: b.filters, wOff: b.off }),
        workgroups: [groups(n * b.h * b.w * b.ch)],
      });
    }
    return specs;
  }

  protected evalSpecs(n: number): DispatchSpec[] {
    return [...this.forward(n), { shader: headShader('eval'), buffers: [this.logits, this.L, this.S], uniforms: packUniforms(HEAD_FIELDS, { n, classes: this.classes }), workgroups: [1] }];
  }

  protected split(block: Float32Array): Float32Array[] {
    const part = (o: number, len: number) => block.slice(o, o + len);
    return [
      ...this.blocks.flatMap((b) => [part(b.off, b.patch * b.filters), part(b.off + b.patch * b.filters, b.filters)]),
      part(this.dense, this.features * this.classes),
      part(this.dense + this.features * this.classes, this.classes),
    ];
  }
}

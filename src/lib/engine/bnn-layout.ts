/**
 * Where a binarized net's parameters sit in one flat block, in ../nets/bnn.ts's order
 * (bnnParameters): W_h₀ … W_h,L−1 [fanIn×fanOut] row-major, then γ₀ … γ_L−1, then β₀ … β_L−1; the
 * hidden weights first, so the metaplastic update covers [0, hiddenSize). Also the initial values
 * createBnn draws (same Rng, same order), for every engine.
 */
import type { BnnSpec } from '../nets/bnn';
import type { Rng } from '../random';
import type { ModelSpec } from './types';

export type BnnOptions = BnnSpec;

const DEFAULT_INIT_SCALE = 0.1;

/** createBnn's initial parameters as [W_h…, γ…, β…] (β = 0). */
export function initialBnnParameters(spec: BnnOptions, rng: Rng): Float32Array[] {
  const r = spec.initScale ?? DEFAULT_INIT_SCALE;
  const widths = spec.sizes.slice(1);
  const hidden = widths.map((fanOut, l) => rng.uniformArray(spec.sizes[l] * fanOut, -r, r));
  const gamma = spec.gammaInit === 'uniform' ? widths.map((w) => rng.uniformArray(w, 0, 1)) : widths.map((w) => new Float32Array(w).fill(1));
  return [...hidden, ...gamma, ...widths.map((w) => new Float32Array(w))];
}

export class BnnLayout {
  readonly sizes: number[];
  readonly layers: number;
  /** Offsets in the block of each layer's W_h, γ and β. */
  readonly hidden: number[] = [];
  readonly gamma: number[] = [];
  readonly beta: number[] = [];
  readonly hiddenSize: number;
  readonly size: number;
  readonly epsilon: number;
  readonly momentum: number;
  readonly evalStatistics: 'running' | 'batch';
  readonly evalBatch: number;
  readonly model: ModelSpec;

  constructor(readonly spec: BnnOptions) {
    if (spec.sizes.length < 2) throw new Error(`A BNN needs at least two layer sizes, got [${spec.sizes.join(', ')}]`);
    this.sizes = [...spec.sizes];
    this.layers = this.sizes.length - 1;
    let at = 0;
    for (let l = 0; l < this.layers; l++) {
      this.hidden.push(at);
      at += this.sizes[l] * this.sizes[l + 1];
    }
    this.hiddenSize = at;
    for (const list of [this.gamma, this.beta]) {
      for (let l = 0; l < this.layers; l++) {
        list.push(at);
        at += this.sizes[l + 1];
      }
    }
    this.size = at;
    this.epsilon = spec.bnEpsilon ?? 1e-5;
    this.momentum = spec.bnMomentum ?? 0.1;
    this.evalStatistics = spec.evalStatistics ?? 'running';
    this.evalBatch = spec.evalBatch ?? 1000;
    this.model = { ...spec, kind: 'bnn', sizes: [...spec.sizes] };
  }

  /** The parts' lengths, in block order. */
  get parts(): number[] {
    const widths = this.sizes.slice(1);
    return [...widths.map((w, l) => this.sizes[l] * w), ...widths, ...widths];
  }

  /** Copy [W_h…, γ…, β…] into the block at `at`. */
  load(f: Float32Array, at: number, init: Float32Array[]): void {
    const lengths = this.parts;
    if (init.length !== lengths.length || init.some((p, i) => p.length !== lengths[i])) throw new Error('BnnLayout: initial parameters do not match the sizes');
    let offset = at;
    init.forEach((p) => {
      f.set(p, offset);
      offset += p.length;
    });
  }

  /** Copies of [W_h…, γ…, β…] from the block at `at`. */
  read(f: Float32Array, at: number): Float32Array[] {
    let offset = at;
    return this.parts.map((length) => {
      const part = f.slice(offset, offset + length);
      offset += length;
      return part;
    });
  }
}

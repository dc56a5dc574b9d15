/**
 * Post-training compression of a float MLP, on plain typed arrays (no tfjs):
 *
 *  - quantization, symmetric and per layer: b ≥ 2 bits keep the levels q·s, q ∈ {−(2ᵇ⁻¹−1) … 2ᵇ⁻¹−1},
 *    with the scale s chosen per weight matrix ('max': s = max|W| / (2ᵇ⁻¹−1), nothing clipped; 'mse':
 *    the clipping of max|W| among CLIP_RATIOS that minimises Σ(W − Q(W))²); 1 bit keeps sign(W)·mean|W|
 *    (the mean over the weights that survive pruning, as XNOR-Net's scale). Biases stay 32-bit floats.
 *  - magnitude pruning: the fraction `sparsity` of the weights smallest in |W| set to zero, either
 *    over all weight matrices at once ('global', the chapter's) or matrix by matrix ('per-layer').
 *    A pruned weight stays exactly 0 under every quantizer (so 1 bit and pruning make three values).
 *  - fine-tuning with the mask kept: a few SGD steps of the lib's typed-array MLP engine
 *    (../engine/mlp.ts) on the quantized, masked weights; the gradient updates float shadow weights
 *    (the straight-through estimator, as BinaryConnect), pruned weights stay 0.
 *
 * Weight matrices are [in, out] row-major (the lib's layout); params are [W₁ … W_L, b₁ … b_L].
 */
import { TypedMlp } from '../engine/mlp';
import { jsKernels } from '../engine/js-kernels';
import type { Rng } from '../random';

export type ScaleRule = 'max' | 'mse';
export type PruneMode = 'global' | 'per-layer';

/** Clip ratios of max|W| tried by the 'mse' scale. */
export const CLIP_RATIOS = Array.from({ length: 40 }, (_, i) => 1 - i * 0.024);

/** Bits 32 = the float weights as they are. */
export const BIT_CHOICES = [32, 8, 4, 3, 2, 1] as const;

export interface Quantized {
  values: Float32Array;
  scale: number;
  /** Distinct values the weights may take (including 0). */
  levels: number;
}

function maxAbs(w: Float32Array): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) m = Math.max(m, Math.abs(w[i]));
  return m;
}

function quantizeWith(w: Float32Array, scale: number, qmax: number, out = new Float32Array(w.length)): Float32Array {
  if (!(scale > 0)) return out.fill(0);
  // Halves round away from zero, so the quantizer is odd: Q(−w) = −Q(w).
  for (let i = 0; i < w.length; i++) {
    const q = Math.min(qmax, Math.round(Math.abs(w[i]) / scale));
    out[i] = q === 0 ? 0 : Math.sign(w[i]) * q * scale;
  }
  return out;
}

/** The per-layer scale: max|W|/qmax, or the clipping with the least squared error. */
export function chooseScale(w: Float32Array, bits: number, rule: ScaleRule = 'max'): number {
  const qmax = 2 ** (bits - 1) - 1;
  const m = maxAbs(w);
  if (rule === 'max' || m === 0) return m / qmax;
  let best = m / qmax;
  let bestErr = Infinity;
  const scratch = new Float32Array(w.length);
  for (const r of CLIP_RATIOS) {
    const s = (r * m) / qmax;
    quantizeWith(w, s, qmax, scratch);
    let err = 0;
    for (let i = 0; i < w.length; i++) err += (w[i] - scratch[i]) ** 2;
    if (err < bestErr) [best, bestErr] = [s, err];
  }
  return best;
}

/** Symmetric quantization of one weight matrix to `bits` (1 = sign × mean|W| of the non-zero weights). */
export function quantize(w: Float32Array, bits: number, rule: ScaleRule = 'max'): Quantized {
  if (!Number.isInteger(bits) || bits < 1 || bits > 32) throw new RangeError(`quantize: ${bits} bits`);
  if (bits >= 32) return { values: Float32Array.from(w), scale: 0, levels: new Set(w).size };
  if (bits === 1) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) [sum, count] = [sum + Math.abs(w[i]), count + 1];
    const scale = count ? sum / count : 0;
    const values = Float32Array.from(w, (v) => (v > 0 ? scale : v < 0 ? -scale : 0));
    return { values, scale, levels: count < w.length ? 3 : 2 };
  }
  const qmax = 2 ** (bits - 1) - 1;
  const scale = chooseScale(w, bits, rule);
  return { values: quantizeWith(w, scale, qmax), scale, levels: 2 * qmax + 1 };
}

/**
 * Masks (1 = kept) pruning the fraction `sparsity` of weights with the smallest |W|: over all the
 * matrices at once ('global') or within each ('per-layer'). Exactly round(sparsity × n) are pruned.
 */
export function pruneMasks(weights: readonly Float32Array[], sparsity: number, mode: PruneMode = 'global'): Uint8Array[] {
  if (!(sparsity >= 0 && sparsity < 1)) throw new RangeError(`pruneMasks: sparsity ${sparsity}`);
  const prune = (groups: { layer: number; w: Float32Array }[], masks: Uint8Array[]) => {
    const total = groups.reduce((s, g) => s + g.w.length, 0);
    const k = Math.round(sparsity * total);
    if (k === 0) return;
    const order = new Uint32Array(total);
    const mags = new Float32Array(total);
    let at = 0;
    for (const g of groups) {
      for (let i = 0; i < g.w.length; i++) {
        mags[at] = Math.abs(g.w[i]);
        order[at] = at;
        at++;
      }
    }
    order.sort((a, b) => mags[a] - mags[b] || a - b);
    const starts: number[] = [];
    groups.reduce((s, g) => (starts.push(s), s + g.w.length), 0);
    for (let j = 0; j < k; j++) {
      const flat = order[j];
      let g = groups.length - 1;
      while (starts[g] > flat) g--;
      masks[groups[g].layer][flat - starts[g]] = 0;
    }
  };
  const masks = weights.map((w) => new Uint8Array(w.length).fill(1));
  const groups = weights.map((w, layer) => ({ layer, w }));
  if (mode === 'global') prune(groups, masks);
  else for (const g of groups) prune([g], masks);
  return masks;
}

export function applyMask(w: Float32Array, mask: Uint8Array): Float32Array {
  return Float32Array.from(w, (v, i) => (mask[i] ? v : 0));
}

export interface CompressOptions {
  bits: number;
  sparsity: number;
  prune?: PruneMode;
  scale?: ScaleRule;
}

/** The deployed parameters: weights masked then quantized, biases as they are. */
export function compressParams(params: readonly Float32Array[], masks: readonly Uint8Array[], bits: number, scale: ScaleRule = 'mse'): Float32Array[] {
  const layers = params.length / 2;
  const weights = params.slice(0, layers).map((w, l) => quantize(applyMask(w, masks[l]), bits, scale).values);
  return [...weights, ...params.slice(layers).map((b) => Float32Array.from(b))];
}

/**
 * Storage of the compressed model in bits: kept weights at `bits` each, one scale (32 bits) per quantized
 * matrix, biases at 32 bits, and, once anything is pruned, a 1-bit-per-weight map of which are kept.
 */
export function modelBits(params: readonly Float32Array[], masks: readonly Uint8Array[], bits: number): number {
  const layers = params.length / 2;
  let kept = 0;
  let all = 0;
  for (const m of masks) for (let i = 0; i < m.length; i++) [kept, all] = [kept + m[i], all + 1];
  const biases = params.slice(layers).reduce((s, b) => s + b.length, 0);
  return kept * bits + (bits < 32 ? 32 * layers : 0) + 32 * biases + (kept < all ? all : 0);
}

/** Digits as the engines read them: grey levels 0..255, `side²` per image. */
export interface DigitSet {
  images: Uint8Array;
  labels: ArrayLike<number>;
  n: number;
}

/**
 * Accuracy of the ReLU MLP `params` on the digits [from, to) (pixels / 255), counting the correct
 * answers. Zero inputs and zero activations are skipped (exact), which makes MNIST cheap.
 */
export function countCorrect(params: readonly Float32Array[], sizes: readonly number[], data: DigitSet, from = 0, to = data.n): number {
  const layers = sizes.length - 1;
  const widest = Math.max(...sizes);
  let a = new Float32Array(widest);
  let z = new Float32Array(widest);
  let correct = 0;
  const inputs = sizes[0];
  for (let k = from; k < to; k++) {
    for (let i = 0; i < inputs; i++) a[i] = data.images[k * inputs + i] / 255;
    for (let l = 0; l < layers; l++) {
      const [nIn, nOut, w, b] = [sizes[l], sizes[l + 1], params[l], params[layers + l]];
      z.set(b.subarray(0, nOut));
      for (let i = 0; i < nIn; i++) {
        const x = a[i];
        if (x === 0) continue;
        const row = i * nOut;
        for (let j = 0; j < nOut; j++) z[j] += x * w[row + j];
      }
      if (l < layers - 1) for (let j = 0; j < nOut; j++) z[j] = z[j] > 0 ? z[j] : 0;
      [a, z] = [z, a];
    }
    let best = 0;
    for (let j = 1; j < sizes[layers]; j++) if (a[j] > a[best]) best = j;
    if (best === data.labels[k]) correct++;
  }
  return correct;
}

export function accuracy(params: readonly Float32Array[], sizes: readonly number[], data: DigitSet): number {
  return countCorrect(params, sizes, data) / data.n;
}

/**
 * Fine-tuning with the pruning mask kept and the quantizer in the loop: each step trains the lib's
 * typed-array MLP (plain SGD) for one batch on the deployed weights Q(M ⊙ W) and moves the float
 * shadow weights W by the same amount on the kept entries. dispose() frees the engine.
 */
export class MaskedFineTuner {
  private readonly shadow: Float32Array[];
  private order: Int32Array;
  private cursor = 0;
  private engine: TypedMlp | null = null;
  steps = 0;

  constructor(
    private readonly sizes: readonly number[],
    params: readonly Float32Array[],
    private readonly masks: readonly Uint8Array[],
    private readonly bits: number,
    private readonly data: DigitSet,
    private readonly rng: Rng,
    private readonly learningRate = 0.01,
    private readonly batchSize = 64,
  ) {
    const layers = sizes.length - 1;
    this.shadow = params.map((p, i) => (i < layers ? applyMask(p, masks[i]) : Float32Array.from(p)));
    this.order = rng.permutation(data.n);
  }

  /** The weights as deployed now. */
  deployed(): Float32Array[] {
    return compressParams(this.shadow, this.masks, this.bits);
  }

  /** One SGD step; resolves to the batch's loss (before the step). */
  async step(): Promise<number> {
    const layers = this.sizes.length - 1;
    const q = this.deployed();
    const start = { weights: q.slice(0, layers), biases: q.slice(layers) };
    // One engine for the whole fine-tuning (building one costs more than its step): plain SGD keeps no state, so each step starts from the deployed weights.
    const engine = this.engine ?? (this.engine = new TypedMlp('js', jsKernels(), [...this.sizes], 'relu', start, { optimizer: 'sgd', learningRate: this.learningRate }));
    engine.setParameters(start);
    const inputs = this.sizes[0];
    const n = this.batchSize;
    const x = new Float32Array(n * inputs);
    const labels = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      if (this.cursor >= this.order.length) [this.order, this.cursor] = [this.rng.permutation(this.data.n), 0];
      const k = this.order[this.cursor++];
      for (let i = 0; i < inputs; i++) x[r * inputs + i] = this.data.images[k * inputs + i] / 255;
      labels[r] = this.data.labels[k];
    }
    const { loss } = engine.step({ x, labels, n });
    const after = await engine.parameters();
    for (let l = 0; l < layers; l++) {
      const [w, m, before, now] = [this.shadow[l], this.masks[l], q[l], after[l]];
      for (let i = 0; i < w.length; i++) if (m[i]) w[i] += now[i] - before[i];
    }
    for (let l = layers; l < 2 * layers; l++) this.shadow[l].set(after[l]);
    this.steps++;
    return loss;
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = null;
  }
}

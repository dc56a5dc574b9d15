/**
 * Inference of a trained binarized net (../nets/bnn.ts: aℓ = hℓ₋₁·Wℓ, zℓ = γ(aℓ − μ)/√(σ² + ε) + β,
 * hℓ = sign(zℓ), logits = z_L) in plain typed arrays, with whatever weights a chip actually reads:
 * Wℓ ∈ {−1, 0, +1} (sign(W_h) when nothing is wrong; flipped where a bit error hit; 0 where a ternary
 * read found the pair undecided).
 *
 * Hidden layers multiply ±1 activations by ternary weights in popcount form: with h and w packed as
 * bits (1 ↔ +1) and m the mask of non-zero weights,
 *   h·w = 2·popcount(XNOR(h, w) ∧ m) − popcount(m)   (= 2·popcount(XNOR(h, w)) − n when no w is 0).
 * The first layer's input is real pixels (mostly 0): a zero-skipping product.
 *
 * Batch norm uses either the trained running statistics or statistics recomputed on a calibration
 * set with the weights as read (what a chip can do after it is programmed: `batchStatistics`).
 * No tfjs: pure functions of arrays, the same in Node, a worker and a test.
 */

export interface BinaryNet {
  /** Layer widths, input first, e.g. [784, 512, 512, 10]. */
  sizes: number[];
  /** Hidden (real) weights W_hℓ [fanIn × fanOut], row-major. */
  hidden: Float32Array[];
  gamma: Float32Array[];
  beta: Float32Array[];
  runningMean: Float32Array[];
  runningVar: Float32Array[];
  /** BN ε (1e-5). */
  epsilon: number;
}

/** Per layer the mean and variance batch norm divides by. */
export interface NormStatistics {
  mean: Float32Array[];
  variance: Float32Array[];
}

/** The weights a chip reads, per layer [fanIn × fanOut], each −1, 0 or +1. */
export type ReadWeights = Float32Array[];

const CHUNK = 256;

/** sign(W_h) per layer (sign(0) = −1, as the lib's binarize). */
export function signWeights(net: BinaryNet): ReadWeights {
  return net.hidden.map((w) => w.map((v) => (v > 0 ? 1 : -1)));
}

export function trainedStatistics(net: BinaryNet): NormStatistics {
  return { mean: net.runningMean, variance: net.runningVar };
}

export function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

const wordsOf = (n: number) => Math.ceil(n / 32);

/** A hidden layer's weights by column: bits of w = +1 and of w ≠ 0, and each column's count of non-zeros. */
interface PackedLayer {
  plus: Int32Array;
  mask: Int32Array;
  nonZero: Int32Array;
}

function packLayer(w: Float32Array, fanIn: number, fanOut: number): PackedLayer {
  const words = wordsOf(fanIn);
  const plus = new Int32Array(words * fanOut);
  const mask = new Int32Array(words * fanOut);
  const nonZero = new Int32Array(fanOut);
  for (let i = 0; i < fanIn; i++) {
    const word = i >>> 5;
    const bit = 1 << (i & 31);
    for (let j = 0; j < fanOut; j++) {
      const v = w[i * fanOut + j];
      if (v === 0) continue;
      mask[j * words + word] |= bit;
      nonZero[j] += 1;
      if (v > 0) plus[j * words + word] |= bit;
    }
  }
  return { plus, mask, nonZero };
}

/** Pre-activations a = h·W of a hidden layer, h ∈ {±1} given as bits [rows × words(fanIn)]. */
function binaryProduct(bits: Int32Array, rows: number, fanIn: number, layer: PackedLayer, fanOut: number, out: Float32Array): void {
  const words = wordsOf(fanIn);
  const { plus, mask, nonZero } = layer;
  for (let r = 0; r < rows; r++) {
    const h = r * words;
    for (let j = 0; j < fanOut; j++) {
      const c = j * words;
      let agree = 0;
      for (let k = 0; k < words; k++) agree += popcount32(~(bits[h + k] ^ plus[c + k]) & mask[c + k]);
      out[r * fanOut + j] = 2 * agree - nonZero[j];
    }
  }
}

/** a = x·W for real inputs x [rows × fanIn], skipping zero pixels. */
function realProduct(x: Float32Array, start: number, rows: number, fanIn: number, w: Float32Array, fanOut: number, out: Float32Array): void {
  out.fill(0, 0, rows * fanOut);
  for (let r = 0; r < rows; r++) {
    const o = r * fanOut;
    const xo = (start + r) * fanIn;
    for (let i = 0; i < fanIn; i++) {
      const v = x[xo + i];
      if (v === 0) continue;
      const wo = i * fanOut;
      for (let j = 0; j < fanOut; j++) out[o + j] += v * w[wo + j];
    }
  }
}

/** Signs of z (z > 0 ↔ bit 1) packed by rows. */
function packSigns(z: Float32Array, rows: number, width: number, bits: Int32Array): void {
  const words = wordsOf(width);
  bits.fill(0, 0, rows * words);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) if (z[r * width + j] > 0) bits[r * words + (j >>> 5)] |= 1 << (j & 31);
  }
}

function normalise(a: Float32Array, rows: number, width: number, gamma: Float32Array, beta: Float32Array, mean: Float32Array, variance: Float32Array, epsilon: number): void {
  for (let j = 0; j < width; j++) {
    const scale = gamma[j] / Math.sqrt(variance[j] + epsilon);
    const shift = beta[j] - mean[j] * scale;
    for (let r = 0; r < rows; r++) a[r * width + j] = a[r * width + j] * scale + shift;
  }
}

/**
 * Runs the net over x [n × sizes[0]] chunk by chunk. `stats(l, a, rows)` may replace layer l's
 * statistics before it is normalised (used to recompute them); `visit(start, rows, logits)` sees each chunk's logits.
 */
function run(net: BinaryNet, weights: ReadWeights, stats: NormStatistics, x: Float32Array, n: number, visit: (start: number, rows: number, logits: Float32Array) => void): void {
  const { sizes } = net;
  const layers = sizes.length - 1;
  const packed = weights.map((w, l) => (l === 0 ? null : packLayer(w, sizes[l], sizes[l + 1])));
  const widest = Math.max(...sizes.slice(1));
  const a = new Float32Array(CHUNK * widest);
  const bits = new Int32Array(CHUNK * wordsOf(widest));
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    for (let l = 0; l < layers; l++) {
      const fanOut = sizes[l + 1];
      if (l === 0) realProduct(x, start, rows, sizes[0], weights[0], fanOut, a);
      else binaryProduct(bits, rows, sizes[l], packed[l] as PackedLayer, fanOut, a);
      normalise(a, rows, fanOut, net.gamma[l], net.beta[l], stats.mean[l], stats.variance[l], net.epsilon);
      if (l < layers - 1) packSigns(a, rows, fanOut, bits);
    }
    visit(start, rows, a.subarray(0, rows * sizes[layers]));
  }
}

/** Logits [n × classes] of x with the given weights and BN statistics. */
export function forwardLogits(net: BinaryNet, weights: ReadWeights, stats: NormStatistics, x: Float32Array, n: number): Float32Array {
  const classes = net.sizes[net.sizes.length - 1];
  const out = new Float32Array(n * classes);
  run(net, weights, stats, x, n, (start, _rows, logits) => out.set(logits, start * classes));
  return out;
}

/** Fraction of x's rows whose largest logit is their label. */
export function accuracy(net: BinaryNet, weights: ReadWeights, stats: NormStatistics, x: Float32Array, labels: ArrayLike<number>, n: number): number {
  const classes = net.sizes[net.sizes.length - 1];
  let correct = 0;
  run(net, weights, stats, x, n, (start, rows, logits) => {
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < classes; c++) if (logits[r * classes + c] > logits[r * classes + best]) best = c;
      if (best === labels[start + r]) correct += 1;
    }
  });
  return n > 0 ? correct / n : NaN;
}

/**
 * Batch-norm statistics recomputed on a calibration set x [n × sizes[0]] with the weights as read:
 * layer by layer, each layer's mean and (biased) variance over all n rows, the next layer fed through
 * the new statistics. What "BN statistics recomputed" means in science.md's protocol.
 */
export function batchStatistics(net: BinaryNet, weights: ReadWeights, x: Float32Array, n: number): NormStatistics {
  const { sizes } = net;
  const layers = sizes.length - 1;
  const mean: Float32Array[] = [];
  const variance: Float32Array[] = [];
  // Activations of the current layer for all n rows (as ±1 bits once a hidden layer is done).
  let bits = new Int32Array(0);
  for (let l = 0; l < layers; l++) {
    const fanOut = sizes[l + 1];
    const a = new Float32Array(n * fanOut);
    if (l === 0) realProduct(x, 0, n, sizes[0], weights[0], fanOut, a);
    else binaryProduct(bits, n, sizes[l], packLayer(weights[l], sizes[l], fanOut), fanOut, a);
    const m = new Float64Array(fanOut);
    const s = new Float64Array(fanOut);
    for (let r = 0; r < n; r++) for (let j = 0; j < fanOut; j++) m[j] += a[r * fanOut + j];
    for (let j = 0; j < fanOut; j++) m[j] /= n;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < fanOut; j++) {
        const d = a[r * fanOut + j] - m[j];
        s[j] += d * d;
      }
    }
    mean.push(Float32Array.from(m));
    variance.push(Float32Array.from(s, (v) => v / n));
    if (l < layers - 1) {
      normalise(a, n, fanOut, net.gamma[l], net.beta[l], mean[l], variance[l], net.epsilon);
      bits = new Int32Array(n * wordsOf(fanOut));
      packSigns(a, n, fanOut, bits);
    }
  }
  return { mean, variance };
}

// The crossbar simulation (src/lib/hardware) against plain references of the same arithmetic: the
// popcount product, batch norm, the 2T2R pair read, Kirchhoff's column sums, the BER model, stuck
// devices, the ternary read, flips by magnitude, and error-aware training's flip bookkeeping.
import { describe, expect, it } from 'vitest';
import { accuracy, batchStatistics, forwardLogits, popcount32, signWeights, trainedStatistics, type BinaryNet } from '../../../src/lib/hardware/binary-net';
import {
  bitErrorRate,
  columnCurrents,
  flipByMagnitude,
  flipIndices,
  injectBitErrors,
  NOMINAL_DEVICES,
  programCrossbar,
  readWeights,
  setStuck,
  sigmaForBitErrorRate,
  stickRandomDevices,
  withSpread,
} from '../../../src/lib/hardware/crossbar';
import { trainBnn } from '../../../src/lib/hardware/train';
import { createRng } from '../../../src/lib/random';
import { normalCdf } from '../../../src/lib/stats/normality';

function randomNet(sizes: number[], seed: number): BinaryNet {
  const rng = createRng(seed);
  const widths = sizes.slice(1);
  return {
    sizes,
    hidden: widths.map((w, l) => rng.uniformArray(sizes[l] * w, -1, 1)),
    gamma: widths.map((w) => rng.uniformArray(w, 0.5, 1.5)),
    beta: widths.map((w) => rng.uniformArray(w, -0.5, 0.5)),
    runningMean: widths.map((w) => rng.uniformArray(w, -2, 2)),
    runningVar: widths.map((w) => rng.uniformArray(w, 1, 20)),
    epsilon: 1e-5,
  };
}

/** The reference: plain Float64 products, BN, sign(0) = −1. */
function referenceLogits(net: BinaryNet, weights: Float32Array[], mean: Float32Array[], variance: Float32Array[], x: Float32Array, n: number): Float64Array {
  const { sizes } = net;
  const classes = sizes.at(-1)!;
  const out = new Float64Array(n * classes);
  for (let r = 0; r < n; r++) {
    let h = Array.from(x.subarray(r * sizes[0], (r + 1) * sizes[0]), Number);
    for (let l = 0; l < sizes.length - 1; l++) {
      const z = Array.from({ length: sizes[l + 1] }, (_, j) => {
        let a = 0;
        for (let i = 0; i < sizes[l]; i++) a += h[i] * weights[l][i * sizes[l + 1] + j];
        return (net.gamma[l][j] * (a - mean[l][j])) / Math.sqrt(variance[l][j] + net.epsilon) + net.beta[l][j];
      });
      h = l < sizes.length - 2 ? z.map((v) => (v > 0 ? 1 : -1)) : z;
    }
    out.set(h, r * classes);
  }
  return out;
}

describe('binary-net inference', () => {
  it('popcount32 counts bits, sign bit included', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(-1)).toBe(32);
    expect(popcount32(0b1011)).toBe(3);
    expect(popcount32(1 << 31)).toBe(1);
  });

  it('x·w = 2·popcount(XNOR(x, w)) − n for ±1 vectors, as the packed product computes it', () => {
    const rng = createRng(3);
    for (const n of [1, 31, 32, 33, 100]) {
      const x = Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1));
      const w = Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1));
      const dot = x.reduce((s, v, i) => s + v * w[i], 0);
      const xnor = x.filter((v, i) => v === w[i]).length;
      expect(2 * xnor - n).toBe(dot);
    }
  });

  it('logits match the plain reference, with binary and with ternary weights (hidden widths not multiples of 32)', () => {
    const net = randomNet([20, 37, 45, 4], 1);
    const rng = createRng(2);
    const n = 300;
    const x = Float32Array.from({ length: n * 20 }, () => (rng.next() < 0.6 ? 0 : rng.next()));
    const binary = signWeights(net);
    const ternary = binary.map((w) => w.map((v) => (rng.next() < 0.2 ? 0 : v)));
    for (const weights of [binary, ternary]) {
      const got = forwardLogits(net, weights, trainedStatistics(net), x, n);
      const want = referenceLogits(net, weights, net.runningMean, net.runningVar, x, n);
      // Hidden pre-activations are integers, so both paths take the same signs; logits agree to float32.
      for (let k = 0; k < want.length; k++) expect(got[k]).toBeCloseTo(want[k], 3);
    }
  });

  it('recomputed BN statistics are the exact mean and variance of each layer over the calibration set', () => {
    const net = randomNet([10, 33, 8, 3], 4);
    const rng = createRng(5);
    const n = 200;
    const x = rng.uniformArray(n * 10, 0, 1);
    const weights = signWeights(net);
    const stats = batchStatistics(net, weights, x, n);
    // Layer 0 by hand.
    for (let j = 0; j < 33; j++) {
      const a = Array.from({ length: n }, (_, r) => {
        let s = 0;
        for (let i = 0; i < 10; i++) s += x[r * 10 + i] * weights[0][i * 33 + j];
        return s;
      });
      const mean = a.reduce((s, v) => s + v, 0) / n;
      expect(stats.mean[0][j]).toBeCloseTo(mean, 4);
      expect(stats.variance[0][j]).toBeCloseTo(a.reduce((s, v) => s + (v - mean) ** 2, 0) / n, 3);
    }
    // With its own statistics, the last layer's pre-activation means are those the reference's give.
    const logits = referenceLogits(net, weights, stats.mean, stats.variance, x, n);
    expect(Array.from(forwardLogits(net, weights, stats, x, n)).every((v, k) => Math.abs(v - logits[k]) < 1e-3)).toBe(true);
  });

  it('accuracy counts argmax hits', () => {
    const net = randomNet([6, 32, 3], 8);
    const x = createRng(9).uniformArray(50 * 6, 0, 1);
    const logits = forwardLogits(net, signWeights(net), trainedStatistics(net), x, 50);
    const labels = Uint8Array.from({ length: 50 }, (_, r) => [0, 1, 2].reduce((b, c) => (logits[r * 3 + c] > logits[r * 3 + b] ? c : b), 0));
    expect(accuracy(net, signWeights(net), trainedStatistics(net), x, labels, 50)).toBe(1);
    labels[0] = (labels[0] + 1) % 3;
    expect(accuracy(net, signWeights(net), trainedStatistics(net), x, labels, 50)).toBeCloseTo(49 / 50, 10);
  });
});

describe('2T2R crossbar', () => {
  const signs = Float32Array.from({ length: 6 * 4 }, (_, k) => (k % 3 === 0 ? -1 : 1));

  it('ideal devices: the pair read returns the written signs; (I_BL − I_BLbar)/(G_L − G_H) = x·w', () => {
    const bar = programCrossbar(signs, 6, 4, NOMINAL_DEVICES, createRng(1));
    expect(Array.from(readWeights(bar, NOMINAL_DEVICES))).toEqual(Array.from(signs));
    const v = [0.2, 0, 0.1, 0.3, 0.05, 0.2];
    const { bl, blbar } = columnCurrents(bar, v, NOMINAL_DEVICES);
    const gap = 1 / 5e3 - 1 / 5e4;
    for (let j = 0; j < 4; j++) {
      const dot = v.reduce((s, vi, i) => s + vi * signs[i * 4 + j], 0);
      // ln R is stored as float32: agreement to float32 precision.
      expect((bl[j] - blbar[j]) / gap).toBeCloseTo(dot, 5);
      expect(bl[j]).toBeGreaterThan(0);
    }
  });

  it('BER model: Φ(−Δμ/√(σH² + σL²)), sigmaForBitErrorRate inverts it, and sampled pairs err at that rate', () => {
    const model = { ...NOMINAL_DEVICES, lowSigma: 0.6, highSigma: 0.9 };
    expect(bitErrorRate(model)).toBeCloseTo(normalCdf(-Math.log(10) / Math.hypot(0.6, 0.9)), 12);
    expect(bitErrorRate(NOMINAL_DEVICES)).toBe(0);
    for (const ber of [1e-3, 0.05, 0.2]) expect(bitErrorRate(withSpread(sigmaForBitErrorRate(ber)))).toBeCloseTo(ber, 6);
    const many = Float32Array.from({ length: 200_000 }, (_, k) => (k % 2 ? 1 : -1));
    const m = withSpread(sigmaForBitErrorRate(0.05));
    const read = readWeights(programCrossbar(many, 400, 500, m, createRng(2)), m);
    const errors = read.reduce((s, v, k) => s + (v !== many[k] ? 1 : 0), 0) / many.length;
    expect(errors).toBeGreaterThan(0.047);
    expect(errors).toBeLessThan(0.053);
  });

  it('stuck devices: a stuck-at-HRS BL device of a +1 pair reads −1 only if BLbar conducts more; both stuck alike reads as a tie', () => {
    const bar = programCrossbar(signs, 6, 4, NOMINAL_DEVICES, createRng(1));
    setStuck(bar, 1, 'bl', 'hrs'); // +1 pair: BL was LRS, now HRS like its BLbar → tie → −1 (binary), 0 (ternary)
    setStuck(bar, 2, 'blbar', 'lrs'); // +1 pair: BLbar now LRS like BL → tie
    setStuck(bar, 0, 'bl', 'lrs'); // −1 pair: BL (HRS) now LRS, BLbar LRS → tie
    setStuck(bar, 3, 'blbar', 'hrs'); // −1 pair: BLbar (LRS) now HRS, BL HRS → tie
    const binary = readWeights(bar, NOMINAL_DEVICES);
    const ternary = readWeights(bar, NOMINAL_DEVICES, 0.1);
    expect([binary[0], binary[1], binary[2], binary[3]]).toEqual([-1, -1, -1, -1]);
    expect([ternary[0], ternary[1], ternary[2], ternary[3]]).toEqual([0, 0, 0, 0]);
    expect(Array.from(ternary.slice(4))).toEqual(Array.from(signs.slice(4)));
    setStuck(bar, 1, 'bl', 'working');
    expect(readWeights(bar, NOMINAL_DEVICES)[1]).toBe(1);
    // A −1 pair whose BL sticks at LRS while BLbar sticks at HRS reads +1: a bit error.
    setStuck(bar, 3, 'bl', 'lrs');
    expect(readWeights(bar, NOMINAL_DEVICES)[3]).toBe(1);
    const big = programCrossbar(new Float32Array(10_000).fill(1), 100, 100, NOMINAL_DEVICES, createRng(3));
    const count = stickRandomDevices(big, 0.1, createRng(4));
    expect(count / 20_000).toBeGreaterThan(0.09);
    expect(count / 20_000).toBeLessThan(0.11);
  });

  it('ternary read: zeros take the pairs near the threshold, and most errors with them', () => {
    const many = Float32Array.from({ length: 100_000 }, (_, k) => (k % 2 ? 1 : -1));
    const m = withSpread(sigmaForBitErrorRate(0.1));
    const bar = programCrossbar(many, 200, 500, m, createRng(6));
    const binary = readWeights(bar, m);
    const ternary = readWeights(bar, m, 0.5 * Math.log(10));
    const errors = (r: Float32Array) => r.reduce((s, v, k) => s + (v !== 0 && v !== many[k] ? 1 : 0), 0);
    const zeros = ternary.reduce((s, v) => s + (v === 0 ? 1 : 0), 0);
    expect(binary.every((v) => v !== 0)).toBe(true);
    expect(zeros).toBeGreaterThan(0.1 * many.length);
    expect(errors(ternary)).toBeLessThan(0.5 * errors(binary));
    expect(ternary.every((v, k) => v === 0 || v === binary[k])).toBe(true);
  });

  it('injected bit errors flip about BER of the signs; flipByMagnitude flips exactly the smallest or the largest |W_h|', () => {
    const w = new Float32Array(100_000).fill(1);
    const flipped = injectBitErrors(w, 0.01, createRng(7));
    expect(flipped.length).toBeGreaterThan(900);
    expect(flipped.length).toBeLessThan(1100);
    expect(w.reduce((s, v) => s + (v < 0 ? 1 : 0), 0)).toBe(flipped.length);
    expect(flipIndices(10, 0, createRng(1)).length).toBe(0);
    expect(flipIndices(10, 1, createRng(1)).length).toBe(10);
    const hidden = Float32Array.from([0.5, -0.1, 0.9, -0.7, 0.05, 0.3, -0.2, 0.6, -0.8, 0.4]);
    const small = hidden.map((v) => (v > 0 ? 1 : -1));
    expect(flipByMagnitude(small, hidden, 0.2, 'smallest')).toBe(2);
    expect(Array.from(small)).toEqual([1, 1, 1, -1, -1, 1, -1, 1, -1, 1]);
    const large = hidden.map((v) => (v > 0 ? 1 : -1));
    flipByMagnitude(large, hidden, 0.2, 'largest');
    expect(Array.from(large)).toEqual([1, -1, -1, -1, 1, 1, -1, 1, 1, 1]);
  });
});

describe('training the net a chip holds', () => {
  const rng = createRng(11);
  const n = 400;
  // Two separable classes on a tiny input.
  const labels = Uint8Array.from({ length: n }, (_, r) => r % 2);
  const x = Float32Array.from({ length: n * 16 }, (_, k) => {
    const r = Math.floor(k / 16);
    const i = k % 16;
    return Math.max(0, (labels[r] === (i < 8 ? 0 : 1) ? 0.8 : 0.1) + rng.normal(0, 0.1));
  });
  const config = { sizes: [16, 32, 32, 2], epochs: 3, batchSize: 20, learningRate: 5e-3, seed: 1, trainingBer: 0, engine: 'js' as const };

  it('standard and error-aware training both learn; error-aware training with BER 0 is standard training', () => {
    const standard = trainBnn(config, { x, labels, n });
    const again = trainBnn({ ...config, trainingBer: 0 }, { x, labels, n });
    expect(Array.from(again.hidden[0])).toEqual(Array.from(standard.hidden[0]));
    const aware = trainBnn({ ...config, trainingBer: 0.05 }, { x, labels, n });
    const acc = (net: BinaryNet) => accuracy(net, signWeights(net), trainedStatistics(net), x, labels, n);
    expect(acc(standard)).toBeGreaterThan(0.95);
    expect(acc(aware)).toBeGreaterThan(0.9);
    expect(Array.from(aware.hidden[0])).not.toEqual(Array.from(standard.hidden[0]));
    // The flips are undone after each step: the stored weights stay bounded like the standard net's.
    const maxAbs = (net: BinaryNet) => Math.max(...net.hidden.map((w) => w.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
    expect(maxAbs(aware)).toBeLessThan(10 * maxAbs(standard));
  });
});

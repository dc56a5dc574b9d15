import { describe, expect, it } from 'vitest';
import { accuracy, chooseScale, compressParams, countCorrect, MaskedFineTuner, modelBits, pruneMasks, quantize } from '../../../../src/lib/hardware/quantize';
import { createRng } from '../../../../src/lib/random';

describe('quantize', () => {
  it('keeps 2^(b-1)-1 levels each side of zero, scaled by max|W|', () => {
    const w = Float32Array.from([-1, -0.5, -0.26, 0, 0.1, 0.49, 0.76, 1]);
    const q2 = quantize(w, 2, 'max');
    expect(q2.scale).toBe(1);
    expect(q2.levels).toBe(3);
    expect(Array.from(q2.values)).toEqual([-1, -1, 0, 0, 0, 0, 1, 1]);
    const q3 = quantize(w, 3, 'max');
    expect(q3.scale).toBeCloseTo(1 / 3, 7);
    expect(Array.from(q3.values).map((v) => Math.round(v * 3))).toEqual([-3, -2, -1, 0, 0, 1, 2, 3]);
    const q8 = quantize(w, 8, 'max');
    expect(q8.levels).toBe(255);
    for (let i = 0; i < w.length; i++) expect(Math.abs(q8.values[i] - w[i])).toBeLessThanOrEqual(q8.scale / 2 + 1e-7);
  });

  it('1 bit is sign × mean|W| over the non-zero weights, and zero stays zero', () => {
    const w = Float32Array.from([0.5, -1.5, 0, 1]);
    const q = quantize(w, 1);
    expect(q.scale).toBe(1);
    expect(Array.from(q.values)).toEqual([1, -1, 0, 1]);
    expect(q.levels).toBe(3);
    expect(quantize(Float32Array.from([2, -4]), 1).levels).toBe(2);
  });

  it('the least-squares scale clips an outlier and never does worse than max', () => {
    const rng = createRng(3);
    const w = Float32Array.from({ length: 2000 }, () => rng.uniform(-0.1, 0.1));
    w[0] = 1;
    const err = (q: Float32Array) => q.reduce((s, v, i) => s + (v - w[i]) ** 2, 0);
    for (const bits of [2, 4]) {
      expect(chooseScale(w, bits, 'mse')).toBeLessThan(chooseScale(w, bits, 'max'));
      expect(err(quantize(w, bits, 'mse').values)).toBeLessThanOrEqual(err(quantize(w, bits, 'max').values));
    }
  });
});

describe('prune', () => {
  const rng = createRng(5);
  const weights = [Float32Array.from({ length: 300 }, () => rng.uniform(-1, 1)), Float32Array.from({ length: 100 }, () => rng.uniform(-3, 3))];

  it('prunes exactly the fraction asked, the smallest magnitudes first', () => {
    for (const sparsity of [0, 0.5, 0.9, 0.99]) {
      const masks = pruneMasks(weights, sparsity, 'global');
      const pruned = masks.reduce((s, m) => s + m.filter((v) => v === 0).length, 0);
      expect(pruned).toBe(Math.round(sparsity * 400));
      let maxPruned = 0;
      let minKept = Infinity;
      masks.forEach((m, l) => m.forEach((keep, i) => (keep ? (minKept = Math.min(minKept, Math.abs(weights[l][i]))) : (maxPruned = Math.max(maxPruned, Math.abs(weights[l][i]))))));
      expect(maxPruned).toBeLessThanOrEqual(minKept);
    }
    expect(() => pruneMasks(weights, 1)).toThrow(RangeError);
  });

  it('global pruning hits the small-weight layer harder; per-layer prunes each layer alike', () => {
    const g = pruneMasks(weights, 0.5, 'global');
    const p = pruneMasks(weights, 0.5, 'per-layer');
    const frac = (m: Uint8Array) => m.filter((v) => v === 0).length / m.length;
    expect(frac(g[0])).toBeGreaterThan(frac(g[1]));
    expect(frac(p[0])).toBe(0.5);
    expect(frac(p[1])).toBe(0.5);
  });

  it('counts the stored bits of a compressed model', () => {
    const params = [...weights, new Float32Array(3), new Float32Array(2)];
    expect(modelBits(params, pruneMasks(weights, 0.5), 32)).toBe(200 * 32 + 5 * 32 + 400);
    expect(modelBits(params, pruneMasks(weights, 0), 32)).toBe(400 * 32 + 5 * 32);
    const half = pruneMasks(weights, 0.5);
    expect(modelBits(params, half, 4)).toBe(200 * 4 + 2 * 32 + 5 * 32 + 400);
    const c = compressParams(params, half, 1);
    c.slice(0, 2).forEach((w, l) => w.forEach((v, i) => expect(v === 0).toBe(half[l][i] === 0)));
  });
});

describe('evaluate and fine-tune', () => {
  // A tiny separable task: class = which half of 8 "pixels" is lit.
  const n = 256;
  const rng = createRng(9);
  const images = new Uint8Array(n * 8);
  const labels = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    labels[k] = k % 2;
    for (let i = 0; i < 4; i++) images[k * 8 + 4 * labels[k] + i] = 100 + rng.int(155);
  }
  const data = { images, labels, n };
  const sizes = [8, 6, 2];

  it('counts correct answers of a hand-made network', () => {
    const w1 = new Float32Array(48);
    for (let i = 0; i < 4; i++) w1[i * 6 + 0] = 1;
    for (let i = 4; i < 8; i++) w1[i * 6 + 1] = 1;
    const w2 = Float32Array.from([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const params = [w1, w2, new Float32Array(6), new Float32Array(2)];
    expect(countCorrect(params, sizes, data)).toBe(n);
    expect(accuracy([w1, Float32Array.from([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), new Float32Array(6), new Float32Array(2)], sizes, data)).toBe(0);
  });

  it('fine-tuning keeps the mask and learns', async () => {
    const init = createRng(1);
    const params = [Float32Array.from({ length: 48 }, () => init.uniform(-0.5, 0.5)), Float32Array.from({ length: 12 }, () => init.uniform(-0.5, 0.5)), new Float32Array(6), new Float32Array(2)];
    const masks = pruneMasks(params.slice(0, 2), 0.3);
    const tuner = new MaskedFineTuner(sizes, params, masks, 4, data, createRng(2), 0.5, 32);
    for (let s = 0; s < 60; s++) await tuner.step();
    const deployed = tuner.deployed();
    deployed.slice(0, 2).forEach((w, l) => w.forEach((v, i) => masks[l][i] === 0 && expect(v).toBe(0)));
    expect(accuracy(deployed, sizes, data)).toBeGreaterThan(0.9);
    expect(tuner.steps).toBe(60);
  });
});

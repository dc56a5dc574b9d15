// The invariance metrics against plain Float64 re-computations on small linear "models", and against
// models whose invariance is known exactly (total ink under wrap shifts; the image itself as its own
// feature map). Then the MLP's typed forward and the weight files against the lib's tfjs versions.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { shiftImages } from '../../../src/lib/data/shift';
import { accuracyUnderShifts, argmaxRows, onePixelChange, shiftConsistency, softmaxRows, type LogitsFn } from '../../../src/lib/invariance/metrics';
import { equivarianceErrors, equivarianceParts, errorFromParts, type MapsFn } from '../../../src/lib/invariance/equivariance';
import { cnnMapsFn } from '../../../src/lib/invariance/cnn-maps';
import { createEngine } from '../../../src/lib/engine';
import '../../../src/lib/engine/cnn-engines';
import '../../../src/lib/engine/bnn-engines';
import type { TypedCnn } from '../../../src/lib/engine/cnn';
import { mlpLogits } from '../../../src/lib/nets/mlp-arrays';
import { createMlp, disposeMlp, forward, parameters } from '../../../src/lib/nets/mlp';
import { decodeWeightArrays, encodeWeightArrays } from '../../../src/lib/classifiers/pretrained-arrays';
import { decodeWeights, WEIGHTS_FORMAT, type WeightsManifest } from '../../../src/lib/classifiers/pretrained';
import type { Architecture } from '../../../src/lib/classifiers/classifier';

const side = 8;
const classes = 3;
const n = 12;
const rng = createRng(21);
const x = Float32Array.from({ length: n * side * side }, () => (rng.next() < 0.6 ? 0 : rng.next()));
const labels = Array.from({ length: n }, (_, i) => i % classes);
const w = Float64Array.from({ length: side * side * classes }, () => rng.uniform(-1, 1));

/** A linear model in Float64: logits = x·W. */
const linear: LogitsFn = (xs, m) => {
  const out = new Float32Array(m * classes);
  for (let i = 0; i < m; i++) for (let c = 0; c < classes; c++) for (let p = 0; p < side * side; p++) out[i * classes + c] += xs[i * side * side + p] * w[p * classes + c];
  return out;
};
/** Per-class weighted total ink: the same under any wrap shift. */
const ink: LogitsFn = (xs, m) => {
  const out = new Float32Array(m * classes);
  for (let i = 0; i < m; i++) {
    let total = 0;
    for (let p = 0; p < side * side; p++) total += xs[i * side * side + p];
    for (let c = 0; c < classes; c++) out[i * classes + c] = total * (c - 1) + c * 0.3;
  }
  return out;
};

function oracleTop(image: Float32Array): number {
  const z = Array.from({ length: classes }, (_, c) => image.reduce((s, v, p) => s + v * w[p * classes + c], 0));
  return z.indexOf(Math.max(...z));
}

describe('metrics', () => {
  it('argmaxRows and softmaxRows', () => {
    const z = new Float32Array([1, 3, 2, 5, 5, 0]);
    expect(Array.from(argmaxRows(z, 2, 3))).toEqual([1, 0]);
    const p = softmaxRows(z, 2, 3);
    const e = [1, 3, 2].map(Math.exp);
    p.subarray(0, 3).forEach((v, i) => expect(v).toBeCloseTo(e[i] / (e[0] + e[1] + e[2]), 6));
  });

  it('accuracy under shifts equals a direct count', () => {
    const shifts = [0, 1, -2, 3];
    const got = accuracyUnderShifts(linear, x, labels, n, side, classes, shifts);
    shifts.forEach((s, k) => {
      let correct = 0;
      for (let i = 0; i < n; i++) if (oracleTop(shiftImages(x.subarray(i * 64, (i + 1) * 64), 1, side, s, 0)) === labels[i]) correct++;
      expect(got[k]).toBeCloseTo(correct / n, 12);
    });
  });

  it('one-pixel change: pairs −1/0 and 0/+1, against a direct count; zero for an invariant model', () => {
    const got = onePixelChange(linear, x, n, side, classes);
    let changes = 0;
    for (let i = 0; i < n; i++) {
      const im = x.subarray(i * 64, (i + 1) * 64);
      const tops = [-1, 0, 1].map((s) => oracleTop(shiftImages(im, 1, side, s, 0)));
      changes += Number(tops[0] !== tops[1]) + Number(tops[1] !== tops[2]);
    }
    expect(got.changeRate).toBeCloseTo(changes / (2 * n), 12);
    expect(got.meanAbsDelta).toBeGreaterThan(0);
    expect(onePixelChange(ink, x, n, side, classes, 2, 'wrap')).toEqual({ changeRate: 0, meanAbsDelta: 0 });
  });

  it('consistency is seeded, 1 for an invariant model, and below 1 for the linear one', () => {
    expect(shiftConsistency(ink, x, n, side, classes, 3, createRng(1), 'wrap')).toBe(1);
    const a = shiftConsistency(linear, x, n, side, classes, 3, createRng(2));
    expect(a).toBe(shiftConsistency(linear, x, n, side, classes, 3, createRng(2)));
    expect(a).toBeLessThan(1);
  });
});

describe('equivariance error', () => {
  /** The image itself (stride 1), its 2×2 average (stride 2), and its total (a vector). */
  const maps: MapsFn = (xs, m) => {
    const half = side / 2;
    const avg = new Float32Array(m * half * half);
    const total = new Float32Array(m);
    for (let i = 0; i < m; i++)
      for (let y = 0; y < side; y++)
        for (let c = 0; c < side; c++) {
          const v = xs[i * 64 + y * side + c];
          avg[i * half * half + (y >> 1) * half + (c >> 1)] += v / 4;
          total[i] += v;
        }
    return [
      { label: 'image', side, channels: 1, stride: 1, data: xs.slice(0, m * 64) },
      { label: 'avg', side: half, channels: 1, stride: 2, data: avg },
      { label: 'total', side: 0, channels: 1, stride: 2, data: total },
    ];
  };

  it('zero for the image itself at every shift, and for the stride-2 map at even shifts; the vector, wrapped, never moves', () => {
    const zero = equivarianceErrors(maps, x, n, side, [0, 1, 2, 3, 4]);
    expect(zero.layers).toEqual(['image', 'avg', 'total']);
    zero.error[0].forEach((e) => expect(e).toBeLessThan(1e-7));
    expect(zero.error[1][0]).toBe(0);
    expect(zero.error[1][2]).toBeLessThan(1e-7);
    expect(zero.error[1][4]).toBeLessThan(1e-7);
    expect(zero.error[1][1]).toBeGreaterThan(0.05);
    equivarianceErrors(maps, x, n, side, [1, 3], 'wrap').error[2].forEach((e) => expect(e).toBeLessThan(1e-6));
  });

  it('a half-map-pixel move is scored against the linear interpolation of the two nearest whole moves', () => {
    const m = 2;
    const xs = x.subarray(0, m * 64);
    const [, avg] = maps(xs, m);
    const [, moved] = maps(shiftImages(xs, m, side, 1, 0), m);
    let num = 0;
    let den = 0;
    for (let i = 0; i < m; i++)
      for (let y = 0; y < 4; y++)
        for (let j = 1; j < 4; j++) {
          const expected = 0.5 * avg.data[i * 16 + y * 4 + j] + 0.5 * avg.data[i * 16 + y * 4 + j - 1];
          num += (moved.data[i * 16 + y * 4 + j] - expected) ** 2;
          den += expected ** 2;
        }
    expect(equivarianceErrors(maps, xs, m, side, [1]).error[1][0]).toBeCloseTo(Math.sqrt(num / den), 6);
  });

  it('its parts add up over batches: E from the summed parts of two halves is E of the whole', () => {
    const half = n >> 1;
    const shifts = [1, 2, 3];
    const whole = equivarianceErrors(maps, x, n, side, shifts);
    const parts = (from: number, count: number, s: number) => {
      const xs = x.slice(from * 64, (from + count) * 64);
      return equivarianceParts(maps(shiftImages(xs, count, side, s, 0), count), maps(xs, count), count, s);
    };
    shifts.forEach((s, k) => {
      const [a, b] = [parts(0, half, s), parts(half, n - half, s)];
      a.forEach(([num, den], l) => expect(errorFromParts([num + b[l][0], den + b[l][1]])).toBeCloseTo(whole.error[l][k], 6));
    });
  });

  it('the typed CNN’s maps: conv and pool layers with their strides, the global average and the output', () => {
    const engine = createEngine('js', { kind: 'cnn', spec: { imageSize: 8, inputChannels: 1, conv: [{ filters: 2, kernel: 3, pool: 'maxblur' }, { filters: 3, kernel: 2, pool: 'none' }], classes: 3, head: 'global-average' } }, createRng(1), { optimizer: 'sgd', learningRate: 0 }) as TypedCnn;
    const got = cnnMapsFn(engine)(x, 2);
    expect(got.map((f) => [f.label, f.side, f.channels, f.stride])).toEqual([
      ['conv 1', 6, 2, 1],
      ['pool 1', 3, 2, 2],
      ['conv 2', 2, 3, 2],
      ['global average', 0, 3, 2],
      ['output', 0, 3, 2],
    ]);
    expect(got[4].data[0] + got[4].data[1] + got[4].data[2]).toBeCloseTo(1, 6);
    engine.dispose();
  });
});

describe('typed MLP forward and weight files', () => {
  it('mlpLogits equals the lib’s tfjs forward', async () => {
    await tf.setBackend('cpu');
    const net = createMlp({ sizes: [64, 7, 3], activation: 'relu', init: 'uniform' }, createRng(3));
    const params = parameters(net).map((p) => p.dataSync() as Float32Array);
    const ref = tf.tidy(() => forward(net, tf.tensor2d(x, [n, 64])).logits.dataSync());
    const got = mlpLogits([64, 7, 3], 'relu', params, x, n);
    got.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 5));
    disposeMlp(net);
  });

  it('encode → decode keeps float16-rounded values, and the tfjs loader reads the same file', async () => {
    await tf.setBackend('cpu');
    const architecture: Architecture = { kind: 'mlp', spec: { sizes: [64, 5, 3], activation: 'relu', init: 'uniform' } };
    const net = createMlp(architecture.spec, createRng(4));
    const params = parameters(net).map((p) => p.dataSync() as Float32Array);
    const { bytes, tensors } = encodeWeightArrays(architecture, params, 'float16');
    expect(tensors.map((t) => t.shape)).toEqual([[64, 5], [5, 3], [5], [3]]);
    const manifest = { format: WEIGHTS_FORMAT, name: 't', architecture, dtype: 'float16', file: 't.bin', bytes: bytes.length, tensors } as unknown as WeightsManifest;
    const back = decodeWeightArrays(manifest, bytes);
    back.forEach((a, i) => a.forEach((v, j) => expect(Math.abs(v - params[i][j])).toBeLessThanOrEqual(Math.abs(params[i][j]) * 2 ** -11 + 1e-7)));
    const model = decodeWeights(manifest, bytes);
    model.parameters().forEach((p, i) => expect(Array.from(p.dataSync())).toEqual(Array.from(back[i])));
    model.dispose();
    disposeMlp(net);
    expect(() => decodeWeightArrays(manifest, bytes.subarray(2))).toThrow();
  });
});

// The typed CNN engine's pooling variants (MaxBlurPool, no pool, global-average head) against the lib
// on tfjs-wasm (the lib's numbers equal tfjs-cpu's within float32: tests/unit/lib/cnn-variants.test.ts):
// the same 20-step loss curve from one seed on real MNIST batches (plain JS and WASM
// SIMD builds), the same logits and per-block feature maps; the new kernels in both builds against
// naive loops; and the model key that keeps their calibrations apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createEngine, modelKey, type Batch, type EngineName, type ModelSpec } from '../../../src/lib/engine';
import { TypedCnn } from '../../../src/lib/engine/cnn-engines';
import { jsKernels, wasmKernels, type Kernels } from '../../../src/lib/engine/kernels';
import { oneHot } from '../../../src/lib/engine/tfjs';
import { loadDataset } from '../../../src/lib/data';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createRng } from '../../../src/lib/random';
import { SMALL_CNN, cnnBackward, cnnForward, cnnParameters, createCnn, disposeCnn, type CnnSpec } from '../../../src/lib/nets/cnn';
import { softmaxCrossEntropy, softmaxCrossEntropyGrad } from '../../../src/lib/metrics';
import { createUpdateRule } from '../../../src/lib/rules/update';
import { expectClose } from '../oracles/expect-close';

const STEPS = 20;
let batches: Batch[];

beforeAll(async () => {
  await tf.setBackend('wasm');
  const ds = await loadDataset('mnist', 'train', nodeSource());
  const n = 8;
  batches = Array.from({ length: STEPS }, (_, s) => {
    const x = new Float32Array(n * 784);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const idx = (s * n + i) * 41;
      for (let j = 0; j < 784; j++) x[i * 784 + j] = ds.images[idx * 784 + j] / 255;
      labels[i] = ds.labels[idx];
    }
    return { x, labels, n };
  });
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const SPECS: [string, CnnSpec][] = [
  ['MaxBlurPool ×2, flatten', { imageSize: 28, inputChannels: 1, conv: [{ filters: 4, kernel: 5, pool: 'maxblur' }, { filters: 6, kernel: 5, pool: 'maxblur' }], classes: 10 }],
  ['3 conv, no pool, global average', { imageSize: 28, inputChannels: 1, conv: [{ filters: 4, kernel: 3, pool: 'none' }, { filters: 4, kernel: 3, pool: 'none' }, { filters: 6, kernel: 3, pool: 'none' }], classes: 10, head: 'global-average' }],
  ['max, maxblur, none; global average', { imageSize: 28, inputChannels: 1, conv: [{ filters: 4, kernel: 5, pool: 'max' }, { filters: 4, kernel: 3, pool: 'maxblur' }, { filters: 6, kernel: 3, pool: 'none' }], classes: 10, head: 'global-average' }],
  ['zero border 3, max, none; global average', { imageSize: 28, inputChannels: 1, padding: 3, conv: [{ filters: 4, kernel: 5, pool: 'max' }, { filters: 6, kernel: 3, pool: 'none' }], classes: 10, head: 'global-average' }],
];

function referenceCurve(spec: CnnSpec, seed: number): number[] {
  const net = createCnn(spec, createRng(seed).fork('init'));
  const opt = createUpdateRule('adam', 3e-3);
  const losses = batches.map((b) => {
    const x = tf.tensor2d(b.x.subarray(0, b.n * 784), [b.n, 784]);
    const y = tf.tensor2d(oneHot(b.labels, b.n, 10), [b.n, 10]);
    const loss = tf.tidy(() => {
      const cache = cnnForward(net, x);
      opt.apply(cnnParameters(net), cnnBackward(net, cache, softmaxCrossEntropyGrad(cache.logits, y)).params);
      return softmaxCrossEntropy(cache.logits, y);
    });
    const v = loss.dataSync()[0];
    tf.dispose([x, y, loss]);
    return v;
  });
  opt.dispose();
  disposeCnn(net);
  return losses;
}

describe.each(SPECS)('%s', (_, spec) => {
  const model: ModelSpec = { kind: 'cnn', spec };
  let reference: number[];
  beforeAll(() => {
    reference = referenceCurve(spec, 11);
    expect(Math.abs(reference[STEPS - 1] - reference[0])).toBeGreaterThan(1e-3);
  });

  it.each(['js', 'wasm-simd'] as EngineName[])('%s: the 20-step loss curve of the lib on tfjs-wasm (float32 tolerance)', (name) => {
    const engine = createEngine(name, model, createRng(11).fork('init'), { optimizer: 'adam', learningRate: 3e-3 });
    const losses = batches.map((b) => engine.step(b).loss);
    engine.dispose();
    expectClose(losses, reference, 'float32');
  });

  it('tfjs-wasm (the lib as an engine): the same curve, and no tensor left behind', () => {
    const before = tf.memory().numTensors;
    const engine = createEngine('tfjs-wasm', model, createRng(11).fork('init'), { optimizer: 'adam', learningRate: 3e-3 });
    const losses = batches.slice(0, 5).map((b) => engine.step(b).loss);
    engine.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectClose(losses, reference.slice(0, 5), 1e-4);
  });

  it('logits and every block map equal the lib forward’s', async () => {
    const engine = createEngine('wasm-simd', model, createRng(3), { optimizer: 'adam', learningRate: 1e-3 }) as TypedCnn;
    const net = createCnn(spec, createRng(3));
    const b = batches[0];
    const x = tf.tensor2d(b.x.subarray(0, b.n * 784), [b.n, 784]);
    const maps = engine.featureMaps(b.x, b.n);
    const logits = engine.logits(b.x, b.n);
    tf.tidy(() => {
      const cache = cnnForward(net, x);
      expectClose(logits, cache.logits.dataSync(), 1e-4);
      expectClose(maps.features, cache.features.dataSync(), 1e-4);
      cache.blocks.forEach((block, l) => {
        expectClose(maps.blocks[l].conv, block.post.dataSync(), 1e-4);
        expectClose(maps.blocks[l].pooled, block.out.dataSync(), 1e-4);
      });
    });
    x.dispose();
    disposeCnn(net);
    engine.dispose();
  });
});

describe('model keys', () => {
  it('the small CNN keeps its key; every variant gets its own', () => {
    const keys = [SMALL_CNN, ...SPECS.map((s) => s[1])].map((spec) => modelKey({ kind: 'cnn', spec }));
    expect(keys[0]).toBe('cnn 28x1 c8k5 c16k5 10');
    expect(keys[2]).toBe('cnn 28x1 c4k3n c4k3n c6k3n 10 gap');
    expect(keys[4]).toBe('cnn 28x1 c4k5 c6k3n 10 gap p3');
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('pooling kernels, both builds against naive loops', () => {
  const put = (k: Kernels, values: ArrayLike<number>) => {
    const at = k.heap.alloc(values.length);
    k.heap.f32.set(Array.from(values), at);
    return at;
  };
  const read = (k: Kernels, at: number, n: number) => Array.from(k.heap.f32.subarray(at, at + n));
  const [n, hh, ww, ch] = [2, 7, 6, 5];
  const x = createRng(12).uniformArray(n * hh * ww * ch, -1, 1);
  const idx = (i: number, y: number, xx: number, c: number, h = hh, w = ww) => ((i * h + y) * w + xx) * ch + c;

  it.each([['js', jsKernels], ['wasm-simd', wasmKernels]] as const)('%s: maxPool1 + unpoolAdd, blurDown + adjoint, globalAverage + spread', (_, make) => {
    const K = make();
    const px = put(K, x);
    // stride-1 max
    const outMax = K.heap.alloc(n * (hh - 1) * (ww - 1) * ch);
    const win = K.heap.alloc(n * (hh - 1) * (ww - 1) * ch);
    K.maxPool1(n, hh, ww, ch, px, outMax, win);
    const naiveMax: number[] = [];
    for (let i = 0; i < n; i++)
      for (let y = 0; y < hh - 1; y++)
        for (let xx = 0; xx < ww - 1; xx++)
          for (let c = 0; c < ch; c++) naiveMax.push(Math.max(x[idx(i, y, xx, c)], x[idx(i, y + 1, xx, c)], x[idx(i, y, xx + 1, c)], x[idx(i, y + 1, xx + 1, c)]));
    expect(read(K, outMax, naiveMax.length)).toEqual(naiveMax);
    const dp = createRng(13).uniformArray(naiveMax.length, -1, 1);
    const pdp = put(K, dp);
    const d = K.heap.alloc(x.length);
    K.unpoolAdd(naiveMax.length, win, pdp, d, x.length);
    const naiveD = new Array(x.length).fill(0);
    K.heap.i32.subarray(win, win + naiveMax.length).forEach((w, o) => (naiveD[w] += dp[o]));
    const gotD = read(K, d, x.length);
    gotD.forEach((v, i) => expect(v).toBeCloseTo(naiveD[i], 5));
    expect(gotD.reduce((s, v) => s + v, 0)).toBeCloseTo(dp.reduce((s, v) => s + v, 0), 4);
    // blur at stride 2, reflect padding
    const oh = Math.floor((hh - 1) / 2) + 1;
    const ow = Math.floor((ww - 1) / 2) + 1;
    const refl = (j: number, size: number) => (j < 0 ? -j : j >= size ? 2 * (size - 1) - j : j);
    const wt = [0.25, 0.5, 0.25];
    const naiveBlur: number[] = [];
    for (let i = 0; i < n; i++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++)
          for (let c = 0; c < ch; c++) {
            let s = 0;
            for (let u = 0; u < 3; u++) for (let v = 0; v < 3; v++) s += wt[u] * wt[v] * x[idx(i, refl(2 * y - 1 + u, hh), refl(2 * xx - 1 + v, ww), c)];
            naiveBlur.push(s);
          }
    const blurred = K.heap.alloc(naiveBlur.length);
    K.blurDown(n, hh, ww, ch, px, blurred);
    read(K, blurred, naiveBlur.length).forEach((v, i) => expect(v).toBeCloseTo(naiveBlur[i], 5));
    const g = createRng(14).uniformArray(naiveBlur.length, -1, 1);
    const pg = put(K, g);
    const adj = K.heap.alloc(x.length);
    K.blurDownAdjoint(n, hh, ww, ch, adj, pg);
    const lhs = naiveBlur.reduce((s, v, i) => s + v * g[i], 0);
    const rhs = read(K, adj, x.length).reduce((s, v, i) => s + v * x[i], 0);
    expect(rhs).toBeCloseTo(lhs, 4);
    // global average and its spread
    const p = hh * ww;
    const avg = K.heap.alloc(n * ch);
    K.globalAverage(n, p, ch, px, avg);
    const naiveAvg = Array.from({ length: n * ch }, (_, k) => {
      let s = 0;
      for (let q = 0; q < p; q++) s += x[(Math.floor(k / ch) * p + q) * ch + (k % ch)];
      return s / p;
    });
    read(K, avg, n * ch).forEach((v, i) => expect(v).toBeCloseTo(naiveAvg[i], 5));
    const spread = K.heap.alloc(x.length);
    K.spreadAverage(n, p, ch, avg, spread);
    read(K, spread, x.length).forEach((v, i) => expect(v).toBeCloseTo(naiveAvg[Math.floor(i / (p * ch)) * ch + (i % ch)] / p, 6));
  });
});

describe('MaxBlurPool’s stride-1 max in both builds', () => {
  it.each([5, 8])('the same winners and values, ties included (%i channels: SIMD lanes and the scalar tail)', (ch) => {
    const [n, hh, ww] = [2, 5, 6];
    const rng = createRng(17 + ch);
    // three grey levels: many ties
    const x = Float32Array.from({ length: n * hh * ww * ch }, () => rng.int(3) / 2);
    const run = (K: Kernels) => {
      const px = K.heap.alloc(x.length);
      K.heap.f32.set(x, px);
      const count = n * (hh - 1) * (ww - 1) * ch;
      const out = K.heap.alloc(count);
      const win = K.heap.alloc(count);
      K.maxPool1(n, hh, ww, ch, px, out, win);
      return { out: Array.from(K.heap.f32.subarray(out, out + count)), win: Array.from(K.heap.i32.subarray(win, win + count)) };
    };
    const [js, wasm] = [run(jsKernels()), run(wasmKernels())];
    expect(wasm).toEqual(js);
    // ties: top before bottom, then left before right
    const first = js.win[0];
    const cands = [0, ww * ch, ch, ww * ch + ch];
    const best = Math.max(...cands.map((k) => x[k]));
    expect(first).toBe(x[0] >= x[ww * ch] ? (x[0] >= Math.max(x[ch], x[ww * ch + ch]) ? 0 : x[ch] >= x[ww * ch + ch] ? ch : ww * ch + ch) : x[ww * ch] >= Math.max(x[ch], x[ww * ch + ch]) ? ww * ch : x[ch] >= x[ww * ch + ch] ? ch : ww * ch + ch);
    expect(x[first]).toBe(best);
  });
});

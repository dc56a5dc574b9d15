// The CNN family's pooling variants and heads (max-pool, MaxBlurPool, none; flatten, global average)
// against an independent plain Float64 network (tests/unit/oracles/cnn.ts), and their written-out gradients
// against central finite differences of that network's loss; the pieces against tfjs's own ops
// (maxPool stride 1 differentiated by tf.grad, a depthwise blur of a mirror-padded map); leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../../../src/lib/random';
import { cnnBackward, cnnForward, cnnParameterCount, cnnParameters, createCnn, disposeCnn, type CnnSpec } from '../../../src/lib/nets/cnn';
import { cnnShapes } from '../../../src/lib/nets/cnn-shapes';
import { blurDown, blurDownBackward, blurMatrix, maxBlurPool, maxPool1, maxPool1Backward } from '../../../src/lib/nets/max-blur-pool';
import { globalAveragePool, globalAveragePoolBackward } from '../../../src/lib/nets/global-pool';
import { expectClose } from '../oracles/expect-close';
import { BLUR, oracleCnn, oracleCnnLoss } from '../oracles/cnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

const VARIANTS: [string, CnnSpec][] = [
  ['max, max, flatten', { imageSize: 12, inputChannels: 2, conv: [{ filters: 3, kernel: 3 }, { filters: 4, kernel: 2 }], classes: 3 }],
  ['maxblur, maxblur, flatten', { imageSize: 12, inputChannels: 2, conv: [{ filters: 3, kernel: 3, pool: 'maxblur' }, { filters: 4, kernel: 2, pool: 'maxblur' }], classes: 3 }],
  ['maxblur on an odd map (11 → 9 → 4)', { imageSize: 11, inputChannels: 1, conv: [{ filters: 3, kernel: 3, pool: 'maxblur' }], classes: 3 }],
  ['none, none, global average', { imageSize: 9, inputChannels: 1, conv: [{ filters: 3, kernel: 3, pool: 'none' }, { filters: 4, kernel: 3, pool: 'none' }], classes: 3, head: 'global-average' }],
  ['maxblur, none, global average', { imageSize: 12, inputChannels: 2, conv: [{ filters: 3, kernel: 3, pool: 'maxblur' }, { filters: 4, kernel: 2, pool: 'none' }], classes: 3, head: 'global-average' }],
  ['max, global average', { imageSize: 10, inputChannels: 1, conv: [{ filters: 4, kernel: 3, pool: 'max' }], classes: 3, head: 'global-average' }],
  ['zero border 2, max, none, global average', { imageSize: 8, inputChannels: 1, padding: 2, conv: [{ filters: 3, kernel: 3, pool: 'max' }, { filters: 4, kernel: 2, pool: 'none' }], classes: 3, head: 'global-average' }],
];

describe.each(VARIANTS)('CNN %s against the Float64 oracle', (_, spec) => {
  const n = 3;
  const d = spec.imageSize ** 2 * spec.inputChannels;
  const labels = [0, 2, 1];

  it('logits, per-block maps, parameter and input gradients (finite differences)', () => {
    const net = createCnn(spec, createRng(5));
    // Non-zero biases, so that ReLU kinks and ties are not where the zeros are.
    tf.tidy(() => net.convBiases.forEach((b, l) => b.assign(tf.tensor1d(createRng(l + 40).uniformArray(b.size, -0.2, 0.2)))));
    const xs = createRng(6).uniformArray(n * d, 0, 1);
    const x = tf.tensor2d(xs, [n, d]);
    const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), spec.classes), 'float32')) as tf.Tensor2D;
    const params = cnnParameters(net).map((v) => Array.from(v.dataSync(), Number));
    const images = Array.from({ length: n }, (_, i) => Array.from(xs.subarray(i * d, (i + 1) * d), Number));
    const shapes = cnnShapes(spec);
    expect(cnnParameterCount(spec)).toBe(params.reduce((s, p) => s + p.length, 0));
    tf.tidy(() => {
      const cache = cnnForward(net, x);
      const ref = images.map((im) => oracleCnn(spec, params, im));
      expectClose(cache.logits.dataSync(), ref.flatMap((r) => r.logits), 1e-5, { scale: 'largest', floor: 1e-3 });
      cache.blocks.forEach((b, l) => {
        expect(b.out.shape).toEqual([n, shapes.layers[l].outSide ** 2 * shapes.layers[l].filters]);
        expectClose(b.out.dataSync(), ref.flatMap((r) => r.maps[l]), 1e-5, { scale: 'largest', floor: 1e-3 });
      });
      const delta = tf.div(tf.sub(tf.softmax(cache.logits), y), n) as tf.Tensor2D;
      const grads = cnnBackward(net, cache, delta, true);
      const h = 1e-6;
      const fd = (bump: (sign: number) => number) => (bump(1) - bump(-1)) / (2 * h);
      params.forEach((p, k) => {
        const numeric = p.map((_, i) =>
          fd((sign) => {
            const q = params.map((a) => a.slice());
            q[k][i] += sign * h;
            return oracleCnnLoss(spec, q, images, labels);
          }),
        );
        expectClose(grads.params[k].dataSync(), numeric, 2e-4, { scale: 'largest', floor: 1e-3 });
      });
      const numericInput = images.flatMap((im, r) =>
        im.map((_, i) =>
          fd((sign) => {
            const moved = images.map((a) => a.slice());
            moved[r][i] += sign * h;
            return oracleCnnLoss(spec, params, moved, labels) * n;
          }),
        ),
      );
      // cnnBackward's input gradient is ∂(Σ_i L_i / n)/∂x scaled by the δ above; × n gives per-row ∂L_i/∂x_i.
      expectClose(tf.mul(grads.input!, n).dataSync(), numericInput, 2e-4, { scale: 'largest', floor: 1e-3 });
    });
    tf.dispose([x, y]);
    disposeCnn(net);
  });
});

describe('the pieces against tfjs kernels', () => {
  it('blurMatrix: ¼ ½ ¼ rows at stride 2, reflected at both ends', () => {
    expect(Array.from(blurMatrix(4))).toEqual([0.5, 0.5, 0, 0, 0, 0.25, 0.5, 0.25]);
    expect(Array.from(blurMatrix(3))).toEqual([0.5, 0.5, 0, 0, 0.5, 0.5]);
  });

  it('maxPool1 and blurDown match tf.maxPool (stride 1) and a depthwise blur of the mirror-padded map, with their gradients', () => {
    const rng = createRng(8);
    const [n, m, c] = [2, 7, 3];
    const x = tf.tensor2d(rng.uniformArray(n * m * m * c, -1, 1), [n, m * m * c]);
    const shape = { height: m, width: m, channels: c };
    const mid = { height: m - 1, width: m - 1, channels: c };
    const o = Math.floor((m - 2) / 2) + 1;
    const dMax = tf.tensor2d(rng.uniformArray(n * (m - 1) ** 2 * c, -1, 1), [n, (m - 1) ** 2 * c]);
    const dBlur = tf.tensor2d(rng.uniformArray(n * o * o * c, -1, 1), [n, o * o * c]);
    tf.tidy(() => {
      const refMax = (t: tf.Tensor) => tf.reshape(tf.maxPool(tf.reshape(t, [n, m, m, c]) as tf.Tensor4D, 2, 1, 'valid'), [n, -1]);
      const mine = maxPool1(x, shape);
      expectClose(mine.out.dataSync(), refMax(x).dataSync(), 1e-6, { scale: 'largest', floor: 1e-3 });
      const refGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(refMax(t), dMax)))(x);
      expectClose(maxPool1Backward(dMax, mine.rowMask, mine.colMask, shape).dataSync(), refGrad.dataSync(), 1e-6, { scale: 'largest', floor: 1e-3 });

      const k1 = tf.tensor1d(BLUR);
      const filter = tf.tile(tf.reshape(tf.outerProduct(k1, k1), [3, 3, 1, 1]), [1, 1, c, 1]) as tf.Tensor4D;
      const refBlur = (t: tf.Tensor) =>
        tf.reshape(tf.depthwiseConv2d(tf.mirrorPad(tf.reshape(t, [n, m - 1, m - 1, c]) as tf.Tensor4D, [[0, 0], [1, 1], [1, 1], [0, 0]], 'reflect'), filter, 2, 'valid'), [n, -1]);
      const blurred = blurDown(mine.out, mid);
      expectClose(blurred.dataSync(), refBlur(mine.out).dataSync(), 1e-6, { scale: 'largest', floor: 1e-3 });
      expectClose(maxBlurPool(x, shape).out.dataSync(), blurred.dataSync(), 0, { scale: 'largest', floor: 1e-3 });
      // The blur is linear, so its backward is its adjoint: <blurDown(u), v> = <u, blurDownBackward(v)>.
      // (tf.grad through mirrorPad cannot be the reference: tfjs 4.22's MirrorPad gradient only slices,
      // dropping what the reflected border received.)
      const lhs = tf.sum(tf.mul(blurred, dBlur)).dataSync()[0];
      const rhs = tf.sum(tf.mul(mine.out, blurDownBackward(dBlur, mid))).dataSync()[0];
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5 * (1 + Math.abs(lhs)));
    });
    tf.dispose([x, dMax, dBlur]);
  });

  it('global average pooling and its backward match tf.mean differentiated by tf.grad', () => {
    const rng = createRng(9);
    const x = tf.tensor2d(rng.uniformArray(2 * 12, -1, 1), [2, 12]);
    const d = tf.tensor2d(rng.uniformArray(2 * 3, -1, 1), [2, 3]);
    tf.tidy(() => {
      const ref = (t: tf.Tensor) => tf.mean(tf.reshape(t, [2, 4, 3]), 1);
      expectClose(globalAveragePool(x, 4, 3).dataSync(), ref(x).dataSync(), 1e-6, { scale: 'largest', floor: 1e-3 });
      expectClose(globalAveragePoolBackward(d, 4, 3).dataSync(), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(ref(t), d)))(x).dataSync(), 1e-6, { scale: 'largest', floor: 1e-3 });
    });
    tf.dispose([x, d]);
  });
});

describe('on wasm, and ownership', () => {
  const spec = VARIANTS[4][1];
  const run = () => {
    const net = createCnn(spec, createRng(4));
    const d = spec.imageSize ** 2 * spec.inputChannels;
    const x = tf.tensor2d(createRng(2).uniformArray(3 * d, 0, 1), [3, d]);
    const out = tf.tidy(() => {
      const cache = cnnForward(net, x);
      const g = cnnBackward(net, cache, tf.sub(tf.softmax(cache.logits), tf.cast(tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3), 'float32')) as tf.Tensor2D, true);
      return [cache.logits, g.input!, ...g.params].map((t) => t.dataSync().slice());
    });
    x.dispose();
    disposeCnn(net);
    return out;
  };

  it('wasm gives the CPU backend’s logits and gradients', async () => {
    const cpu = run();
    await tf.setBackend('wasm');
    const wasm = run();
    await tf.setBackend('cpu');
    wasm.forEach((a, i) => expectClose(a, cpu[i], 1e-4, { scale: 'largest', floor: 1e-3 }));
  });

  it.each(VARIANTS)('%s: forward + backward in tidy leak nothing; dispose frees every variable', (_, s) => {
    const before = tf.memory().numTensors;
    const net = createCnn(s, createRng(2));
    const d = s.imageSize ** 2 * s.inputChannels;
    const x = tf.tensor2d(createRng(3).uniformArray(2 * d, 0, 1), [2, d]);
    const afterCreate = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => void cnnBackward(net, cnnForward(net, x), tf.ones([2, s.classes]) as tf.Tensor2D, true));
    expect(tf.memory().numTensors).toBe(afterCreate);
    x.dispose();
    disposeCnn(net);
    expect(tf.memory().numTensors).toBe(before);
  });
});

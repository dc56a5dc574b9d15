// The CNN's written-out forward and backward (im2col + matMul, pairwise max pooling) against an
// independent implementation: tfjs's own conv2d / maxPool kernels differentiated by tf.grads on the
// CPU backend. Then the same numbers on wasm, and leak counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../../../src/lib/random';
import { SMALL_CNN, cnnBackward, cnnForward, cnnParameterCount, cnnParameters, createCnn, disposeCnn, type CnnSpec } from '../../../src/lib/nets/cnn';
import { col2im, convGeometry, im2col, sumInGroups } from '../../../src/lib/nets/im2col';
import { maxPool2, maxPool2Backward } from '../../../src/lib/nets/pool';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** The same network through tfjs's conv2d and maxPool: an independent reference. */
function referenceLogits(spec: CnnSpec, params: tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D {
  const n = x.shape[0];
  let h: tf.Tensor4D = tf.reshape(x, [n, spec.imageSize, spec.imageSize, spec.inputChannels]);
  let cin = spec.inputChannels;
  spec.conv.forEach(({ filters, kernel }, l) => {
    const filter = tf.reshape(params[2 * l], [kernel, kernel, cin, filters]) as tf.Tensor4D;
    const a = tf.add(tf.conv2d(h, filter, 1, 'valid'), params[2 * l + 1]) as tf.Tensor4D;
    h = tf.maxPool(tf.relu(a), 2, 2, 'valid');
    cin = filters;
  });
  const last = spec.conv.length * 2;
  return tf.add(tf.matMul(tf.reshape(h, [n, -1]), params[last]), params[last + 1]) as tf.Tensor2D;
}

const TINY: CnnSpec = { imageSize: 12, inputChannels: 2, conv: [{ filters: 3, kernel: 3 }, { filters: 4, kernel: 2 }], classes: 5 };

function batch(spec: CnnSpec, n: number, seed: number) {
  const rng = createRng(seed);
  const d = spec.imageSize ** 2 * spec.inputChannels;
  const x = tf.tensor2d(rng.uniformArray(n * d, 0, 1), [n, d]);
  const labels = Array.from({ length: n }, (_, i) => (i * 3) % spec.classes);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), spec.classes), 'float32')) as tf.Tensor2D;
  return { x, y };
}

describe('im2col and col2im', () => {
  it('im2col matches a plain loop over patches (order ki, kj, c)', () => {
    const g = convGeometry(6, 5, 2, 3);
    const n = 2;
    const xs = createRng(4).uniformArray(n * 60, -1, 1);
    const x = tf.tensor2d(xs, [n, 60]);
    const cols = tf.tidy(() => im2col(x, g));
    expect(cols.shape).toEqual([n * g.positions, g.patch]);
    const ref: number[] = [];
    for (let i = 0; i < n; i++)
      for (let oh = 0; oh < g.outHeight; oh++)
        for (let ow = 0; ow < g.outWidth; ow++)
          for (let ki = 0; ki < 3; ki++)
            for (let kj = 0; kj < 3; kj++) for (let c = 0; c < 2; c++) ref.push(xs[i * 60 + ((oh + ki) * 5 + (ow + kj)) * 2 + c]);
    expect(Array.from(cols.dataSync())).toEqual(Array.from(Float32Array.from(ref)));
    tf.dispose([x, cols]);
  });

  it('col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)>', () => {
    const g = convGeometry(7, 7, 3, 3);
    const rng = createRng(5);
    const x = tf.tensor2d(rng.uniformArray(2 * 147, -1, 1), [2, 147]);
    const c = tf.tensor2d(rng.uniformArray(2 * g.positions * g.patch, -1, 1), [2 * g.positions, g.patch]);
    const [lhs, rhs] = tf.tidy(() => [tf.sum(tf.mul(im2col(x, g), c)).dataSync()[0], tf.sum(tf.mul(x, col2im(c, g))).dataSync()[0]]);
    expect(lhs).toBeCloseTo(rhs, 3);
    tf.dispose([x, c]);
  });

  it('col2im stays the adjoint for a 5×5 kernel, whose 25 blocks are summed in groups', () => {
    const g = convGeometry(9, 8, 2, 5);
    const rng = createRng(6);
    const x = tf.tensor2d(rng.uniformArray(144, -1, 1), [1, 144]);
    const c = tf.tensor2d(rng.uniformArray(g.positions * g.patch, -1, 1), [g.positions, g.patch]);
    const [lhs, rhs] = tf.tidy(() => [tf.sum(tf.mul(im2col(x, g), c)).dataSync()[0], tf.sum(tf.mul(x, col2im(c, g))).dataSync()[0]]);
    expect(lhs).toBeCloseTo(rhs, 3);
    tf.dispose([x, c]);
  });

  it('sumInGroups gives the same sum as one addN for 1 to 25 inputs, leaking nothing', () => {
    const rng = createRng(7);
    for (const count of [1, 2, 7, 8, 13, 25]) {
      const parts = Array.from({ length: count }, () => tf.tensor1d(rng.uniformArray(5, -1, 1)));
      const before = tf.memory().numTensors;
      const [grouped, whole] = tf.tidy(() => [Array.from(sumInGroups(parts, 3).dataSync()), Array.from(tf.addN(parts).dataSync())]);
      expect(tf.memory().numTensors).toBe(before);
      grouped.forEach((v, i) => expect(v).toBeCloseTo(whole[i], 5));
      tf.dispose(parts);
    }
  });
});

describe('max pooling 2×2', () => {
  it('matches tf.maxPool and its gradient', () => {
    const rng = createRng(9);
    const shape = { height: 6, width: 4, channels: 3 };
    const x = tf.tensor2d(rng.uniformArray(2 * 72, -1, 1), [2, 72]);
    const dOut = tf.tensor2d(rng.uniformArray(2 * 18, -1, 1), [2, 18]);
    tf.tidy(() => {
      const { out, cache } = maxPool2(x, shape);
      const ref = (t: tf.Tensor) => tf.reshape(tf.maxPool(tf.reshape(t, [2, 6, 4, 3]) as tf.Tensor4D, 2, 2, 'valid'), [2, 18]);
      expectClose(out.dataSync(), ref(x).dataSync(), 1e-6);
      const refGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(ref(t), dOut)))(x);
      expectClose(maxPool2Backward(dOut, cache, shape).dataSync(), refGrad.dataSync(), 1e-6);
    });
    tf.dispose([x, dOut]);
  });
});

describe('CNN against tfjs conv2d + maxPool differentiated by tf.grads', () => {
  it.each([
    ['tiny (12×12×2, 3@3×3, 4@2×2)', TINY],
    ['SMALL_CNN (28×28, 8@5×5, 16@5×5)', SMALL_CNN],
  ])('%s: logits, parameter gradients and input gradient match', (_, spec) => {
    const net = createCnn(spec, createRng(3));
    const { x, y } = batch(spec, 4, 11);
    tf.tidy(() => {
      const cache = cnnForward(net, x);
      const params = cnnParameters(net);
      expectClose(cache.logits.dataSync(), referenceLogits(spec, params, x).dataSync(), 1e-5);
      // Mean cross-entropy: δ = (softmax(z) − y) / n.
      const delta = tf.div(tf.sub(tf.softmax(cache.logits), y), 4) as tf.Tensor2D;
      const mine = cnnBackward(net, cache, delta, true);
      const loss = (...ts: tf.Tensor[]) => tf.losses.softmaxCrossEntropy(y, referenceLogits(spec, ts.slice(1), ts[0] as tf.Tensor2D));
      const ref = tf.grads(loss)([x, ...params]);
      expectClose(mine.input!.dataSync(), ref[0].dataSync(), 1e-5);
      mine.params.forEach((g, i) => expectClose(g.dataSync(), ref[i + 1].dataSync(), 1e-5));
    });
    tf.dispose([x, y]);
    disposeCnn(net);
  });

  it('SMALL_CNN has 5,994 parameters', () => {
    expect(cnnParameterCount(SMALL_CNN)).toBe(5994);
    const net = createCnn(SMALL_CNN, createRng(1));
    expect(cnnParameters(net).reduce((s, p) => s + p.size, 0)).toBe(5994);
    disposeCnn(net);
  });
});

describe('CNN on wasm (no Conv2DBackpropFilter there)', () => {
  it('gives the CPU backend’s logits and gradients', async () => {
    const run = () => {
      const net = createCnn(SMALL_CNN, createRng(4));
      const { x, y } = batch(SMALL_CNN, 3, 2);
      const out = tf.tidy(() => {
        const cache = cnnForward(net, x);
        const g = cnnBackward(net, cache, tf.sub(tf.softmax(cache.logits), y) as tf.Tensor2D, true);
        return [cache.logits, g.input!, ...g.params].map((t) => t.dataSync().slice());
      });
      tf.dispose([x, y]);
      disposeCnn(net);
      return out;
    };
    const cpu = run();
    await tf.setBackend('wasm');
    const wasm = run();
    await tf.setBackend('cpu');
    wasm.forEach((a, i) => expectClose(a, cpu[i], 1e-4));
  });
});

describe('ownership', () => {
  it('forward + backward inside tidy leaks nothing; dispose frees every tensor', () => {
    const before = tf.memory().numTensors;
    const net = createCnn(SMALL_CNN, createRng(2));
    const { x, y } = batch(SMALL_CNN, 2, 1);
    const afterCreate = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.tidy(() => {
        const cache = cnnForward(net, x);
        cnnBackward(net, cache, tf.sub(tf.softmax(cache.logits), y) as tf.Tensor2D, true);
      });
    }
    expect(tf.memory().numTensors).toBe(afterCreate);
    tf.dispose([x, y]);
    disposeCnn(net);
    expect(tf.memory().numTensors).toBe(before);
  });
});

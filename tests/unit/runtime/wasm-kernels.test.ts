// The site registers only the tfjs-wasm kernels it uses (src/runtime/wasm-kernels.ts). This runs the
// lib's main paths — MLP training under each learning rule, the CNN, the binarized net with the
// metaplastic update, FGSM and PGD — on the CPU backend while recording every kernel tfjs runs
// (kernel names do not depend on the backend), and checks each one is in the site's wasm list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { WASM_KERNELS } from '../../../src/runtime/tfjs-wasm-kernels';
import { createRng } from '../../../src/lib/random';
import { createMlp, disposeMlp } from '../../../src/lib/nets/mlp';
import { adam, sgd } from '../../../src/lib/rules/update';
import { evaluate, trainStep } from '../../../src/lib/train/trainer';
import { rules } from '../../../src/lib/rules/feedback';
import { alignmentAngles } from '../../../src/lib/rules/feedback/alignment';
import { createClassifier, type Architecture } from '../../../src/lib/classifiers/classifier';
import { SMALL_CNN } from '../../../src/lib/nets/cnn';
import { fgsm } from '../../../src/lib/attacks/fgsm';
import { pgd } from '../../../src/lib/attacks/pgd';
import { bnnEvaluate, createBnn, disposeBnn } from '../../../src/lib/nets/bnn';
import { bnnTrainStep } from '../../../src/lib/train/bnn-step';
import { metaplasticAdam } from '../../../src/lib/rules/update/metaplastic-adam';

const ran = new Set<string>();
const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
const original = engine.runKernel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  engine.runKernel = function (this: unknown, name: string, ...rest: unknown[]) {
    ran.add(name);
    return original.call(this, name, ...rest);
  };
});

afterAll(() => {
  engine.runKernel = original;
});

function batch(n: number, rng = createRng(3)): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const x = tf.tensor2d(rng.uniformArray(n * 784, 0, 1), [n, 784]);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Array.from({ length: n }, (_, i) => i % 10), 'int32'), 10), 'float32')) as tf.Tensor2D;
  return { x, y };
}

describe('the site’s tfjs-wasm kernel list', () => {
  it('registers each kernel once, all for wasm', () => {
    const names = WASM_KERNELS.map((k) => k.kernelName);
    expect(new Set(names).size).toBe(names.length);
    expect(WASM_KERNELS.every((k) => k.backendName === 'wasm')).toBe(true);
  });

  it('covers every kernel the lib’s main paths run', () => {
    const { x, y } = batch(8);
    for (const [name, rule] of Object.entries(rules)) {
      const net = createMlp({ sizes: [784, 16, 16, 10], activation: name === 'backprop' ? 'relu' : 'tanh', init: 'uniform' }, createRng(1));
      const state = rule.init(net, createRng(2));
      for (const optimizer of [sgd(0.01), adam(1e-3)]) tf.dispose(Object.values(trainStep(net, rule, state, optimizer, x, y)).filter((v) => v instanceof tf.Tensor));
      alignmentAngles(net, rule, state, x, y);
      evaluate(net, x, y);
      rule.dispose(state);
      disposeMlp(net);
    }
    const architectures: Architecture[] = [
      { kind: 'mlp', spec: { sizes: [784, 16, 10], activation: 'relu', init: 'uniform' } },
      { kind: 'cnn', spec: SMALL_CNN },
    ];
    for (const architecture of architectures) {
      const model = createClassifier(architecture, createRng(5));
      tf.dispose([fgsm(model, x, y, { epsilon: 0.1 }), pgd(model, x, y, { epsilon: 0.1, iterations: 2 })]);
      model.dispose();
    }
    const bnn = createBnn({ sizes: [784, 32, 32, 10] }, createRng(6));
    const update = metaplasticAdam(5e-3, 8);
    bnnTrainStep(bnn, update, x, y);
    bnnEvaluate(bnn, x, y);
    disposeBnn(bnn);
    tf.dispose([x, y]);

    const registered = new Set(WASM_KERNELS.map((k) => k.kernelName));
    // tfjs-wasm has no Conv2DBackpropFilter; the lib's CNN never asks for it (im2col instead).
    const missing = [...ran].filter((name) => !registered.has(name));
    expect(ran.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

/**
 * The plain-tfjs baseline: the same models written the way a tfjs user would, trained by autodiff
 * (tf.train.adam(...).minimize, i.e. tf.variableGrads) on the active backend, with no tuning: the
 * loss read back every step, conv2d/maxPool for the CNN, tf.customGrad for the BNN's
 * straight-through sign. Initial weights are the lib's (same seed, same start). Bench-only: this is
 * the one place that registers tfjs' gradients; the app bundle never does.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createMlp } from '../src/lib/nets/mlp';
import { cnnParameters, createCnn } from '../src/lib/nets/cnn';
import { createBnn } from '../src/lib/nets/bnn';
import { oneHot, type Batch, type ModelSpec } from '../src/lib/engine';
import '../src/lib/engine/cnn-engines';
import '../src/lib/engine/bnn-engines';
import type { Rng } from '../src/lib/random';
import type { OptimizerKind } from '../src/lib/rules/update';

export interface Baseline {
  /** One update; the loss is read back at once (dataSync), except on WebGPU (see read()). */
  step(batch: Batch): void;
  /** The latest loss (await data(): tfjs-webgpu's dataSync returned zeros here). */
  read(): Promise<number>;
  dispose(): void;
}

/** sign with the straight-through estimator: ∂/∂x ≈ 1 where |x| ≤ 1. */
const steSign = tf.customGrad((x, save) => {
  (save as (tensors: tf.Tensor[]) => void)([x as tf.Tensor]);
  return {
    value: tf.step(x as tf.Tensor, -1),
    gradFunc: (dy, saved) => tf.mul(dy, tf.cast(tf.lessEqual(tf.abs(saved[0]), 1), 'float32')),
  };
});

export function createBaseline(model: ModelSpec, rng: Rng, optimizer: OptimizerKind, learningRate: number): Baseline {
  const opt = optimizer === 'adam' ? tf.train.adam(learningRate) : tf.train.sgd(learningRate);
  let variables: tf.Variable[];
  let logits: (x: tf.Tensor2D) => tf.Tensor2D;
  let inputs: number;
  let classes: number;
  if (model.kind === 'mlp') {
    const net = createMlp({ sizes: model.sizes, activation: model.activation, init: 'uniform' }, rng);
    variables = [...net.weights, ...net.biases];
    inputs = model.sizes[0];
    classes = model.sizes[model.sizes.length - 1];
    const act = (a: tf.Tensor2D) => (model.activation === 'relu' ? tf.relu(a) : model.activation === 'tanh' ? tf.tanh(a) : model.activation === 'sigmoid' ? tf.sigmoid(a) : a);
    logits = (x) => {
      let h: tf.Tensor2D = x;
      net.weights.forEach((w, l) => {
        const a = tf.add(tf.matMul(h, w), net.biases[l]) as tf.Tensor2D;
        h = l === net.weights.length - 1 ? a : act(a);
      });
      return h;
    };
  } else if (model.kind === 'cnn') {
    const net = createCnn(model.spec, rng);
    const filters = net.convWeights.map((w, l) => {
      const { kernel, filters: out } = model.spec.conv[l];
      const cin = l === 0 ? model.spec.inputChannels : model.spec.conv[l - 1].filters;
      return tf.variable(tf.reshape(w, [kernel, kernel, cin, out]));
    });
    cnnParameters(net).forEach((v, i) => i % 2 === 0 && i < 2 * filters.length && v.dispose());
    variables = [...filters, ...net.convBiases, net.denseWeight, net.denseBias];
    inputs = model.spec.imageSize ** 2 * model.spec.inputChannels;
    classes = model.spec.classes;
    logits = (x) => {
      let h = tf.reshape(x, [-1, model.spec.imageSize, model.spec.imageSize, model.spec.inputChannels]) as tf.Tensor4D;
      filters.forEach((f, l) => {
        h = tf.maxPool(tf.relu(tf.add(tf.conv2d(h, f as tf.Tensor4D, 1, 'valid'), net.convBiases[l])), 2, 2, 'valid');
      });
      return tf.add(tf.matMul(tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D, net.denseWeight), net.denseBias) as tf.Tensor2D;
    };
  } else {
    const net = createBnn({ sizes: model.sizes }, rng);
    variables = [...net.hidden, ...net.gamma, ...net.beta];
    inputs = model.sizes[0];
    classes = model.sizes[model.sizes.length - 1];
    logits = (x) => {
      let h: tf.Tensor2D = x;
      net.hidden.forEach((w, l) => {
        const a = tf.matMul(h, steSign(w) as tf.Tensor2D);
        const { mean, variance } = tf.moments(a, 0);
        const z = tf.add(tf.mul(tf.div(tf.sub(a, mean), tf.sqrt(tf.add(variance, 1e-5))), net.gamma[l]), net.beta[l]) as tf.Tensor2D;
        h = l === net.hidden.length - 1 ? z : (steSign(z) as tf.Tensor2D);
      });
      return h;
    };
  }
  const syncRead = tf.getBackend() !== 'webgpu';
  let pending: tf.Scalar | null = null;
  let last = NaN;
  return {
    step(batch) {
      const loss = tf.tidy(() => {
        const x = tf.tensor2d(batch.x.subarray(0, batch.n * inputs), [batch.n, inputs]);
        const y = tf.tensor2d(oneHot(batch.labels, batch.n, classes), [batch.n, classes]);
        return opt.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)) as tf.Scalar, true, variables) as tf.Scalar;
      });
      pending?.dispose();
      pending = null;
      if (syncRead) {
        last = loss.dataSync()[0];
        loss.dispose();
      } else pending = loss;
    },
    async read() {
      if (pending) {
        last = (await pending.data())[0];
        pending.dispose();
        pending = null;
      }
      return last;
    },
    dispose() {
      pending?.dispose();
      opt.dispose();
      tf.dispose(variables);
    },
  };
}

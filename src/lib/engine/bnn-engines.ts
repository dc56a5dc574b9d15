/**
 * Registers the BNN's engines with createEngine: the typed-array one (./bnn.ts) and the lib's BNN on
 * tfjs (../nets/bnn.ts, trained as ../train/bnn-step.ts does, without its readback). Import it for its
 * side effect where a BNN is trained through the engines, so pages that never train one never load it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { bnnComputeGradients, bnnGradientList, bnnParameters, bnnPredict, createBnn, disposeBnn } from '../nets/bnn';
import { metaplasticAdam } from '../rules/update';
import { TypedBnn } from './bnn';
import { initialBnnParameters } from './bnn-layout';
import { registerTypedModel } from './index';
import { registerTfjsNet } from './tfjs';

const BN_MOMENTUM = 0.1;

registerTypedModel('bnn', (name, kernels, model, rng, settings) => {
  if (model.kind !== 'bnn') throw new Error(`Not a BNN: ${model.kind}`);
  return new TypedBnn(name, kernels, model, initialBnnParameters(model, rng), settings);
});

registerTfjsNet('bnn', (model, rng) => {
  if (model.kind !== 'bnn') throw new Error(`Not a BNN: ${model.kind}`);
  const net = createBnn(model, rng);
  return {
    variables: () => bnnParameters(net),
    logits: (x) => bnnPredict(net, x),
    // With meta > 0 it trains by metaplastic Adam.
    updateRule: (settings) => (settings.optimizer === 'adam' && (settings.meta ?? 0) > 0 ? metaplasticAdam(settings.learningRate, settings.meta ?? 0) : null),
    update(x, y, optimizer): [tf.Scalar, tf.Scalar] {
      // Update, then the running statistics.
      const n = x.shape[0];
      const { loss, correct, grads, cache } = bnnComputeGradients(net, x, y);
      optimizer.apply(bnnParameters(net), bnnGradientList(grads));
      const unbias = n > 1 ? n / (n - 1) : 1;
      const momentum = net.spec.bnMomentum ?? BN_MOMENTUM;
      net.hidden.forEach((_, l) => {
        net.runningMean[l].assign(tf.add(tf.mul(net.runningMean[l], 1 - momentum), tf.mul(cache.batchMean[l], momentum)));
        net.runningVar[l].assign(tf.add(tf.mul(net.runningVar[l], 1 - momentum), tf.mul(cache.batchVar[l], momentum * unbias)));
      });
      return [loss, correct];
    },
    dispose: () => disposeBnn(net),
  };
});

export { TypedBnn };

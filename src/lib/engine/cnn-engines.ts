/**
 * Registers the CNN's engines with createEngine: the typed-array one (./cnn.ts) and the lib's CNN on
 * tfjs (../nets/cnn.ts). Import it for its side effect where a CNN is trained through the engines,
 * so pages that train only MLPs never load either.
 */
import * as tf from '@tensorflow/tfjs-core';
import { correctCount, softmaxCrossEntropy, softmaxCrossEntropyGrad } from '../metrics';
import { cnnBackward, cnnForward, cnnParameters, createCnn, disposeCnn } from '../nets/cnn';
import { initialCnnParameters, TypedCnn } from './cnn';
import { registerTypedModel } from './index';
import { registerTfjsNet } from './tfjs';

registerTypedModel('cnn', (name, kernels, model, rng, settings) => {
  if (model.kind !== 'cnn') throw new Error(`Not a CNN: ${model.kind}`);
  return new TypedCnn(name, kernels, model.spec, initialCnnParameters(model.spec, rng), settings);
});

registerTfjsNet('cnn', (model, rng) => {
  if (model.kind !== 'cnn') throw new Error(`Not a CNN: ${model.kind}`);
  const net = createCnn(model.spec, rng);
  return {
    variables: () => cnnParameters(net),
    logits: (x) => cnnForward(net, x).logits,
    update(x, y, optimizer): [tf.Scalar, tf.Scalar] {
      const cache = cnnForward(net, x);
      const grads = cnnBackward(net, cache, softmaxCrossEntropyGrad(cache.logits, y));
      optimizer.apply(cnnParameters(net), grads.params);
      return [softmaxCrossEntropy(cache.logits, y), correctCount(cache.logits, y)];
    },
    dispose: () => disposeCnn(net),
  };
});

export { TypedCnn };

/**
 * One training step of a binarized network (../nets/bnn.ts): forward in training mode, the
 * written-out backward with the straight-through estimator, the update rule applied to
 * [W_h…, γ…, β…], then BN's running statistics moved towards the batch's. Everything in one tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { StepResult } from '../metrics';
import { bnnComputeGradients, bnnGradientList, bnnParameters, DEFAULT_MOMENTUM, type Bnn } from '../nets/bnn';
import type { UpdateRule } from '../rules/update';

/**
 * One training step: forward in training mode, written-out backward, `update` applied to
 * [W_h…, γ…, β…], then the running statistics moved towards the batch's (momentum, unbiased variance).
 * Returns the batch metrics measured before the update.
 */
export function bnnTrainStep(net: Bnn, update: Pick<UpdateRule, 'apply'>, x: tf.Tensor2D, y: tf.Tensor2D): StepResult {
  const momentum = net.spec.bnMomentum ?? DEFAULT_MOMENTUM;
  const n = x.shape[0];
  const [lossT, correctT] = tf.tidy(() => {
    const { loss, correct, grads, cache } = bnnComputeGradients(net, x, y);
    update.apply(bnnParameters(net), bnnGradientList(grads));
    const unbias = n > 1 ? n / (n - 1) : 1;
    net.hidden.forEach((_, l) => {
      net.runningMean[l].assign(tf.add(tf.mul(net.runningMean[l], 1 - momentum), tf.mul(cache.batchMean[l], momentum)));
      net.runningVar[l].assign(tf.add(tf.mul(net.runningVar[l], 1 - momentum), tf.mul(cache.batchVar[l], momentum * unbias)));
    });
    return [loss, correct];
  });
  const loss = lossT.dataSync()[0];
  const correct = correctT.dataSync()[0];
  tf.dispose([lossT, correctT]);
  return { loss, accuracy: correct / n, diverged: !Number.isFinite(loss) };
}

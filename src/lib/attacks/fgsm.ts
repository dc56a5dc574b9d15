/**
 * Fast Gradient Sign Method (FGSM):  x̃ = clip(x + ε · sign ∇ₓJ(θ, x, y), 0, 1)
 *
 * One step to the corner of the L∞ ball that a linear model of the loss says is worst. An L∞ attack:
 * every pixel moves by at most ε. With a target t, J = −CE(t) and the step raises t's probability
 * (the targeted variant of Kurakin et al. 2016).
 *
 * Source: I. Goodfellow, J. Shlens, C. Szegedy, "Explaining and harnessing adversarial examples",
 * ICLR 2015 (arXiv:1412.6572). On MNIST at ε = 0.25: softmax regression 99.9% error, maxout 89.4%.
 *
 * Defaults: epsilon 0.25 (the paper's MNIST setting).
 * Shapes: x [n, 784] in [0, 1], y and target one-hot [n, 10]. Returns a new tensor [n, 784] that the
 * caller owns; disposes everything else it makes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Classifier } from '../classifiers/classifier';
import { checkEpsilon } from './project';

export interface FgsmOptions {
  /** Max change of any pixel (L∞ radius). Default 0.25. */
  epsilon?: number;
  /** One-hot target classes: make the model say these instead of merely not y. */
  target?: tf.Tensor2D;
}

export const FGSM_DEFAULTS = { epsilon: 0.25 } as const;

export function fgsm(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, { epsilon = FGSM_DEFAULTS.epsilon, target }: FgsmOptions = {}): tf.Tensor2D {
  checkEpsilon(epsilon, 'fgsm');
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.mul(tf.sign(model.inputGradient(x, y, target)), epsilon)), 0, 1));
}

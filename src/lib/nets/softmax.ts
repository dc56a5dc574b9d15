/**
 * Softmax regression (multinomial logistic regression): p(y | x) = softmax(xW + b), W [784, 10].
 * It is the MLP with no hidden layer, so it shares the MLP's parameters, forward pass and written-out
 * backward; only its name and its specification live here. Goodfellow et al. (2015) use it to show
 * that adversarial examples need no depth: for a linear model, wᵀη = ε‖w‖₁ grows with the input's
 * dimension, so a small ε per pixel adds up to a large change of every logit.
 */
import type { Rng } from '../random';
import { createMlp, type Mlp, type MlpSpec } from './mlp';

export function softmaxRegressionSpec(inputs = 784, classes = 10): MlpSpec {
  return { sizes: [inputs, classes], activation: 'linear', init: 'uniform' };
}

export function createSoftmaxRegression(rng: Rng, inputs = 784, classes = 10): Mlp {
  return createMlp(softmaxRegressionSpec(inputs, classes), rng);
}

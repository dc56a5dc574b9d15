/**
 * Adversarial training:  J̃(θ) = α J(θ, x, y) + (1 − α) J(θ, x̃, y),  x̃ = attack(θ, x, y) held fixed
 *
 * A training rule for any Classifier: each batch is attacked with the current weights, and the
 * gradient mixes the clean and the attacked loss. The attack is treated as a constant (no gradient
 * flows through x̃), as in both papers.
 *
 * Sources: Goodfellow, Shlens & Szegedy, ICLR 2015 (x̃ = FGSM, α = 0.5, ε = 0.25 on MNIST: maxout
 * FGSM error 89.4% → 17.9%); Madry et al., ICLR 2018 (x̃ = PGD from a random start, α = 0: train on
 * the worst case only). FGSM training can look robust to FGSM while PGD still breaks it (gradient
 * masking: Tramèr et al. 2018); the chapter shows that.
 *
 * Defaults: FGSM ε 0.25, α 0.5; PGD ε 0.1, step 0.025 (2.5ε / iterations), 10 iterations, α 0.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import type { Classifier } from '../classifiers/classifier';
import { fgsm } from './fgsm';
import { pgd } from './pgd';

export interface FgsmDefence {
  kind: 'fgsm';
  epsilon: number;
  alpha: number;
}

export interface PgdDefence {
  kind: 'pgd';
  epsilon: number;
  alpha: number;
  stepSize: number;
  iterations: number;
}

export type Defence = FgsmDefence | PgdDefence;

export type DefenceKind = Defence['kind'];

export const DEFENCE_DEFAULTS: { fgsm: FgsmDefence; pgd: PgdDefence } = {
  fgsm: { kind: 'fgsm', epsilon: 0.25, alpha: 0.5 },
  pgd: { kind: 'pgd', epsilon: 0.1, alpha: 0, stepSize: 0.025, iterations: 10 },
};

/** The attacked batch x̃ for a defence (a new tensor; `rng` feeds PGD's random start). */
export function adversarialBatch(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, defence: Defence, rng: Rng): tf.Tensor2D {
  return defence.kind === 'fgsm'
    ? fgsm(model, x, y, { epsilon: defence.epsilon })
    : pgd(model, x, y, { epsilon: defence.epsilon, stepSize: defence.stepSize, iterations: defence.iterations, rng });
}

/**
 * J̃ and ∂J̃/∂θ (parameters() order) for one batch. The clean pass is skipped when α = 0 and the
 * attacked one when α = 1. Call inside tf.tidy.
 */
export function adversarialLossAndGradients(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, defence: Defence, rng: Rng): { loss: tf.Scalar; grads: tf.Tensor[] } {
  const { alpha } = defence;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`adversarial training: alpha ${alpha} must lie in [0, 1]`);
  if (alpha === 1) return model.lossAndGradients(x, y);
  const attacked = model.lossAndGradients(adversarialBatch(model, x, y, defence, rng), y);
  if (alpha === 0) return attacked;
  const clean = model.lossAndGradients(x, y);
  return {
    loss: tf.add(tf.mul(clean.loss, alpha), tf.mul(attacked.loss, 1 - alpha)),
    grads: clean.grads.map((g, i) => tf.add(tf.mul(g, alpha), tf.mul(attacked.grads[i], 1 - alpha))),
  };
}

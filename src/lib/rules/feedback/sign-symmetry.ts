/**
 * Sign symmetry: δℓ = (sign(Wℓ₊₁)ᵀ δℓ₊₁) ⊙ f′(aℓ)  (Liao, Leibo & Poggio 2016, "How important is
 * weight symmetry in backpropagation?", AAAI).
 *
 * The feedback path shares only the signs of the forward weights, read afresh at every step, not
 * their magnitudes. In row form signal = δℓ₊₁ · sign(Wℓ₊₁)ᵀ. No state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LearningRule } from './types';

export const signSymmetry: LearningRule<null> = {
  name: 'sign-symmetry',
  label: 'Sign symmetry',
  init: () => null,
  feedback: (layer, deltaAbove, ctx) => tf.matMul(deltaAbove, tf.transpose(tf.sign(ctx.net.weights[layer + 1]))),
  dispose: () => {},
};

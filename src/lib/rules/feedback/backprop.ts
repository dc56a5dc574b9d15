/**
 * Backpropagation: δℓ = (Wℓ₊₁ᵀ δℓ₊₁) ⊙ f′(aℓ)  (Rumelhart, Hinton & Williams 1986).
 * In row-vector form (activations [batch, width]): signal = δℓ₊₁ · Wℓ₊₁ᵀ. No state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LearningRule } from './types';

export const backprop: LearningRule<null> = {
  name: 'backprop',
  label: 'Backprop',
  init: () => null,
  feedback: (layer, deltaAbove, ctx) => tf.matMul(deltaAbove, tf.transpose(ctx.net.weights[layer + 1])),
  dispose: () => {},
};

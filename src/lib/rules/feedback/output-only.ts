/**
 * Output layer only: δℓ = 0 for every hidden layer, so ΔW_L = −η h_{L−1}ᵀ δ_L and the hidden weights
 * keep their initial values: a trained linear readout of fixed random features, the "shallow"
 * baseline that feedback alignment must beat (Lillicrap et al. 2016, Fig. 1).
 * No state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LearningRule } from './types';

export const outputOnly: LearningRule<null> = {
  name: 'output-only',
  label: 'Output layer only',
  init: () => null,
  feedback: (layer, deltaAbove, ctx) => tf.zeros([deltaAbove.shape[0], ctx.net.spec.sizes[layer + 1]]),
  dispose: () => {},
};

/**
 * Direct feedback alignment: δℓ = (Bℓ e) ⊙ f′(aℓ), e = ∂L/∂z the output error, Bℓ fixed and random
 * (Nøkland 2016, "Direct feedback alignment provides learning in deep neural networks", NeurIPS).
 *
 * Every hidden layer hears the output error straight through its own fixed matrix, not the layer
 * above: in row form signal = e · Bℓ with Bℓ [classes, width ℓ]. B ~ U(±scale) or N(0, scale²),
 * default scale 1/√classes. For one hidden layer DFA and FA coincide (same B shape, same stream).
 * State: one non-trainable tf.Variable per hidden layer; dispose() frees them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { disposeFeedback, randomFeedbackMatrix, type FeedbackOptions, type FeedbackState } from './feedback-alignment';
import type { LearningRule } from './types';

export function directFeedbackAlignment(options: FeedbackOptions = {}, name = 'dfa', label = 'Direct feedback alignment'): LearningRule<FeedbackState> {
  return {
    name,
    label,
    init(net, rng) {
      const sizes = net.spec.sizes;
      const classes = sizes[sizes.length - 1];
      const matrices = Array.from({ length: net.weights.length - 1 }, (_, l) => randomFeedbackMatrix(classes, sizes[l + 1], rng.fork(`B${l}`), options));
      return { kind: 'dfa', matrices };
    },
    feedback: (layer, _deltaAbove, ctx, state) => tf.matMul(ctx.outputDelta, state.matrices[layer]),
    dispose: disposeFeedback,
  };
}

export const dfa = directFeedbackAlignment();

/**
 * Every learning rule, registered by name, "sorted in order of increasing complexity".
 * Forward-forward (./forward-forward.ts) and equilibrium propagation (./eqprop.ts) are local rules
 * with their own objectives and dynamics, not a feedback path through `backward`: import them directly.
 */
import type { LearningRule } from './types';
import { backprop } from './backprop';
import { fa } from './feedback-alignment';
import { dfa } from './direct-feedback-alignment';
import { signSymmetry } from './sign-symmetry';
import { outputOnly } from './output-only';

export type { BackwardContext, Gradients, LearningRule } from './types';
export { backward } from './backward';
export { backprop } from './backprop';
export { fa, feedbackAlignment, randomFeedbackMatrix } from './feedback-alignment';
export type { FeedbackDistribution, FeedbackOptions, FeedbackState } from './feedback-alignment';
export { dfa, directFeedbackAlignment } from './direct-feedback-alignment';
export { signSymmetry } from './sign-symmetry';
export { outputOnly } from './output-only';
export { alignmentAngles, feedbackWeightAngle, hasFeedbackMatrices } from './alignment';
export type { AlignmentOptions } from './alignment';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own state type
export const rules: Record<string, LearningRule<any>> = {
  [backprop.name]: backprop,
  [outputOnly.name]: outputOnly,
  [fa.name]: fa,
  [dfa.name]: dfa,
  [signSymmetry.name]: signSymmetry,
};

export function getRule(name: string): LearningRule<unknown> {
  const rule = rules[name];
  if (!rule) throw new Error(`Unknown learning rule "${name}". Known: ${Object.keys(rules).join(', ')}`);
  return rule;
}

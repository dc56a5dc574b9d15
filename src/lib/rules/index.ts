/** Every learning rule, registered by name, "sorted in order of increasing complexity". */
import type { LearningRule } from './types';
import { backprop } from './backprop';

export type { BackwardContext, Gradients, LearningRule } from './types';
export { backward } from './backward';
export { backprop } from './backprop';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own state type
export const rules: Record<string, LearningRule<any>> = {
  [backprop.name]: backprop,
};

export function getRule(name: string): LearningRule<unknown> {
  const rule = rules[name];
  if (!rule) throw new Error(`Unknown learning rule "${name}". Known: ${Object.keys(rules).join(', ')}`);
  return rule;
}

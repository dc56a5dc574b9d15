/**
 * The update rules, one registered family "sorted in order of increasing complexity": each turns
 * a gradient into a change of the weights (./types.ts), whatever feedback rule made the gradient.
 *
 *   sgd               θ ← θ − η g
 *   adam              θ ← θ − η m̂ / (√v̂ + ε)                         (Kingma & Ba 2015)
 *   metaplastic-adam  Adam, its shrinking steps scaled by 1 − tanh²(m θ)  (Laborieux et al. 2021)
 *   eg                θ ← θ ⊙ exp(−η sign(θ) ⊙ g)                     (Kivinen & Warmuth 1997)
 *   eg-plus-minus     EG± on normalised θ⁺, θ⁻, θ = U(θ⁺ − θ⁻)         (Kivinen & Warmuth 1997)
 *   p-norm            mirror descent with ∇φ(θ) = sign(θ)|θ|^{p−1}     (Gentile & Littlestone 1999)
 *
 * Each file opens with its update and citation; `createUpdateRule(name, η)` makes one by name.
 */
import { adam } from './adam';
import { egPlusMinus } from './eg-plus-minus';
import { exponentiatedGradient } from './exponentiated-gradient';
import { metaplasticAdam } from './metaplastic-adam';
import { pNorm } from './p-norm';
import { sgd } from './sgd';
import type { UpdateRule } from './types';

export type { UpdateRule } from './types';
export { sgd } from './sgd';
export { adam, type AdamOptions } from './adam';
export { metaplasticAdam, metaFactor, tanhSquared, type MetaplasticAdam } from './metaplastic-adam';
export { exponentiatedGradient, exponentiatedGradientStep } from './exponentiated-gradient';
export { egPlusMinus, splitStart, type EgPlusMinusRule } from './eg-plus-minus';
export { pNorm, pNormStep, type PNormRule } from './p-norm';

/** Options of the rules that take any (defaults as in each rule's file). */
export interface UpdateRuleOptions {
  /** metaplastic-adam: the metaplasticity strength m. Default 0 (plain Adam). */
  meta?: number;
  /** eg-plus-minus: the total weight U. Default 1. */
  total?: number;
  /** p-norm: the exponent p. Default 3. */
  p?: number;
}

export const updateRules = {
  sgd: { label: 'SGD', create: (learningRate: number) => sgd(learningRate) },
  adam: { label: 'Adam', create: (learningRate: number) => adam(learningRate) },
  'metaplastic-adam': { label: 'Metaplastic Adam', create: (learningRate: number, o: UpdateRuleOptions) => metaplasticAdam(learningRate, o.meta ?? 0) },
  eg: { label: 'Exponentiated gradient', create: (learningRate: number) => exponentiatedGradient(learningRate) },
  'eg-plus-minus': { label: 'EG±', create: (learningRate: number, o: UpdateRuleOptions) => egPlusMinus(learningRate, { total: o.total }) },
  'p-norm': { label: 'p-norm mirror descent', create: (learningRate: number, o: UpdateRuleOptions) => pNorm(learningRate, o.p ?? 3) },
} satisfies Record<string, { label: string; create(learningRate: number, options: UpdateRuleOptions): UpdateRule }>;

export type UpdateRuleName = keyof typeof updateRules;

/** The update rules every training engine implements (the widgets' "optimizer" settings). */
export type OptimizerKind = Extract<UpdateRuleName, 'sgd' | 'adam'>;
export const OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'adam'];

export function createUpdateRule(name: UpdateRuleName, learningRate: number, options: UpdateRuleOptions = {}): UpdateRule {
  const entry = updateRules[name];
  if (!entry) throw new Error(`Unknown update rule "${String(name)}". Known: ${Object.keys(updateRules).join(', ')}`);
  return entry.create(learningRate, options);
}

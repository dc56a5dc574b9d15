/** The attacks and the defence, "sorted in order of increasing complexity". */
export { projectLinf } from './project';
export { fgsm, FGSM_DEFAULTS, type FgsmOptions } from './fgsm';
export { pgd, pgdStart, pgdStep, pgdSteps, PGD_DEFAULTS, type PgdOptions, type PgdStep } from './pgd';
export { nes, nesSteps, modelQuery, NES_DEFAULTS, type NesOptions, type NesResult, type NesStep, type QueryFn } from './nes';
export {
  adversarialBatch,
  adversarialLossAndGradients,
  DEFENCE_DEFAULTS,
  type Defence,
  type FgsmDefence,
  type PgdDefence,
  type DefenceKind,
} from './adversarial-training';

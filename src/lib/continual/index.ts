// Continual learning: methods that meet tasks one after another (the Catastrophic-forgetting chapter).
// The task streams live in ../data/tasks.ts, the binarized network in ../nets/bnn.ts and the
// metaplastic optimizer in ../rules/metaplastic.ts.
export { Consolidation, empiricalFisher } from './ewc';
export type { ConsolidationKind } from './ewc';
export { ReplayBuffer } from './replay';
export { BnnLearner, METHOD_KINDS, MlpLearner, createLearner, methodLabel } from './learners';
export type { ContinualLearner, LearnerContext, MethodKind, MethodLive, MethodSpec } from './learners';

/**
 * The live settings of the feedback-alignment chapter's run kinds, apart from the experiments' code
 * so the worker's registry can name them without loading that code until a page asks for it.
 */
import type { FaCompareConfig } from './compare';
import type { LinearTaskConfig } from './linear';

export const FA_COMPARE_LIVE_KEYS: readonly (keyof FaCompareConfig)[] = ['learningRate', 'optimizer', 'batchSize'];
export const FA_LINEAR_LIVE_KEYS: readonly (keyof LinearTaskConfig)[] = ['learningRate'];
export const FORWARD_FORWARD_LIVE_KEYS = ['learningRate', 'threshold'] as const;
export const EQPROP_LIVE_KEYS = ['beta', 'nudging', 'learningRates', 'freeSteps', 'nudgedSteps', 'traceIndex'] as const;

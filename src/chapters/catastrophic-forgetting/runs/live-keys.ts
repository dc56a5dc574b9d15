/**
 * The live settings of the 'forgetting' run kind, apart from the experiment's code so the worker's
 * registry can name them without loading the BNN, EWC and replay code until a page asks for it.
 */
export const FORGETTING_LIVE_KEYS = ['task', 'lambda', 'meta', 'batchSize'] as const;

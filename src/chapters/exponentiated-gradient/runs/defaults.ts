/**
 * The live runs' default configs, in a module with no runtime imports: the widgets' config functions
 * run on the page, and importing them from the run files would pull the runs' lib code (and tfjs)
 * into the page's bundle instead of leaving it to the worker.
 */
import type { GuessMapConfig } from './guess-the-map';
import type { WeightsLiveConfig } from './weights-live';

export const WEIGHTS_LIVE_DEFAULTS: WeightsLiveConfig = {
  hidden: [256],
  excitatoryFraction: 0.8,
  logStd: 1,
  gdRate: 0.1,
  egRate: 'matched',
  biasRate: 0.1,
  batchSize: 32,
  seed: 1,
  trainSize: 10_000,
  testSize: 2_000,
  layer: 1,
  bins: 40,
  qqCount: 41,
};

export const GUESS_MAP_DEFAULTS: GuessMapConfig = {
  dimension: 1000,
  points: 177,
  power: 2,
  hidden: 'negative-entropy',
  candidates: ['2-norm', '3-norm', 'negative-entropy'],
  tolerance: 1e-12,
  seed: 1,
  bins: 40,
  qqCount: 41,
};

/** The Exponentiated-gradient chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { RaceConfig, RaceMetrics } from './runs/sparse-dense-race';
import type { WeightsLiveConfig, WeightsLiveMetrics } from './runs/weights-live';
import type { GuessMapConfig, GuessMapMetrics } from './runs/guess-the-map';

export const egRaceKind = runKind<RaceConfig, RaceMetrics>('eg-race');
export const egWeightsKind = runKind<WeightsLiveConfig, WeightsLiveMetrics>('eg-weights');
export const egGuessMapKind = runKind<GuessMapConfig, GuessMapMetrics>('eg-guess-map');

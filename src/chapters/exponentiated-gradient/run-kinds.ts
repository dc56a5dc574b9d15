/** The Exponentiated-gradient chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { egGuessMapKind, egRaceKind, egWeightsKind } from './kinds';
import { raceConfig } from './widgets/eg-race/config';
import { raceSchema } from './widgets/eg-race/schema';
import { weightsConfig } from './widgets/eg-weights/config';
import { weightsSchema } from './widgets/eg-weights/schema';
import { guessMapConfig } from './widgets/eg-guess-map/config';
import { guessMapSchema } from './widgets/eg-guess-map/schema';

export const egRace = defineRunKind({
  kind: egRaceKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(raceSchema, (s) => raceConfig(s, 1)),
  create: async (config) => new (await import('./runs/sparse-dense-race')).RaceRun(config),
});

export const egWeights = defineRunKind({
  kind: egWeightsKind,
  liveKeys: liveConfigKeys(weightsSchema, (s) => weightsConfig(s, 1)),
  create: async (config, source) => (await import('./runs/weights-live')).WeightsLiveRun.create(config, source),
});

export const egGuessMap = defineRunKind({
  kind: egGuessMapKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(guessMapSchema, (s) => guessMapConfig(s, 1)),
  create: async (config) => new (await import('./runs/guess-the-map')).GuessMapRun(config),
});

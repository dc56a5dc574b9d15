/**
 * The closing chapter's run kinds, as the worker builds them. Live keys come from the widgets'
 * schemas (liveConfigKeys), plus two that are not settings: the Game of Life's edit commands
 * (toggles, place, clear), sent by the reader's clicks and keys, and the reservoir sweep's work per
 * step, which the figure tunes to the machine.
 */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { edgeOfChaosKind, eventCameraKind, gameOfLifeKind, kohonenMapKind, lifNeuronKind } from './kinds';
import { LIFE_LIVE_KEYS } from './runs/life';
import { lifNeuronConfig } from './widgets/lif-neuron/config';
import { lifNeuronSchema } from './widgets/lif-neuron/schema';
import { edgeOfChaosConfig } from './widgets/edge-of-chaos/config';
import { edgeOfChaosSchema } from './widgets/edge-of-chaos/schema';
import { gameOfLifeConfig } from './widgets/game-of-life/config';
import { gameOfLifeSchema } from './widgets/game-of-life/schema';
import { kohonenMapConfig } from './widgets/kohonen-map/config';
import { kohonenMapSchema } from './widgets/kohonen-map/schema';
import { eventCameraConfig } from './widgets/event-camera/config';
import { eventCameraSchema } from './widgets/event-camera/schema';

export const lifNeuron = defineRunKind({
  kind: lifNeuronKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(lifNeuronSchema, (s) => lifNeuronConfig(s, 1)),
  create: async (config) => (await import('./runs/neuron')).neuronRun(config),
});

export const edgeOfChaos = defineRunKind({
  kind: edgeOfChaosKind,
  usesTfjs: false,
  // sweepWork too: the figure tunes it so the sweep fills each frame (not a setting).
  liveKeys: [...liveConfigKeys(edgeOfChaosSchema, (s) => edgeOfChaosConfig(s, 1)), 'sweepWork'],
  create: async (config) => (await import('./runs/edge-of-chaos')).edgeOfChaosRun(config),
});

export const gameOfLife = defineRunKind({
  kind: gameOfLifeKind,
  usesTfjs: false,
  liveKeys: [...liveConfigKeys(gameOfLifeSchema, (s) => gameOfLifeConfig(s, 1)), ...LIFE_LIVE_KEYS],
  create: async (config) => (await import('./runs/life')).lifeRun(config),
});

export const kohonenMap = defineRunKind({
  kind: kohonenMapKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(kohonenMapSchema, (s) => kohonenMapConfig(s, 1)),
  create: async (config, source) => (await import('./runs/som')).somRun(config, source),
});

export const eventCamera = defineRunKind({
  kind: eventCameraKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(eventCameraSchema, (s) => eventCameraConfig(s, 1)),
  create: async (config, source) => (await import('./runs/event-camera')).eventCameraRun(config, source),
});

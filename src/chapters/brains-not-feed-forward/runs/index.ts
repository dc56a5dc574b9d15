/**
 * The chapter's live runs by kind, in the worker registry's shape (liveKeys + create(config, source)),
 * with each kind's default config. Widgets (a later phase) pick their kind here. The modules are
 * small typed-array code (no tfjs), so they are imported directly rather than lazily.
 */
import type { ByteSource } from '../../../lib/data';
import { NEURON_DEFAULTS, NEURON_LIVE_KEYS, neuronRun, type NeuronConfig, type NeuronMetrics } from './neuron';
import { EDGE_OF_CHAOS_DEFAULTS, EDGE_OF_CHAOS_LIVE_KEYS, edgeOfChaosRun, type EdgeOfChaosConfig, type EdgeOfChaosMetrics } from './edge-of-chaos';
import { LIFE_DEFAULTS, LIFE_LIVE_KEYS, lifeRun, type LifeConfig, type LifeMetrics } from './life';
import { SOM_LIVE_KEYS, SOM_RUN_DEFAULTS, somRun, type SomMetrics, type SomRunConfig } from './som';
import { EVENT_CAMERA_DEFAULTS, EVENT_CAMERA_LIVE_KEYS, eventCameraRun, type EventCameraConfig, type EventCameraMetrics } from './event-camera';
import type { LiveRun } from './types';

export interface DynamicsRunKind<C, M> {
  defaults: C;
  liveKeys: readonly (keyof C)[];
  create(config: C, source: ByteSource): Promise<LiveRun<C, M>>;
}

export interface DynamicsRunKinds {
  'lif-neuron': DynamicsRunKind<NeuronConfig, NeuronMetrics>;
  'edge-of-chaos': DynamicsRunKind<EdgeOfChaosConfig, EdgeOfChaosMetrics>;
  'game-of-life': DynamicsRunKind<LifeConfig, LifeMetrics>;
  'kohonen-map': DynamicsRunKind<SomRunConfig, SomMetrics>;
  'event-camera': DynamicsRunKind<EventCameraConfig, EventCameraMetrics>;
}

export const dynamicsRunKinds: DynamicsRunKinds = {
  'lif-neuron': { defaults: NEURON_DEFAULTS, liveKeys: NEURON_LIVE_KEYS, create: async (config) => neuronRun(config) },
  'edge-of-chaos': { defaults: EDGE_OF_CHAOS_DEFAULTS, liveKeys: EDGE_OF_CHAOS_LIVE_KEYS, create: async (config) => edgeOfChaosRun(config) },
  'game-of-life': { defaults: LIFE_DEFAULTS, liveKeys: LIFE_LIVE_KEYS, create: async (config) => lifeRun(config) },
  'kohonen-map': { defaults: SOM_RUN_DEFAULTS, liveKeys: SOM_LIVE_KEYS, create: (config, source) => somRun(config, source) },
  'event-camera': { defaults: EVENT_CAMERA_DEFAULTS, liveKeys: EVENT_CAMERA_LIVE_KEYS, create: (config, source) => eventCameraRun(config, source) },
};

export type { LiveRun, TrainResult } from './types';

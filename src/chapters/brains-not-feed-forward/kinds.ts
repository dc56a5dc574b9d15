/** The closing chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { NeuronConfig, NeuronMetrics } from './runs/neuron';
import type { EdgeOfChaosConfig, EdgeOfChaosMetrics } from './runs/edge-of-chaos';
import type { LifeConfig, LifeMetrics } from './runs/life';
import type { SomMetrics, SomRunConfig } from './runs/som';
import type { EventCameraConfig, EventCameraMetrics } from './runs/event-camera';

export const lifNeuronKind = runKind<NeuronConfig, NeuronMetrics>('lif-neuron');
export const edgeOfChaosKind = runKind<EdgeOfChaosConfig, EdgeOfChaosMetrics>('edge-of-chaos');
export const gameOfLifeKind = runKind<LifeConfig, LifeMetrics>('game-of-life');
export const kohonenMapKind = runKind<SomRunConfig, SomMetrics>('kohonen-map');
export const eventCameraKind = runKind<EventCameraConfig, EventCameraMetrics>('event-camera');

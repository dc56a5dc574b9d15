/** Brains are not feed-forward: a spiking neuron, a reservoir at the edge of chaos, Life, a Kohonen map, an event camera. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'lif-neuron': () => import('./widgets/lif-neuron/element'),
  'edge-of-chaos': () => import('./widgets/edge-of-chaos/element'),
  'game-of-life': () => import('./widgets/game-of-life/element'),
  'kohonen-map': () => import('./widgets/kohonen-map/element'),
  'event-camera': () => import('./widgets/event-camera/element'),
};

export const brainsNotFeedForward: Chapter = {
  slug: 'brains-not-feed-forward',
  widgets,
  runKinds: {
    'lif-neuron': async () => (await import('./run-kinds')).lifNeuron,
    'edge-of-chaos': async () => (await import('./run-kinds')).edgeOfChaos,
    'game-of-life': async () => (await import('./run-kinds')).gameOfLife,
    'kohonen-map': async () => (await import('./run-kinds')).kohonenMap,
    'event-camera': async () => (await import('./run-kinds')).eventCamera,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

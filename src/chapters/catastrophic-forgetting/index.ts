/** Catastrophic forgetting: plain, replay, EWC and metaplastic synapses, live. */
import type { Chapter } from '../types';

export const catastrophicForgetting: Chapter = {
  slug: 'catastrophic-forgetting',
  widgets: {
    'forgetting-live': () => import('./widgets/forgetting/element'),
    'metaplastic-synapse': () => import('./widgets/metaplastic/element'),
  },
  runKinds: { forgetting: async () => (await import('./run-kinds')).forgetting },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

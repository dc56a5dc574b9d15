/** Catastrophic forgetting: plain, replay, EWC and metaplastic synapses, live. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'forgetting-live': () => import('./widgets/forgetting/element'),
  'metaplastic-synapse': () => import('./widgets/metaplastic/element'),
};

export const catastrophicForgetting: Chapter = {
  slug: 'catastrophic-forgetting',
  widgets,
  runKinds: { forgetting: async () => (await import('./run-kinds')).forgetting },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

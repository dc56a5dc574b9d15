/** Catastrophic forgetting: plain, replay, EWC and metaplastic synapses, live. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (also the page's registry, ../widgets.ts: the page bundles these loaders and not the manifest's others). */
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

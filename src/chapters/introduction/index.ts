/** The Introduction: overfitting, live. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (also the page's registry, ../widgets.ts: the page bundles these loaders and not the manifest's others). */
export const widgets = { 'overfit-mlp': () => import('./widgets/overfit/element') };

export const introduction: Chapter = {
  slug: 'introduction',
  widgets,
  runKinds: { overfit: async () => (await import('./run-kinds')).overfit },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

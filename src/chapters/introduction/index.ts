/** The Introduction: overfitting, live. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = { 'overfit-mlp': () => import('./widgets/overfit/element') };

export const introduction: Chapter = {
  slug: 'introduction',
  widgets,
  runKinds: { overfit: async () => (await import('./run-kinds')).overfit },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

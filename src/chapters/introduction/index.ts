/** The Introduction: overfitting, live. */
import type { Chapter } from '../types';

export const introduction: Chapter = {
  slug: 'introduction',
  widgets: { 'overfit-mlp': () => import('./widgets/overfit/element') },
  runKinds: { overfit: async () => (await import('./run-kinds')).overfit },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

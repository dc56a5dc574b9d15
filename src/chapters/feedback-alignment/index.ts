/** Feedback alignment: backprop and its cousins from one seed, the linear task, forward-forward and EqProp. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'fa-compare': () => import('./widgets/fa-compare/element'),
  'fa-linear': () => import('./widgets/fa-linear/element'),
  'ff-layers': () => import('./widgets/ff-layers/element'),
  'eqprop-phases': () => import('./widgets/eqprop-phases/element'),
};

export const feedbackAlignment: Chapter = {
  slug: 'feedback-alignment',
  widgets,
  runKinds: {
    'fa-compare': async () => (await import('./run-kinds')).faCompare,
    'fa-linear': async () => (await import('./run-kinds')).faLinear,
    'forward-forward': async () => (await import('./run-kinds')).forwardForward,
    eqprop: async () => (await import('./run-kinds')).eqprop,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

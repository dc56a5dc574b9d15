/** Exponentiated gradient: the sparse-vs-dense race, a Dale network's weights under GD and EG, and guessing a learner's geometry. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'eg-race': () => import('./widgets/eg-race/element'),
  'eg-weights': () => import('./widgets/eg-weights/element'),
  'eg-guess-map': () => import('./widgets/eg-guess-map/element'),
};

export const exponentiatedGradient: Chapter = {
  slug: 'exponentiated-gradient',
  widgets,
  runKinds: {
    'eg-race': async () => (await import('./run-kinds')).egRace,
    'eg-weights': async () => (await import('./run-kinds')).egWeights,
    'eg-guess-map': async () => (await import('./run-kinds')).egGuessMap,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

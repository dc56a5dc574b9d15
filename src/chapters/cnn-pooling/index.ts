/** CNN pooling and translation invariance: the shift probe, where invariance breaks, Picasso. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'shift-probe': () => import('./widgets/shift-probe/element'),
  'equivariance-grid': () => import('./widgets/equivariance-grid/element'),
  'picasso-faces': () => import('./widgets/picasso-faces/element'),
};

export const cnnPooling: Chapter = {
  slug: 'cnn-pooling',
  widgets,
  runKinds: {
    'shift-probe': async () => (await import('./run-kinds')).shiftProbe,
    'equivariance-grid': async () => (await import('./run-kinds')).equivariance,
    picasso: async () => (await import('./run-kinds')).picasso,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

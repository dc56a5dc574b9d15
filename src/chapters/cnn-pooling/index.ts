/** CNN pooling and translation invariance: the shift probe, where invariance breaks, Picasso. */
import type { Chapter } from '../types';

export const cnnPooling: Chapter = {
  slug: 'cnn-pooling',
  widgets: {
    'shift-probe': () => import('./widgets/shift-probe/element'),
  },
  runKinds: {
    'shift-probe': async () => (await import('./run-kinds')).shiftProbe,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

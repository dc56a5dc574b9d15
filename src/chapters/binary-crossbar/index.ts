/** Binary networks on memristor crossbars: the robustness curves, and the chip drawn as 2T2R pairs. */
import type { Chapter } from '../types';

export const binaryCrossbar: Chapter = {
  slug: 'binary-crossbar',
  widgets: {
    'ber-robustness': () => import('./widgets/ber-robustness/element'),
    'crossbar-chip': () => import('./widgets/crossbar-chip/element'),
  },
  runKinds: {
    'ber-robustness': async () => (await import('./run-kinds')).berRobustness,
    'crossbar-chip': async () => (await import('./run-kinds')).crossbarChip,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

/**
 * Binary networks on memristor crossbars: the chip drawn as 2T2R pairs, the robustness curves, the
 * energy of one inference, and quantization and pruning of the float MLP.
 */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'crossbar-chip': () => import('./widgets/crossbar-chip/element'),
  'ber-robustness': () => import('./widgets/ber-robustness/element'),
  'energy-ledger': () => import('./widgets/energy-ledger/element'),
  'quantize-prune': () => import('./widgets/quantize-prune/element'),
};

export const binaryCrossbar: Chapter = {
  slug: 'binary-crossbar',
  widgets,
  runKinds: {
    'crossbar-chip': async () => (await import('./run-kinds')).crossbarChip,
    'ber-robustness': async () => (await import('./run-kinds')).berRobustness,
    'quantize-prune': async () => (await import('./run-kinds')).quantizePrune,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

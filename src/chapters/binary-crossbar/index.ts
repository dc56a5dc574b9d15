/** Binary networks on memristor crossbars: quantization and pruning of the float MLP, and the energy of one inference. */
import type { Chapter } from '../types';

export const binaryCrossbar: Chapter = {
  slug: 'binary-crossbar',
  widgets: {
    'energy-ledger': () => import('./widgets/energy-ledger/element'),
    'quantize-prune': () => import('./widgets/quantize-prune/element'),
  },
  runKinds: {
    'quantize-prune': async () => (await import('./run-kinds')).quantizePrune,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

import type { WidgetSchema } from '../../../../settings/schema';

/** One inference's energy on FP32, INT8 and a binary crossbar: computing vs moving data. */
export const energyLedgerSchema = {
  tag: 'energy-ledger',
  reserve: { wide: 50, narrow: 84 },
  title: 'The energy of one inference: computing vs moving data',
  settings: [
    { type: 'number', key: 'width', label: 'Neurons per hidden layer', help: '256: the chapter’s float MLP; 512: the binarized network. Each layer’s weights grow with the square of the width.', min: 16, max: 4096, step: 1, default: 256, scale: 'log', format: 'int', live: true },
    { type: 'number', key: 'layers', label: 'Hidden layers', help: 'Between the 784 pixels and the 10 classes.', min: 1, max: 6, step: 1, default: 2, format: 'int', live: true },
  ],
} as const satisfies WidgetSchema;

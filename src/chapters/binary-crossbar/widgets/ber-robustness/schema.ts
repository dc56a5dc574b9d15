import type { WidgetSchema } from '../../../../settings/schema';

/** Accuracy vs bit error rate for the shipped binarized nets: standard vs error-aware, binary vs ternary read, smallest vs largest |W_h|. */
export const berSchema = {
  tag: 'ber-robustness',
  reserve: { wide: 70, narrow: 83 },
  title: 'How many wrong weights can a binary network take?',
  settings: [
    { type: 'number', key: 'testDigits', label: 'Test digits per point', help: 'Each point scores the network on this many MNIST test digits (the chapter’s table uses all 10,000). More digits: smoother curves, slower.', min: 500, max: 10000, step: 500, default: 1000, format: 'int' },
    { type: 'number', key: 'margin', label: 'Ternary margin', help: 'In the ternary read, a device pair whose two log-resistances are closer than this fraction of the window ln(R_HRS/R_LRS) reads 0 (the chapter uses ¼).', min: 0.05, max: 0.75, step: 0.05, default: 0.25, format: 'fixed2' },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/** Quantize and prune the adversarial chapter's float MLP: accuracy and size, live. */
export const quantizePruneSchema = {
  tag: 'quantize-prune',
  reserve: { wide: 62, narrow: 110 },
  title: 'Quantize and prune a trained network: how much of it does it need?',
  settings: [
    {
      type: 'select',
      key: 'bits',
      label: 'Bits per weight',
      help: '32 = the trained float weights. Fewer bits: each weight matrix keeps 2ᵇ − 1 evenly spaced values around 0 (1 bit: ± the mean |W|).',
      options: [
        { value: '32', label: '32 (float)' },
        { value: '8', label: '8' },
        { value: '4', label: '4' },
        { value: '3', label: '3' },
        { value: '2', label: '2' },
        { value: '1', label: '1 (binary)' },
      ],
      default: '32',
      live: true,
    },
    { type: 'number', key: 'sparsity', label: 'Weights pruned', help: 'The fraction of all weights with the smallest |W| (over the three layers together) set to zero.', min: 0, max: 0.99, step: 0.01, default: 0, format: 'percent', live: true },
    { type: 'number', key: 'fineTuneSteps', label: 'Fine-tuning steps (Play)', help: 'Play fine-tunes the compressed network this many steps (SGD, batch 64, pruned weights kept at zero).', min: 10, max: 300, step: 10, default: 100, format: 'int', live: true },
    { type: 'number', key: 'evalSize', label: 'Test digits scored', help: 'Accuracy is measured on the first this-many of the 10,000 test digits (the chapter’s table uses all of them).', min: 200, max: 10000, step: 100, default: 1000, format: 'int', scale: 'log' },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/**
 * Where invariance breaks: the per-layer equivariance error of three CNNs as heat maps of layers ×
 * shifts, and a close-up of one digit's feature map at one layer and shift.
 */
export const equivarianceSchema = {
  tag: 'equivariance-grid',
  reserve: { wide: 58, narrow: 137 },
  title: 'Where invariance breaks: equivariance error, layer by layer',
  settings: [
    { type: 'number', key: 'images', label: 'Test digits averaged over', help: 'The error is measured on this many held-out digits, a batch at a time, while you read.', min: 50, max: 1000, step: 50, default: 200, format: 'int', live: true },
    { type: 'toggle', key: 'wrap', label: 'Wrap around', help: 'On: shifts wrap around (nothing is lost at the edge), so only the network itself can break the equivariance.', default: false, live: true },
    {
      type: 'select',
      key: 'net',
      label: 'Close-up: network',
      help: 'Whose feature map the close-up shows (or click a cell of a heat map).',
      options: [
        { value: 'max', label: 'CNN, max-pool' },
        { value: 'blur', label: 'CNN, MaxBlurPool' },
        { value: 'gap', label: 'CNN, global average pool' },
      ],
      default: 'max',
      live: true,
    },
    { type: 'number', key: 'layer', label: 'Close-up: layer', help: 'Which layer, counted from the input (1: the first convolution). Or click a cell of a heat map.', min: 1, max: 6, step: 1, default: 2, format: 'int', live: true },
    { type: 'number', key: 'shift', label: 'Close-up: shift (pixels)', help: 'How far the digit moves to the right.', min: 0, max: 6, step: 1, default: 1, format: 'int', live: true },
    { type: 'number', key: 'digit', label: 'Close-up: test digit', help: 'Which held-out digit the close-up shows.', min: 0, max: 99, step: 1, default: 0, format: 'int', live: true },
    {
      type: 'select',
      key: 'weights',
      label: 'Weights',
      help: 'The shipped weights were trained offline from seed 1 and answer at once. Retrain trains the three networks here, in your browser, from the seed below.',
      options: [
        { value: 'pretrained', label: 'Shipped (instant)' },
        { value: 'retrain', label: 'Retrain here from the seed' },
      ],
      default: 'pretrained',
    },
  ],
} as const satisfies WidgetSchema;

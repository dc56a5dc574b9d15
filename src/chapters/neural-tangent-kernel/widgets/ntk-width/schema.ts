import type { WidgetSchema } from '../../../../settings/schema';

/** The width slider: ten networks of one width train on four points, each drawn with the kernel's prediction for it. */
export const widthSchema = {
  tag: 'ntk-width',
  reserve: { wide: 45, narrow: 74 },
  title: 'Widen the network: ten trained networks and the kernel’s answer',
  settings: [
    { type: 'number', key: 'width', label: 'Width (hidden units)', help: 'ReLU units in each network’s one hidden layer, from 10 to 10,000.', min: 10, max: 10000, step: 1, default: 10, scale: 'log', format: 'int' },
    { type: 'number', key: 'networks', label: 'Networks', help: 'How many networks train at once, each from its own random start.', min: 1, max: 10, step: 1, default: 10, format: 'int' },
    { type: 'number', key: 'stepSize', label: 'Learning rate η', help: 'The step of full-batch gradient descent on ½ Σ (f − y)². Above about 1.5 it overshoots, even at infinite width.', min: 0.0001, max: 2, step: 0.0001, default: 0.5, scale: 'log', live: true },
    {
      type: 'select',
      key: 'parameterisation',
      label: 'Parameterisation',
      help: 'NTK: f = (1/√width) Σ aⱼ relu(wⱼ·x) with aⱼ ~ N(0, 1). Standard: the same start, with aⱼ ~ N(0, 1/width) and no factor in front; its kernel grows with the width.',
      options: [
        { value: 'ntk', label: 'NTK' },
        { value: 'standard', label: 'Standard' },
      ],
      default: 'ntk',
    },
    { type: 'number', key: 'highlight', label: 'Highlight network', help: 'Draw one network and its kernel twin in bold (0: none).', min: 0, max: 10, step: 1, default: 0, format: 'int', live: 'page' },
  ],
} as const satisfies WidgetSchema;

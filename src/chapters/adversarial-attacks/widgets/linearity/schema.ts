import type { WidgetSchema } from '../../../../settings/schema';

/** Goodfellow et al.'s linearity argument: wᵀη = ε‖w‖₁ grows with the number of inputs n. */
export const linearitySchema = {
  tag: 'linearity-sum',
  reserve: { wide: 50, narrow: 81 },
  title: 'Why many small changes add up: wᵀη = ε‖w‖₁ grows with the dimension',
  settings: [
    { type: 'number', key: 'dimension', label: 'n, the number of inputs', help: 'From one input to 150,528 (a 224 × 224 colour image). MNIST digits have 784 pixels.', min: 1, max: 150528, step: 1, default: 784, scale: 'log', format: 'int', live: true },
    { type: 'number', key: 'epsilon', label: 'ε, change per input', help: 'Every input moves by exactly ε, up or down. 1/255 ≈ 0.004 is the finest step of an 8-bit image.', min: 0.001, max: 0.5, step: 0.001, default: 0.1, scale: 'log', live: true },
    {
      type: 'select',
      key: 'weights',
      label: 'Weights w',
      help: 'Random weights the size of a trained model’s, or the real weights of our softmax regression for one digit class (then n is at most 784).',
      options: [
        { value: 'random', label: 'Random (trained size)' },
        { value: 'softmax', label: 'Softmax regression’s' },
      ],
      default: 'random',
      live: true,
    },
    { type: 'number', key: 'digit', label: 'Class of the softmax weights', help: 'Whose weight vector w to use: the logit of this digit class.', min: 0, max: 9, step: 1, default: 3, format: 'int', live: true },
  ],
} as const satisfies WidgetSchema;

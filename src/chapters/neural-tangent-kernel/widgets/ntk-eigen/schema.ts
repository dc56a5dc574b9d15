import type { WidgetSchema } from '../../../../settings/schema';

/** Eigen-directions: one network's training error, read along its kernel's eigenvectors, shrinks at rates ηλₖ. */
export const eigenSchema = {
  tag: 'ntk-eigen',
  reserve: { wide: 55, narrow: 89 },
  title: 'What is learned first: the error along the kernel’s eigen-directions',
  settings: [
    { type: 'number', key: 'stepSize', label: 'Learning rate η', help: 'The step of full-batch gradient descent. Each direction’s error is multiplied by 1 − ηλₖ per step.', min: 0.001, max: 1.5, step: 0.001, default: 0.5, scale: 'log', live: true },
    { type: 'number', key: 'width', label: 'Width (hidden units)', help: 'ReLU units in the network’s hidden layer.', min: 10, max: 10000, step: 1, default: 1000, scale: 'log', format: 'int' },
    {
      type: 'select',
      key: 'basis',
      label: 'Eigen-directions of',
      help: 'The network’s own tangent kernel at the start, Θ₀, or the infinite-width kernel Θ∞ (what the theory knows before any network is drawn).',
      options: [
        { value: 'empirical', label: 'its own kernel Θ₀' },
        { value: 'analytic', label: 'the limit Θ∞' },
      ],
      default: 'empirical',
    },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/**
 * The Feedback-alignment chapter's equilibrium-propagation figure (Scellier & Bengio 2017;
 * Laborieux et al. 2021): a 784-hidden-10 network relaxes (free phase), is nudged toward the
 * label by β (nudged phase), and learns from the difference; EP's estimate vs the true gradient.
 */
export const eqpropSchema = {
  tag: 'eqprop-phases',
  reserve: { wide: 66, narrow: 118 },
  title: 'Equilibrium propagation on MNIST: relax, nudge, learn from the difference',
  settings: [
    { type: 'number', key: 'beta', label: 'Nudge strength β', help: 'How hard the output is pulled toward the label in the nudged phase.', min: 0.005, max: 1, step: 0.001, default: 0.1, scale: 'log', live: true },
    {
      type: 'select',
      key: 'nudging',
      label: 'Nudging',
      help: 'One-sided: +β only. Random sign: ±β drawn per minibatch. Symmetric: both +β and −β, and their difference.',
      options: [
        { value: 'random-sign', label: 'one-sided, random sign' },
        { value: 'one-sided', label: 'one-sided (+β)' },
        { value: 'symmetric', label: 'symmetric (±β)' },
      ],
      default: 'random-sign',
      live: true,
    },
    { type: 'number', key: 'example', label: 'Digit shown', help: 'Which test digit the diagram relaxes.', min: 1, max: 20, step: 1, default: 1, format: 'int', live: true },
    { type: 'number', key: 'freeSteps', label: 'Free-phase iterations T₁', help: 'Relaxation steps to the free equilibrium (science: 30).', min: 2, max: 60, step: 1, default: 30, format: 'int', live: true },
    { type: 'number', key: 'nudgedSteps', label: 'Nudged-phase iterations T₂', help: 'Relaxation steps with the nudge on (science: 10).', min: 1, max: 40, step: 1, default: 10, format: 'int', live: true },
    { type: 'number', key: 'learningRate', label: 'Learning rate', help: 'SGD step of the first layer; the output layer takes half (science: 0.08 / 0.04).', min: 0.005, max: 1, step: 0.001, default: 0.08, scale: 'log', live: true },
    { type: 'number', key: 'hidden', label: 'Hidden units', help: 'Width of the hidden layer (science: 512).', min: 32, max: 512, step: 32, default: 512, format: 'int' },
  ],
} as const satisfies WidgetSchema;

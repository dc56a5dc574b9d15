import type { WidgetSchema } from '../../../../settings/schema';

/**
 * The Feedback-alignment chapter's forward-forward figure (Hinton 2022): layers trained one by one,
 * each to give real digits (true label written in) a high goodness and fake ones (wrong label) a low one.
 */
export const ffSchema = {
  tag: 'ff-layers',
  reserve: { wide: 54, narrow: 124 },
  title: 'Forward-forward on MNIST: every layer learns on its own, with no backward pass',
  settings: [
    { type: 'number', key: 'layers', label: 'Layers', help: 'Hidden layers, each trained by its own local loss.', min: 1, max: 3, step: 1, default: 2, format: 'int' },
    { type: 'number', key: 'hidden', label: 'Units per layer', help: 'Width of every layer (science: 500).', min: 50, max: 1000, step: 50, default: 500, format: 'int' },
    { type: 'number', key: 'threshold', label: 'Goodness threshold θ', help: 'Each layer pushes the goodness of real digits above θ and of fake ones below it.', min: 0.5, max: 8, step: 0.5, default: 2, format: 'fixed2', live: true },
    { type: 'number', key: 'learningRate', label: 'Learning rate', help: 'Adam step size of every layer. Too large and the goodness runs away.', min: 0.001, max: 0.3, step: 0.001, default: 0.03, scale: 'log', format: 'sci', live: true },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/** One Dale's-law network trained on MNIST by gradient descent and by exponentiated gradient, from one start. */
export const weightsSchema = {
  tag: 'eg-weights',
  reserve: { wide: 83, narrow: 206 },
  title: 'A network that obeys Dale’s law, trained by GD and by EG from the same weights',
  settings: [
    { type: 'number', key: 'gdRate', label: 'Gradient descent’s step size', help: 'Gradient descent’s step on the weights: w ← w − η∇L.', min: 0.001, max: 1, step: 0.001, default: 0.1, scale: 'log', live: true },
    { type: 'number', key: 'egScale', label: 'EG’s step × matched', help: '×1 gives EG the GD step divided by the mean starting |w|, so both rules move an average weight alike at the start.', min: 0.1, max: 10, step: 0.01, default: 1, scale: 'log', live: true },
    { type: 'number', key: 'biasRate', label: 'Bias step size', help: 'Biases have no sign to keep: both networks move them by plain gradient descent.', min: 0.001, max: 1, step: 0.001, default: 0.1, scale: 'log', live: true },
    {
      type: 'select',
      key: 'layer',
      label: 'Weights shown',
      help: 'Which weight matrix the histograms and the Q–Q plot show.',
      options: [
        { value: 'output', label: 'Hidden → output' },
        { value: 'hidden', label: 'Pixels → hidden' },
      ],
      default: 'output',
      live: true,
    },
    {
      type: 'select',
      key: 'network',
      label: 'Change shown for',
      help: 'Whose weight change the change histogram and the Q–Q plot show.',
      options: [
        { value: 'eg', label: 'the EG network' },
        { value: 'gd', label: 'the GD network' },
      ],
      default: 'eg',
      live: 'page',
    },
    {
      type: 'select',
      key: 'charts',
      label: 'Charts on a projector',
      help: 'Projector mode shows two of the five charts at a time (the page shows them all); the buttons over them switch.',
      options: [
        { value: 'training', label: 'Accuracy and sign flips' },
        { value: 'weights', label: 'log |w| and the table' },
        { value: 'change', label: 'The change and its Q–Q plot' },
      ],
      default: 'training',
      live: 'page',
    },
    { type: 'number', key: 'hidden', label: 'Hidden units', help: 'Width of the hidden layer (ReLU).', min: 16, max: 512, step: 16, default: 256, format: 'int' },
    { type: 'number', key: 'logStd', label: 'σ of log|w| at the start', help: 'Spread of the log-normal starting magnitudes. Near 0, every weight of a layer starts the same size.', min: 0.05, max: 2, step: 0.05, default: 1, format: 'fixed2' },
    { type: 'number', key: 'excitatory', label: 'Excitatory neurons', help: 'Fraction of the neurons of each layer, pixels included, whose outgoing weights are all positive; the rest are inhibitory.', min: 0.5, max: 0.95, step: 0.05, default: 0.8, format: 'percent' },
    { type: 'number', key: 'batchSize', label: 'Batch size', help: 'Digits per update; both networks get the same batches.', min: 8, max: 256, step: 8, default: 32, format: 'int' },
  ],
} as const satisfies WidgetSchema;

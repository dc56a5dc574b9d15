import type { WidgetSchema } from '../../../../settings/schema';

/** The Introduction's widget: an MLP on real MNIST, train vs test accuracy as the training set shrinks. */
export const overfitSchema = {
  tag: 'overfit-mlp',
  reserve: { wide: 46, narrow: 62 },
  title: 'Overfitting, live: train vs test accuracy on MNIST',
  settings: [
    { type: 'number', key: 'trainSize', label: 'Training examples', help: 'How many MNIST digits the network may learn from (100 to 10,000).', min: 100, max: 10000, step: 100, default: 500, format: 'int' },
    { type: 'number', key: 'hidden', label: 'Hidden units', help: 'Width of the single hidden layer.', min: 16, max: 512, step: 16, default: 256, format: 'int' },
    { type: 'select', key: 'activation', label: 'Activation', help: 'Non-linearity of the hidden layer.', options: [ { value: 'relu', label: 'ReLU' }, { value: 'tanh', label: 'tanh' }, { value: 'sigmoid', label: 'sigmoid' } ], default: 'relu' },
    { type: 'select', key: 'optimizer', label: 'Optimizer', help: 'Plain SGD or Adam.', options: [ { value: 'adam', label: 'Adam' }, { value: 'sgd', label: 'SGD' } ], default: 'adam', live: true },
    { type: 'number', key: 'learningRate', label: 'Learning rate', help: 'Step size of each update. Too large and training diverges.', min: 0.0001, max: 10, step: 0.0001, default: 0.001, scale: 'log', format: 'sci', live: true },
    { type: 'number', key: 'batchSize', label: 'Batch size', help: 'Examples per update.', min: 8, max: 256, step: 8, default: 64, format: 'int', live: true },
  ],
} as const satisfies WidgetSchema;

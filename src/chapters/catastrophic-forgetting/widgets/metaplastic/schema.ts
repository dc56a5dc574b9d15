import type { WidgetSchema } from '../../../../settings/schema';

/** The chapter's second figure: one metaplastic binarized network, its f_meta curve and its hidden weights. */
export const metaplasticSchema = {
  tag: 'metaplastic-synapse',
  reserve: { wide: 42, narrow: 75 },
  title: 'A metaplastic synapse: how hidden weights consolidate as tasks pass',
  settings: [
    { type: 'number', key: 'meta', label: 'Metaplasticity m', help: 'Steepness of f_meta = 1 − tanh²(m·W_h). 0: a plain binarized network. Applies live.', min: 0, max: 40, step: 0.5, default: 8, live: true },
    { type: 'number', key: 'stepsPerTask', label: 'Steps per task', help: 'Training steps on each permuted-MNIST task before the next one starts.', min: 25, max: 2000, step: 25, default: 250, format: 'int', live: 'page' },
    { type: 'number', key: 'tasks', label: 'Number of tasks', help: 'Length of the permuted-MNIST stream.', min: 2, max: 8, step: 1, default: 5, format: 'int' },
    { type: 'number', key: 'hidden', label: 'Hidden units', help: 'Width of both hidden layers of the binarized network (512: the reproduction\'s).', min: 32, max: 1024, step: 32, default: 512, format: 'int' },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/**
 * The rules the comparison can train, in their fixed colour order (palette slot = index), with the
 * schema key of each one's on/off toggle and the short name the figure uses.
 */
export const COMPARE_RULES = [
  { key: 'backprop', rule: 'backprop', short: 'BP', label: 'Backprop' },
  { key: 'fa', rule: 'fa', short: 'FA', label: 'Feedback alignment' },
  { key: 'dfa', rule: 'dfa', short: 'DFA', label: 'Direct feedback alignment' },
  { key: 'signSymmetry', rule: 'sign-symmetry', short: 'SS', label: 'Sign symmetry' },
  { key: 'outputOnly', rule: 'output-only', short: 'Output only', label: 'baseline' },
] as const;

/** The chapter's centrepiece: backprop and its feedback-alignment cousins side by side on MNIST, from one seed. */
export const faCompareSchema = {
  tag: 'fa-compare',
  reserve: { wide: 74, narrow: 150 },
  title: 'Backprop vs feedback alignment on MNIST, from one seed',
  settings: [
    { type: 'toggle', key: 'backprop', label: 'Backprop', help: 'Errors travel back through the transposed forward weights: the exact gradient.', default: true },
    { type: 'toggle', key: 'fa', label: 'Feedback alignment', help: 'Errors travel back through fixed random matrices B, one per layer.', default: true },
    { type: 'toggle', key: 'dfa', label: 'Direct FA', help: 'Every hidden layer hears the output error through its own fixed random matrix. With one hidden layer it is FA exactly.', default: false },
    { type: 'toggle', key: 'signSymmetry', label: 'Sign symmetry', help: 'The feedback shares only the signs of the forward weights, not their sizes.', default: true },
    { type: 'toggle', key: 'outputOnly', label: 'Output layer only', help: 'Baseline: the hidden layers never learn; only the readout does.', default: true },
    { type: 'number', key: 'learningRate', label: 'Learning rate', help: 'Step size of every update, for every rule at once. Too large and training diverges.', min: 0.0001, max: 1, step: 0.0001, default: 0.05, scale: 'log', format: 'sci', live: true },
    { type: 'select', key: 'optimizer', label: 'Optimizer', help: 'Plain SGD, or Adam (which rescales each weight’s steps). Switching starts Adam’s running averages afresh.', options: [ { value: 'sgd', label: 'SGD' }, { value: 'adam', label: 'Adam' } ], default: 'sgd', live: true },
    { type: 'number', key: 'batchSize', label: 'Batch size', help: 'Digits per update; every rule gets the same batches.', min: 8, max: 256, step: 8, default: 32, format: 'int', live: true },
    { type: 'number', key: 'hidden', label: 'Hidden units per layer', help: 'Width of each hidden layer (tanh).', min: 16, max: 512, step: 16, default: 256, format: 'int' },
    { type: 'number', key: 'depth', label: 'Hidden layers', help: 'One, two or three hidden layers. DFA differs from FA from two layers on.', min: 1, max: 3, step: 1, default: 1, format: 'int' },
    { type: 'number', key: 'feedbackScale', label: 'Feedback-weight scale', help: 'Multiplies the random feedback matrices of FA and DFA (×1: B ~ U(±1/√n), n the width the error comes from).', min: 0.1, max: 10, step: 0.01, default: 1, scale: 'log' },
    { type: 'number', key: 'seeds', label: 'Seeds', help: 'Run the whole comparison under this many seeds at once (the seed below and the next ones) and draw each rule’s mean with the range across seeds.', min: 1, max: 5, step: 1, default: 1, format: 'int' },
    { type: 'select', key: 'view', label: 'Accuracy plot', help: 'Plain test accuracy, or each rule’s accuracy minus backprop’s under the same seed.', options: [ { value: 'accuracy', label: 'Test accuracy' }, { value: 'difference', label: 'Difference from BP' } ], default: 'accuracy', live: 'page' },
  ],
} as const satisfies WidgetSchema;

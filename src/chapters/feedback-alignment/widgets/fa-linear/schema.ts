import type { WidgetSchema } from '../../../../settings/schema';

/** Lillicrap et al. 2016, Fig. 1, live: a 30-20-10 linear network learns a random linear map with BP, FA and output-only. */
export const faLinearSchema = {
  tag: 'fa-linear',
  reserve: { wide: 41, narrow: 80 },
  title: 'The credit-assignment problem, linear: backprop vs random feedback',
  settings: [
    { type: 'number', key: 'learningRate', label: 'Learning rate', help: 'Step size of each online update (one sample per step), for all three rules at once.', min: 0.0005, max: 0.05, step: 0.0001, default: 0.005, scale: 'log', format: 'sci', live: true },
    { type: 'number', key: 'feedbackScale', label: 'Feedback-weight scale', help: 'FA’s fixed random feedback B ~ U(±scale).', min: 0.01, max: 5, step: 0.01, default: 0.5, scale: 'log' },
    { type: 'number', key: 'weightScale', label: 'Initial weight scale', help: 'Forward weights start at W ~ U(±scale). Small weights starve backprop’s early error signal.', min: 0.001, max: 0.5, step: 0.001, default: 0.01, scale: 'log' },
    { type: 'number', key: 'hidden', label: 'Hidden units', help: 'Width of the one hidden (linear) layer between 30 inputs and 10 outputs.', min: 5, max: 60, step: 1, default: 20, format: 'int' },
  ],
} as const satisfies WidgetSchema;

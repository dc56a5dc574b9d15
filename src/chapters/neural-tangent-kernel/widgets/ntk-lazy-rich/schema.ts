import type { WidgetSchema } from '../../../../settings/schema';

/** Lazy vs rich: two networks from one start that differ only in their output scale α. */
export const lazyRichSchema = {
  tag: 'ntk-lazy-rich',
  reserve: { wide: 68, narrow: 128 },
  title: 'Lazy and rich: the same network at two output scales',
  settings: [
    { type: 'number', key: 'lazyAlpha', label: 'Output scale α, left', help: 'The left network computes α·f. The parameter step is η/α², so every α starts out moving its outputs at the same speed; the weights must travel ∝ 1/α.', min: 0.01, max: 10, step: 0.001, default: 1, scale: 'log' },
    { type: 'number', key: 'richAlpha', label: 'Output scale α, right', help: 'The same for the right network. At α = 1/√width (0.032 at width 1,000) it is the mean-field network (1/width) Σ aⱼ relu(wⱼ·x).', min: 0.01, max: 10, step: 0.001, default: 0.032, scale: 'log' },
    { type: 'number', key: 'width', label: 'Width (hidden units)', help: 'Units in each network (an even number: each unit is drawn twice, with opposite output weights, so both networks start at exactly zero).', min: 10, max: 10000, step: 2, default: 1000, scale: 'log', format: 'int' },
    { type: 'number', key: 'stepSize', label: 'Learning rate η', help: 'The step in function space, the same for both networks (each takes η/α² in its weights).', min: 0.001, max: 1.5, step: 0.001, default: 0.05, scale: 'log', live: true },
  ],
} as const satisfies WidgetSchema;

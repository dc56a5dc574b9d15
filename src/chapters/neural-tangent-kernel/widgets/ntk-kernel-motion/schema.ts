import type { WidgetSchema } from '../../../../settings/schema';

/** The widths that train side by side, and their labels in the heatmap-width menu. */
export const MOTION_WIDTHS = [
  { value: '10', label: '10', width: 10 },
  { value: '30', label: '30', width: 30 },
  { value: '100', label: '100', width: 100 },
  { value: '300', label: '300', width: 300 },
  { value: '1000', label: '1,000', width: 1000 },
  { value: '3000', label: '3,000', width: 3000 },
  { value: '10000', label: '10,000', width: 10000 },
] as const;

/** The kernel that stops moving: relative kernel and weight change against width, and the kernel itself as heatmaps. */
export const kernelMotionSchema = {
  tag: 'ntk-kernel-motion',
  reserve: { wide: 72, narrow: 110 },
  title: 'The kernel that stops moving',
  settings: [
    { type: 'select', key: 'heatmapWidth', label: 'Heatmaps show width', help: 'Which width’s kernel the heatmaps show (its first network).', options: MOTION_WIDTHS.map(({ value, label }) => ({ value, label })), default: '10', live: true },
    { type: 'number', key: 'stepSize', label: 'Learning rate η', help: 'The step of full-batch gradient descent, the same for every width.', min: 0.001, max: 1.5, step: 0.001, default: 0.5, scale: 'log', live: true },
    { type: 'number', key: 'networks', label: 'Networks per width', help: 'Each width trains this many networks from independent starts; the chart shows their mean and each one.', min: 1, max: 5, step: 1, default: 3, format: 'int' },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/**
 * Picasso: a face whose parts move to a scrambled arrangement, in front of five networks trained on
 * faces vs non-faces; a digit whose quadrants are swapped; and how often each network accepts them.
 */
export const picassoSchema = {
  tag: 'picasso-faces',
  reserve: { wide: 72, narrow: 116 },
  title: 'Picasso: a face, its parts rearranged, and five networks',
  settings: [
    { type: 'number', key: 't', label: 'Parts moved', help: '0: the face. 1: its scrambled twin, the same parts with the mouth moved up among them and the others shuffled. In between, every part moves along a straight line.', min: 0, max: 1, step: 0.05, default: 0, format: 'fixed2', live: 'page' },
    { type: 'number', key: 'face', label: 'Face', help: 'Which of 24 drawn faces (each with its own scramble).', min: 1, max: 24, step: 1, default: 1, format: 'int', live: true },
    { type: 'number', key: 'digit', label: 'Test digit', help: 'Which of the gallery’s twenty test digits to cut into quadrants and swap.', min: 1, max: 20, step: 1, default: 15, format: 'int', live: true },
    { type: 'number', key: 'scoreImages', label: 'Images behind the tally', help: 'Scrambled faces, and swapped test digits, the tally counts.', min: 100, max: 1000, step: 100, default: 500, format: 'int' },
    {
      type: 'select',
      key: 'weights',
      label: 'Weights',
      help: 'The shipped weights were trained offline from seed 1 and answer at once. Retrain trains all ten networks (five on faces, five on digits) here, in your browser, from the seed below.',
      options: [
        { value: 'pretrained', label: 'Shipped (instant)' },
        { value: 'retrain', label: 'Retrain here from the seed' },
      ],
      default: 'pretrained',
    },
  ],
} as const satisfies WidgetSchema;

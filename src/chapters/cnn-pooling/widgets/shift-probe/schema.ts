import type { WidgetSchema } from '../../../../settings/schema';

/**
 * The chapter's centrepiece: one digit (from a gallery of test digits, or drawn) moved −6…+6 px in
 * front of five networks, their answers live at every shift, and their accuracy against the shift.
 */
export const shiftProbeSchema = {
  tag: 'shift-probe',
  reserve: { wide: 69, narrow: 107 },
  title: 'Shift probe: five networks read one digit as it moves',
  settings: [
    { type: 'number', key: 'shift', label: 'Shift (pixels)', help: 'Moves the digit this many pixels to the right; negative values move it left. The answers are already in hand for every shift, so they change as you drag.', min: -6, max: 6, step: 1, default: 0, format: 'int', live: 'page' },
    { type: 'toggle', key: 'wrap', label: 'Wrap around', help: 'On: pixels pushed off one edge come back in on the other, so nothing is lost. Off: they are lost, and blank pixels come in.', default: false, live: true },
    { type: 'number', key: 'digit', label: 'Test digit', help: 'Which of the gallery’s twenty test digits the networks read.', min: 0, max: 19, step: 1, default: 2, format: 'int', live: true },
    { type: 'number', key: 'curveDigits', label: 'Test digits behind the curves', help: 'The accuracy curves are measured on this many held-out digits, a batch at a time, while you read.', min: 100, max: 2000, step: 100, default: 500, format: 'int', live: true },
    {
      type: 'select',
      key: 'weights',
      label: 'Weights',
      help: 'The shipped weights were trained offline from seed 1 (scripts/train-pooling-models.ts) and answer at once. Retrain trains all five networks here, in your browser, the same way, from the seed below (about a minute per seed on a laptop).',
      options: [
        { value: 'pretrained', label: 'Shipped (instant)' },
        { value: 'retrain', label: 'Retrain here from the seed' },
      ],
      default: 'pretrained',
    },
    { type: 'number', key: 'seeds', label: 'Seeds to retrain', help: 'Retrain under this many seeds, one after another (the seed below and the next ones): the curves then show their mean and, shaded, their range. The bars show the first seed’s networks.', min: 1, max: 3, step: 1, default: 1, format: 'int' },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/** Kivinen & Warmuth's race: GD and EG± learn one online regression side by side, for N from 16 to 4,096 at once. */
export const raceSchema = {
  tag: 'eg-race',
  reserve: { wide: 69, narrow: 128 },
  title: 'Gradient descent vs EG±: online regression for many input counts at once',
  settings: [
    { type: 'number', key: 'inputs', label: 'N, inputs (curve shown)', help: 'The race runs N = 16, 64, 256, 1,024 and 4,096 at once, plus this N; the left chart follows this one.', min: 16, max: 4096, step: 1, default: 1024, scale: 'log', format: 'int' },
    { type: 'number', key: 'relevant', label: 'k, relevant inputs', help: 'How many inputs the target depends on (each with weight ±1); at most N. Ignored by the dense target, where every input is relevant.', min: 1, max: 4096, step: 1, default: 1, scale: 'log', format: 'int' },
    {
      type: 'select',
      key: 'target',
      label: 'Task',
      help: 'Sparse: every input is a random ±1, the target uses k of them. Dense: every input is relevant (weight ±1) and each trial shows one input alone.',
      options: [
        { value: 'sparse', label: 'Sparse: k of N relevant' },
        { value: 'dense', label: 'Dense: all relevant' },
      ],
      default: 'sparse',
    },
    { type: 'number', key: 'gdStepSize', label: 'Gradient descent’s step ×', help: '×1 is normalised least mean squares, η = 1/(2‖x‖²): each step fits the current trial exactly. ×2 stops learning; more diverges.', min: 0.1, max: 4, step: 0.01, default: 1, scale: 'log', live: true },
    { type: 'number', key: 'egStepSize', label: 'EG±’s step ×', help: '×1 is Kivinen and Warmuth’s cautious rate η = 1/(2U² max xᵢ²), with U = ‖u‖₁ the target’s total weight.', min: 0.1, max: 10, step: 0.01, default: 1, scale: 'log', live: true },
    { type: 'number', key: 'trials', label: 'Trials', help: 'How many inputs each learner sees (2,000 in the chapter’s table).', min: 200, max: 8000, step: 100, default: 2000, format: 'int' },
  ],
} as const satisfies WidgetSchema;

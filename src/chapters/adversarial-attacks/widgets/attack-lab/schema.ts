import type { WidgetSchema } from '../../../../settings/schema';

const digits = Array.from({ length: 10 }, (_, d) => ({ value: String(d), label: `Make it say ${d}` }));

/**
 * The attack lab: a digit (from the test set, or drawn), a model, and an attack that moves every
 * pixel by at most ε. Attack settings apply at once (the attack starts over); the model's reload it.
 */
export const attackLabSchema = {
  tag: 'attack-lab',
  reserve: { wide: 67, narrow: 116 },
  title: 'Attack lab: fool a digit classifier, white box or black box',
  settings: [
    {
      type: 'select',
      key: 'attack',
      label: 'Attack',
      help: 'FGSM: one step along the sign of the gradient. PGD: many small steps, each projected back into the ε-box. NES: no gradient, only the model’s outputs on probe images.',
      options: [
        { value: 'fgsm', label: 'FGSM (white box)' },
        { value: 'pgd', label: 'PGD (white box)' },
        { value: 'nes', label: 'NES (black box)' },
      ],
      default: 'fgsm',
      live: true,
    },
    { type: 'number', key: 'epsilon', label: 'ε, max change per pixel', help: 'Pixels run from 0 (white) to 1 (black); no pixel may move by more than ε.', min: 0, max: 0.5, step: 0.01, default: 0.25, format: 'fixed2', live: true },
    {
      type: 'select',
      key: 'target',
      label: 'Goal',
      help: 'Untargeted: any wrong answer will do. Targeted: make the model give one chosen answer.',
      options: [{ value: 'any', label: 'Any wrong answer' }, ...digits],
      default: 'any',
      live: true,
    },
    { type: 'number', key: 'iterations', label: 'PGD iterations', help: 'Steps of PGD (Madry et al. use 40 on MNIST).', min: 5, max: 100, step: 5, default: 40, format: 'int', live: true },
    { type: 'number', key: 'stepSize', label: 'PGD step α', help: 'How far each PGD iteration moves every pixel.', min: 0.002, max: 0.05, step: 0.001, default: 0.01, live: true },
    { type: 'number', key: 'samples', label: 'NES probe pairs per step', help: 'Random probe images x ± σu per gradient estimate; each step costs twice this many queries, plus one to check.', min: 5, max: 50, step: 5, default: 25, format: 'int', live: true },
    {
      type: 'select',
      key: 'model',
      label: 'Model',
      help: 'Softmax regression is linear; the MLP has two hidden layers of 256 ReLU units; the CNN two convolution and pooling blocks.',
      options: [
        { value: 'softmax', label: 'Softmax regression (linear)' },
        { value: 'mlp', label: 'MLP 784-256-256-10' },
        { value: 'cnn', label: 'Small CNN' },
      ],
      default: 'mlp',
    },
    {
      type: 'select',
      key: 'weights',
      label: 'Weights',
      help: 'The shipped weights were trained offline from seed 1 (scripts/train-models.ts). Retrain runs the same recipe here, in your browser, from the seed below.',
      options: [
        { value: 'shipped', label: 'Shipped (load instantly)' },
        { value: 'retrain', label: 'Retrain here from the seed' },
      ],
      default: 'shipped',
    },
    { type: 'number', key: 'epochs', label: 'Retraining passes', help: 'Passes over the 12,000 training digits when retraining (the shipped weights had 5; the CNN takes about a minute per pass).', min: 1, max: 5, step: 1, default: 1, format: 'int' },
    { type: 'number', key: 'digit', label: 'Test digit', help: 'Which of the gallery’s test digits to attack.', min: 0, max: 19, step: 1, default: 14, format: 'int', live: true },
  ],
} as const satisfies WidgetSchema;

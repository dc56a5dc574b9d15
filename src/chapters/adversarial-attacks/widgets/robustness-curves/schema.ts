import type { WidgetSchema } from '../../../../settings/schema';

/** Accuracy against ε of the clean-, FGSM- and PGD-trained MLPs, under FGSM and under PGD. */
export const robustnessSchema = {
  tag: 'robustness-curves',
  reserve: { wide: 51, narrow: 85 },
  title: 'Robustness curves: which defence survives a stronger attack?',
  settings: [
    { type: 'number', key: 'testSize', label: 'Test digits per point', help: 'Each point is the accuracy on this many MNIST test digits (the same ones for every point).', min: 100, max: 1000, step: 100, default: 300, format: 'int' },
    { type: 'number', key: 'pgdIterations', label: 'PGD iterations', help: 'Steps of each PGD attack, of size α = 2.5 ε / iterations, from a random start.', min: 5, max: 40, step: 5, default: 20, format: 'int' },
    { type: 'number', key: 'maxEpsilon', label: 'Largest ε', help: 'The curves run from ε = 0 (clean digits) to this.', min: 0.1, max: 0.4, step: 0.05, default: 0.3, format: 'fixed2' },
    { type: 'number', key: 'epsilonStep', label: 'ε spacing', help: 'Distance between two measured ε values: finer spacing means more points and a longer run.', min: 0.025, max: 0.1, step: 0.025, default: 0.05 },
  ],
} as const satisfies WidgetSchema;

import type { WidgetSchema } from '../../../../settings/schema';

/** The candidate geometries, in the figure's fixed order, with the names the reader guesses among. */
export const CANDIDATES = [
  { potential: '2-norm', short: 'GD', rule: 'gradient descent', geometry: 'Euclidean (2-norm)', dual: 'w' },
  { potential: '3-norm', short: '3-norm', rule: '3-norm mirror descent', geometry: '3-norm', dual: 'sign(w)·w²' },
  { potential: 'negative-entropy', short: 'EG', rule: 'exponentiated gradient', geometry: 'log-domain (entropy)', dual: 'sign(w)·log|w|' },
] as const;

/** "Guess the map": a linear model fits its data under a hidden geometry; the reader guesses which from the weights alone. */
export const guessMapSchema = {
  tag: 'eg-guess-map',
  reserve: { wide: 48, narrow: 143 },
  title: 'Guess the geometry: which rule trained this model?',
  settings: [
    {
      type: 'select',
      key: 'hidden',
      label: 'Hidden rule',
      help: '“Surprise me” draws the rule from the seed, so a new seed is a new round; or pick one to study it.',
      options: [
        { value: 'surprise', label: 'Surprise me' },
        { value: '2-norm', label: 'Gradient descent (2-norm)' },
        { value: '3-norm', label: '3-norm mirror descent' },
        { value: 'negative-entropy', label: 'Exponentiated gradient (entropy)' },
      ],
      default: 'surprise',
    },
    { type: 'number', key: 'dimension', label: 'D, weights', help: 'The model has D weights and fits N ≈ D^¾ points (1,000 and 177 in the chapter). Fewer weights: fewer samples of the change, noisier histograms.', min: 200, max: 1000, step: 100, default: 1000, format: 'int' },
    {
      type: 'select',
      key: 'power',
      label: 'Input correlation',
      help: 'Neighbouring inputs are correlated as (−1)ᵏ/(1 + kᵖ), k inputs apart: p = 1 decays more slowly than the paper’s p = 2.',
      options: [
        { value: '2', label: 'Short-range (p = 2)' },
        { value: '1', label: 'Long-range (p = 1)' },
      ],
      default: '2',
    },
  ],
} as const satisfies WidgetSchema;

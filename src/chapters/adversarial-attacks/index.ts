/** Adversarial attacks: the attack lab, robustness curves and the linearity argument. */
import type { Chapter } from '../types';

export const adversarialAttacks: Chapter = {
  slug: 'adversarial-attacks',
  widgets: {
    'attack-lab': () => import('./widgets/attack-lab/element'),
    'robustness-curves': () => import('./widgets/robustness-curves/element'),
    'linearity-sum': () => import('./widgets/linearity/element'),
  },
  runKinds: {
    'attack-lab': async () => (await import('./run-kinds')).attackLab,
    robustness: async () => (await import('./run-kinds')).robustness,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

/** Adversarial attacks: the attack lab, robustness curves and the linearity argument. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'attack-lab': () => import('./widgets/attack-lab/element'),
  'robustness-curves': () => import('./widgets/robustness-curves/element'),
  'linearity-sum': () => import('./widgets/linearity/element'),
};

export const adversarialAttacks: Chapter = {
  slug: 'adversarial-attacks',
  widgets,
  runKinds: {
    'attack-lab': async () => (await import('./run-kinds')).attackLab,
    robustness: async () => (await import('./run-kinds')).robustness,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

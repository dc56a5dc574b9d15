/** The neural tangent kernel: widen a network until its training is kernel regression, and see what that gives up. */
import type { Chapter } from '../types';

/** Widget tag → the module that defines its element (the page imports these alone: ../widgets.ts). */
export const widgets = {
  'ntk-width': () => import('./widgets/ntk-width/element'),
  'ntk-kernel-motion': () => import('./widgets/ntk-kernel-motion/element'),
  'ntk-eigen': () => import('./widgets/ntk-eigen/element'),
  'ntk-lazy-rich': () => import('./widgets/ntk-lazy-rich/element'),
};

export const neuralTangentKernel: Chapter = {
  slug: 'neural-tangent-kernel',
  widgets,
  runKinds: {
    'ntk-width': async () => (await import('./run-kinds')).width,
    'ntk-kernel-motion': async () => (await import('./run-kinds')).kernelMotion,
    'ntk-eigen': async () => (await import('./run-kinds')).eigen,
    'ntk-lazy-rich': async () => (await import('./run-kinds')).lazyRich,
  },
  schemas: async () => (await import('./widget-schemas')).widgetSchemas,
};

/** The Neural-tangent-kernel chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { eigenKind, kernelMotionKind, lazyRichKind, widthKind } from './kinds';
import { eigenConfig } from './widgets/ntk-eigen/config';
import { eigenSchema } from './widgets/ntk-eigen/schema';
import { kernelMotionConfig } from './widgets/ntk-kernel-motion/config';
import { kernelMotionSchema } from './widgets/ntk-kernel-motion/schema';
import { lazyRichConfig } from './widgets/ntk-lazy-rich/config';
import { lazyRichSchema } from './widgets/ntk-lazy-rich/schema';
import { widthConfig } from './widgets/ntk-width/config';
import { widthSchema } from './widgets/ntk-width/schema';

export const width = defineRunKind({
  kind: widthKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(widthSchema, (s) => widthConfig(s, 1)),
  create: async (config) => new (await import('./runs/width-ensemble')).WidthEnsembleRun(config),
});

export const kernelMotion = defineRunKind({
  kind: kernelMotionKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(kernelMotionSchema, (s) => kernelMotionConfig(s, 1)),
  create: async (config) => new (await import('./runs/kernel-motion')).KernelMotionRun(config),
});

export const eigen = defineRunKind({
  kind: eigenKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(eigenSchema, (s) => eigenConfig(s, 1)),
  create: async (config) => new (await import('./runs/eigen-directions')).EigenDirectionsRun(config),
});

export const lazyRich = defineRunKind({
  kind: lazyRichKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(lazyRichSchema, (s) => lazyRichConfig(s, 1)),
  create: async (config) => new (await import('./runs/lazy-rich')).LazyRichRun(config),
});

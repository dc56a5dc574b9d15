/** The CNN-pooling chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { equivarianceKind, picassoKind, shiftProbeKind } from './kinds';
import { picassoConfig } from './widgets/picasso-faces/config';
import { picassoSchema } from './widgets/picasso-faces/schema';
import { equivarianceConfig } from './widgets/equivariance-grid/config';
import { equivarianceSchema } from './widgets/equivariance-grid/schema';
import { shiftProbeConfig } from './widgets/shift-probe/config';
import { shiftProbeSchema } from './widgets/shift-probe/schema';

export const shiftProbe = defineRunKind({
  kind: shiftProbeKind,
  // `drawn` is the reader's drawing, not a setting.
  liveKeys: [...liveConfigKeys(shiftProbeSchema, (s) => shiftProbeConfig(s, 1, { drawn: null, modelsUrl: '' })), 'drawn'],
  create: async (config, source) => (await import('./runs/live')).shiftProbeRun(config, source),
});

export const equivariance = defineRunKind({
  kind: equivarianceKind,
  liveKeys: liveConfigKeys(equivarianceSchema, (s) => equivarianceConfig(s, 1, '')),
  create: async (config, source) => (await import('./runs/live')).equivarianceRun(config, source),
});

export const picasso = defineRunKind({
  kind: picassoKind,
  liveKeys: liveConfigKeys(picassoSchema, (s) => picassoConfig(s, 1, '')),
  create: async (config, source) => (await import('./runs/live')).picassoRun(config, source),
});

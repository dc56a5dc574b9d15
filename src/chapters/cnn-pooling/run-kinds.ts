/**
 * The CNN-pooling chapter's run kinds, as the worker builds them. Their live keys are the ones the
 * widgets' schemas give (liveConfigKeys of each schema and config, checked by
 * tests/unit/chapters/cnn-pooling/run-kinds.test.ts), written out here so that the worker does not
 * download the schemas' labels and help texts a second time (the page has them): this chapter's page
 * sits at the edge of its download budget.
 */
import { defineRunKind } from '../../runtime/protocol';
import { equivarianceKind, picassoKind, shiftProbeKind } from './kinds';

export const shiftProbe = defineRunKind({
  kind: shiftProbeKind,
  // `drawn` is the reader's drawing, not a setting.
  liveKeys: ['wrap', 'digit', 'curveDigits', 'drawn'],
  create: async (config, source) => (await import('./runs/live')).shiftProbeRun(config, source),
});

export const equivariance = defineRunKind({
  kind: equivarianceKind,
  liveKeys: ['images', 'wrap', 'detailNet', 'detailLayer', 'detailShift', 'detailDigit'],
  create: async (config, source) => (await import('./runs/live')).equivarianceRun(config, source),
});

export const picasso = defineRunKind({
  kind: picassoKind,
  liveKeys: ['face', 'digit'],
  create: async (config, source) => (await import('./runs/live')).picassoRun(config, source),
});

/** The CNN-pooling chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { shiftProbeKind } from './kinds';
import { shiftProbeConfig } from './widgets/shift-probe/config';
import { shiftProbeSchema } from './widgets/shift-probe/schema';

export const shiftProbe = defineRunKind({
  kind: shiftProbeKind,
  // `drawn` is the reader's drawing, not a setting.
  liveKeys: [...liveConfigKeys(shiftProbeSchema, (s) => shiftProbeConfig(s, 1, { drawn: null, modelsUrl: '' })), 'drawn'],
  create: async (config, source) => (await import('./runs/live')).shiftProbeRun(config, source),
});

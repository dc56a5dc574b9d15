/** The Introduction's run kinds, as the worker builds them (live keys from the widget's schema). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { overfitKind } from './kinds';
import { overfitConfig } from './widgets/overfit/config';
import { overfitSchema } from './widgets/overfit/schema';

export const overfit = defineRunKind({
  kind: overfitKind,
  liveKeys: liveConfigKeys(overfitSchema, (s) => overfitConfig(s, 1)),
  create: async (config, source) => {
    const [{ OverfitRun }, { chooseEngine }] = await Promise.all([import('./runs/overfit'), import('../../runtime/engine-choice')]);
    return OverfitRun.create(config, source, chooseEngine);
  },
});

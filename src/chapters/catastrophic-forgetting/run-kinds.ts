/** The Catastrophic-forgetting chapter's run kind, as the worker builds it (live keys from both widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { forgettingKind } from './kinds';
import { forgettingConfig } from './widgets/forgetting/config';
import { forgettingSchema } from './widgets/forgetting/schema';
import { metaplasticConfig } from './widgets/metaplastic/config';
import { metaplasticSchema } from './widgets/metaplastic/schema';

export const forgetting = defineRunKind({
  kind: forgettingKind,
  // Both figures drive this kind; `task` is the page's "next task" (a button or the automatic switch), not a setting.
  liveKeys: [...new Set([...liveConfigKeys(forgettingSchema, (s) => forgettingConfig(s, 1)), ...liveConfigKeys(metaplasticSchema, (s) => metaplasticConfig(s, 1)), 'task'])],
  create: async (config, source) => (await import('./runs/forgetting-live')).ForgettingLiveRun.create(config, source),
});

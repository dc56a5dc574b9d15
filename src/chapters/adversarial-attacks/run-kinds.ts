/** The Adversarial-attacks chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { attackLabKind, robustnessKind } from './kinds';
import { attackLabConfig } from './widgets/attack-lab/config';
import { attackLabSchema } from './widgets/attack-lab/schema';
import { robustnessConfig } from './widgets/robustness-curves/config';
import { robustnessSchema } from './widgets/robustness-curves/schema';

export const attackLab = defineRunKind({
  kind: attackLabKind,
  // `image` is the reader's drawing, not a setting.
  liveKeys: [...liveConfigKeys(attackLabSchema, (s) => attackLabConfig(s, 1, { image: null, modelsUrl: '' })), 'image'],
  create: async (config, source) => (await import('./runs/live')).attackLabRun(config, source),
});

export const robustness = defineRunKind({
  kind: robustnessKind,
  liveKeys: liveConfigKeys(robustnessSchema, (s) => robustnessConfig(s, 1, '')),
  create: async (config, source) => (await import('./runs/live')).robustnessRun(config, source),
});

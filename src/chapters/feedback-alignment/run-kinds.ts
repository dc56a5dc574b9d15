/** The Feedback-alignment chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { eqpropKind, faCompareKind, faLinearKind, forwardForwardKind } from './kinds';
import { eqpropConfig } from './widgets/eqprop-phases/config';
import { eqpropSchema } from './widgets/eqprop-phases/schema';
import { faCompareConfig } from './widgets/fa-compare/config';
import { faCompareSchema } from './widgets/fa-compare/schema';
import { faLinearConfig } from './widgets/fa-linear/config';
import { faLinearSchema } from './widgets/fa-linear/schema';
import { ffConfig } from './widgets/ff-layers/config';
import { ffSchema } from './widgets/ff-layers/schema';

export const faCompare = defineRunKind({
  kind: faCompareKind,
  liveKeys: liveConfigKeys(faCompareSchema, (s) => faCompareConfig(s, 1)),
  create: async (config, source) => (await import('./runs/compare')).FaCompareRun.create(config, source),
});

export const faLinear = defineRunKind({
  kind: faLinearKind,
  liveKeys: liveConfigKeys(faLinearSchema, (s) => faLinearConfig(s, 1)),
  create: async (config) => new (await import('./runs/linear')).LinearTaskRun(config),
});

export const forwardForward = defineRunKind({
  kind: forwardForwardKind,
  liveKeys: liveConfigKeys(ffSchema, (s) => ffConfig(s, 1)),
  create: async (config, source) => (await import('./runs/forward-forward-live')).ForwardForwardLive.create(config, source),
});

export const eqprop = defineRunKind({
  kind: eqpropKind,
  liveKeys: liveConfigKeys(eqpropSchema, (s) => eqpropConfig(s, 1)),
  create: async (config, source) => (await import('./runs/eqprop-live')).EqPropLive.create(config, source),
});

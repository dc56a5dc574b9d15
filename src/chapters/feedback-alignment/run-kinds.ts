/**
 * The Feedback-alignment chapter's run kinds, as the worker builds them. Their live keys are written
 * out, so the worker does not download the widgets' schemas and configs (the page has them; this
 * page's budget has no kilobytes to spare); tests/unit/chapters/feedback-alignment/run-kinds.test.ts
 * checks that they are exactly the keys the schemas mark live (liveConfigKeys).
 */
import { defineRunKind } from '../../runtime/protocol';
import { eqpropKind, faCompareKind, faLinearKind, forwardForwardKind } from './kinds';

export const faCompare = defineRunKind({
  kind: faCompareKind,
  liveKeys: ['learningRate', 'optimizer', 'batchSize'],
  create: async (config, source) => (await import('./runs/compare')).FaCompareRun.create(config, source),
});

export const faLinear = defineRunKind({
  kind: faLinearKind,
  liveKeys: ['learningRate'],
  create: async (config) => new (await import('./runs/linear')).LinearTaskRun(config),
});

export const forwardForward = defineRunKind({
  kind: forwardForwardKind,
  liveKeys: ['threshold', 'learningRate'],
  create: async (config, source) => (await import('./runs/forward-forward-live')).ForwardForwardLive.create(config, source),
});

export const eqprop = defineRunKind({
  kind: eqpropKind,
  liveKeys: ['beta', 'nudging', 'traceIndex', 'freeSteps', 'nudgedSteps', 'learningRates'],
  create: async (config, source) => (await import('./runs/eqprop-live')).EqPropLive.create(config, source),
});

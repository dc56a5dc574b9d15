/** The binary-crossbar chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { quantizePruneKind } from './kinds';
import { quantizePruneConfig } from './widgets/quantize-prune/config';
import { quantizePruneSchema } from './widgets/quantize-prune/schema';

export const quantizePrune = defineRunKind({
  kind: quantizePruneKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(quantizePruneSchema, (s) => quantizePruneConfig(s, 1, '')),
  create: async (config, source) => (await import('./runs/quantize-prune')).QuantizePruneRun.create(config, source),
});

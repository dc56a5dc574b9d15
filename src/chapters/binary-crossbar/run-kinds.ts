/** The Binary-crossbar chapter's run kinds, as the worker builds them (live keys from the widgets' schemas). */
import { defineRunKind } from '../../runtime/protocol';
import { liveConfigKeys } from '../../settings/schema';
import { berCurveKind, chipKind, quantizePruneKind } from './kinds';
import { berConfig } from './widgets/ber-robustness/config';
import { berSchema } from './widgets/ber-robustness/schema';
import { chipConfig } from './widgets/crossbar-chip/config';
import { chipSchema } from './widgets/crossbar-chip/schema';
import { quantizePruneConfig } from './widgets/quantize-prune/config';
import { quantizePruneSchema } from './widgets/quantize-prune/schema';

export const berRobustness = defineRunKind({
  kind: berCurveKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(berSchema, (s) => berConfig(s, 1, '')),
  create: async (config, source) => (await import('./runs/ber-curve')).BerCurveRun.create(config, source),
});

export const crossbarChip = defineRunKind({
  kind: chipKind,
  usesTfjs: false,
  // The devices broken by hand are not a schema setting (they come from clicks), but apply live too.
  liveKeys: [...liveConfigKeys(chipSchema, (s) => chipConfig(s, 1, '')), 'broken'],
  create: async (config, source) => (await import('./runs/chip')).ChipRun.create(config, source),
});

export const quantizePrune = defineRunKind({
  kind: quantizePruneKind,
  usesTfjs: false,
  liveKeys: liveConfigKeys(quantizePruneSchema, (s) => quantizePruneConfig(s, 1, '')),
  create: async (config, source) => (await import('./runs/quantize-prune')).QuantizePruneRun.create(config, source),
});

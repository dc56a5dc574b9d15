/** The Dale network run's config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { WeightsLiveConfig } from '../../runs/weights-live';
import { WEIGHTS_LIVE_DEFAULTS } from '../../runs/defaults';
import type { weightsSchema } from './schema';

export type WeightsSettings = SettingsOf<typeof weightsSchema>;

/** The weight matrix each 'layer' choice shows (0: pixels → hidden, 1: hidden → output). */
export const LAYER_INDEX = { hidden: 0, output: 1 } as const;

export function weightsConfig(s: WeightsSettings, seed: number): WeightsLiveConfig {
  return {
    ...WEIGHTS_LIVE_DEFAULTS,
    hidden: [s.hidden],
    excitatoryFraction: s.excitatory,
    logStd: s.logStd,
    gdRate: s.gdRate,
    egRate: 'matched',
    egRateScale: s.egScale,
    biasRate: s.biasRate,
    batchSize: s.batchSize,
    layer: LAYER_INDEX[s.layer],
    seed,
  };
}

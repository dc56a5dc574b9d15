/** The width slider's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { WidthEnsembleConfig } from '../../runs/width-ensemble';
import { WIDTH_ENSEMBLE_DEFAULTS } from '../../runs/defaults';
import type { widthSchema } from './schema';

export type WidthSettings = SettingsOf<typeof widthSchema>;

export function widthConfig(s: WidthSettings, seed: number): WidthEnsembleConfig {
  return {
    ...WIDTH_ENSEMBLE_DEFAULTS,
    angles: [...WIDTH_ENSEMBLE_DEFAULTS.angles],
    seed,
    width: Math.round(s.width),
    members: Math.round(s.networks),
    stepSize: s.stepSize,
    parameterisation: s.parameterisation,
    alpha: 1,
  };
}

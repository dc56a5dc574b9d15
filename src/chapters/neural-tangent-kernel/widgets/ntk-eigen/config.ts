/** The eigen-directions figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { EigenDirectionsConfig } from '../../runs/eigen-directions';
import { EIGEN_DIRECTIONS_DEFAULTS } from '../../runs/defaults';
import type { eigenSchema } from './schema';

export type EigenSettings = SettingsOf<typeof eigenSchema>;

export function eigenConfig(s: EigenSettings, seed: number): EigenDirectionsConfig {
  return {
    ...EIGEN_DIRECTIONS_DEFAULTS,
    angles: [...EIGEN_DIRECTIONS_DEFAULTS.angles],
    seed,
    width: Math.round(s.width),
    kernel: s.basis,
    stepSize: s.stepSize,
  };
}

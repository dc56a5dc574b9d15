/** The robustness figure's run config: a pure function of its settings, seed and where the shipped nets are. */
import type { SettingsOf } from '../../../../settings/schema';
import type { BerCurveConfig } from '../../runs/ber-curve';
import type { berSchema } from './schema';

export type BerSettings = SettingsOf<typeof berSchema>;

export function berConfig(s: BerSettings, seed: number, modelsUrl: string): BerCurveConfig {
  return { seed, testSize: Math.round(s.testDigits), margin: s.margin, modelsUrl };
}

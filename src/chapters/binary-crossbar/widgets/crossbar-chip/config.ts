/** The chip figure's run config: its settings, seed, the devices broken by hand and where the shipped nets are. */
import type { SettingsOf } from '../../../../settings/schema';
import type { ChipConfig } from '../../runs/chip';
import type { chipSchema } from './schema';

export type ChipSettings = SettingsOf<typeof chipSchema>;

export function chipConfig(s: ChipSettings, seed: number, modelsUrl: string, broken = ''): ChipConfig {
  const testSize = Math.round(s.testDigits);
  return { seed, net: s.net, sigma: s.sigma, ber: s.ber, stuck: s.stuck, margin: s.margin, digit: Math.min(Math.round(s.digit) - 1, testSize - 1), testSize, broken, modelsUrl };
}

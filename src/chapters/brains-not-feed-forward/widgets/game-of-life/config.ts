/** The Life figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import { LIFE_DEFAULTS } from '../../runs/defaults';
import type { LifeConfig } from '../../runs/life';
import type { gameOfLifeSchema } from './schema';

export function gameOfLifeConfig(s: SettingsOf<typeof gameOfLifeSchema>, seed: number): LifeConfig {
  return { ...LIFE_DEFAULTS, seed, start: s.start, density: s.density };
}

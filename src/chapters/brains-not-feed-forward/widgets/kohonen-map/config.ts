/** The map figure's run config: the reproduce protocol (σ from half the map's side to 0.5 over 20,000 updates). */
import type { SettingsOf } from '../../../../settings/schema';
import { SOM_RUN_DEFAULTS } from '../../runs/defaults';
import type { SomRunConfig } from '../../runs/som';
import type { kohonenMapSchema } from './schema';

export function kohonenMapConfig(s: SettingsOf<typeof kohonenMapSchema>, seed: number): SomRunConfig {
  return { ...SOM_RUN_DEFAULTS, seed, rows: s.mapSize, cols: s.mapSize, sigmaStart: s.mapSize / 2 };
}

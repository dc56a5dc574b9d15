/** The overfit widget's run config: a pure function of its settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { OverfitConfig } from '../../runs/overfit';
import type { overfitSchema } from './schema';

/** Test digits scored at each evaluation. */
export const TEST_SIZE = 2000;

export function overfitConfig(s: SettingsOf<typeof overfitSchema>, seed: number): OverfitConfig {
  return {
    trainSize: s.trainSize,
    hidden: s.hidden,
    activation: s.activation,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    seed,
    dataset: 'mnist',
    testSize: TEST_SIZE,
  };
}

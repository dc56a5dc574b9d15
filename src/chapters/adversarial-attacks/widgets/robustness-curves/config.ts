/** The robustness figure's run config: a pure function of its settings, seed and where the weights are. */
import type { SettingsOf } from '../../../../settings/schema';
import type { RobustnessSweepConfig } from '../../runs/sweep';
import type { robustnessSchema } from './schema';

export function robustnessConfig(s: SettingsOf<typeof robustnessSchema>, seed: number, modelsUrl: string): RobustnessSweepConfig {
  return {
    testSize: s.testSize,
    pgdIterations: s.pgdIterations,
    maxEpsilon: s.maxEpsilon,
    epsilonStep: s.epsilonStep,
    seed,
    modelsUrl,
  };
}

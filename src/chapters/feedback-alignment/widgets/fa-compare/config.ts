/** The comparison's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { FaCompareConfig } from '../../runs/compare';
import { COMPARE_RULES, type faCompareSchema } from './schema';

export type FaCompareSettings = SettingsOf<typeof faCompareSchema>;

/** The rules switched on, in the figure's fixed order. */
export function ruleNames(s: FaCompareSettings): string[] {
  return COMPARE_RULES.filter((r) => s[r.key]).map((r) => r.rule);
}

export function faCompareConfig(s: FaCompareSettings, seed: number): FaCompareConfig {
  return {
    hidden: Array.from({ length: s.depth }, () => s.hidden),
    activation: 'tanh',
    rules: ruleNames(s),
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    feedbackGain: s.feedbackScale,
    seed,
    seeds: s.seeds,
  };
}

/** The linear figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { LinearTaskConfig } from '../../runs/linear';
import type { faLinearSchema } from './schema';

/** The three networks of Lillicrap et al.'s Figure 1, side by side. */
export const RULES = ['backprop', 'fa', 'output-only'];
/** Test inputs the normalised error is measured on. */
const TEST_SIZE = 1000;

export function faLinearConfig(s: SettingsOf<typeof faLinearSchema>, seed: number): LinearTaskConfig {
  return {
    sizes: [30, s.hidden, 10],
    rules: RULES,
    learningRate: s.learningRate,
    weightScale: s.weightScale,
    feedbackScale: s.feedbackScale,
    seed,
    testSize: TEST_SIZE,
  };
}

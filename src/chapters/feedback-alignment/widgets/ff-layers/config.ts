/** The forward-forward figure's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { ForwardForwardLiveConfig } from '../../runs/forward-forward-live';
import type { ffSchema } from './schema';

/** Test digits scored at each evaluation. */
const EVAL_SIZE = 500;
/** Units shown per layer. */
export const UNITS = 8;

/** What the diverged message says when a too-large step killed every ReLU (the run's loss is then finite). */
export const SILENT_CAUSE = 'every unit fell silent: no digit makes any layer fire';

export function ffConfig(s: SettingsOf<typeof ffSchema>, seed: number): ForwardForwardLiveConfig {
  return {
    sizes: [784, ...Array.from({ length: s.layers }, () => s.hidden)],
    threshold: s.threshold,
    learningRate: s.learningRate,
    batchSize: 100,
    weightStd: 1.41,
    seed,
    evalSize: EVAL_SIZE,
    inspectUnits: UNITS,
  };
}

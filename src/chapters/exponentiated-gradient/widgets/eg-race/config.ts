/** The race's run config: a pure function of the widget's settings and seed. */
import type { SettingsOf } from '../../../../settings/schema';
import type { RaceConfig } from '../../runs/sparse-dense-race';
import type { raceSchema } from './schema';

export type RaceSettings = SettingsOf<typeof raceSchema>;

/** The input counts every race runs (the loss-vs-N plot), besides the reader's N. */
export const RACE_SIZES = [16, 64, 256, 1024, 4096] as const;

/**
 * A squared error past this has blown up, whatever the task (healthy learners start near |y|² ≤ k²,
 * at most 4,096²): the race pauses and says "diverged" (a GD step over twice K&W's grows without end).
 */
export const BLOWN_UP_SQUARED_ERROR = 1e12;

/** Cumulative losses are sampled about this many times per race, whatever its length. */
const CURVE_POINTS = 200;

/** The sizes raced: the fixed five and the reader's N, ascending. */
export function raceSizes(inputs: number): number[] {
  const n = Math.round(inputs);
  return [...new Set<number>([...RACE_SIZES, n])].sort((a, b) => a - b);
}

export function raceConfig(s: RaceSettings, seed: number): RaceConfig {
  const dense = s.target === 'dense';
  return {
    sizes: raceSizes(s.inputs),
    // Dense: every input relevant (the stream clamps k to N).
    relevant: dense ? Number.MAX_SAFE_INTEGER : Math.round(s.relevant),
    inputs: dense ? 'unit' : 'signs',
    trials: s.trials,
    seed,
    gdRateScale: s.gdStepSize,
    egRateScale: s.egStepSize,
    curveEvery: Math.max(1, Math.round(s.trials / CURVE_POINTS)),
  };
}

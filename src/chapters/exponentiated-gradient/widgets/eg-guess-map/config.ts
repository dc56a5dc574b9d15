/** The guessing game's run config: a pure function of the widget's settings and seed (the hidden rule included). */
import type { SettingsOf } from '../../../../settings/schema';
import type { GuessMapConfig } from '../../runs/guess-the-map';
import { GUESS_MAP_DEFAULTS } from '../../runs/defaults';
import { CANDIDATES, type guessMapSchema } from './schema';

export type GuessMapSettings = SettingsOf<typeof guessMapSchema>;
export type CandidateName = (typeof CANDIDATES)[number]['potential'];

/** N ≈ D^¾ points, as in the paper (177 for D = 1,000): fewer points than weights, so many weight vectors fit. */
/** The correlation's decay exponent each option names. */
const POWER = { '1': 1, '2': 2 } as const;

export function pointsFor(dimension: number): number {
  return Math.floor(dimension ** 0.75);
}

/**
 * "Surprise me": the hidden rule a seed draws, the same on every visit (a URL restores the round) but
 * with no pattern from one seed to the next (a 32-bit integer hash, not seed mod 3).
 */
export function surpriseRule(seed: number): CandidateName {
  let x = (seed ^ 0x2545f491) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return CANDIDATES[x % CANDIDATES.length].potential;
}

export function hiddenRule(s: GuessMapSettings, seed: number): CandidateName {
  return s.hidden === 'surprise' ? surpriseRule(seed) : s.hidden;
}

export function guessMapConfig(s: GuessMapSettings, seed: number): GuessMapConfig {
  return {
    ...GUESS_MAP_DEFAULTS,
    dimension: s.dimension,
    points: pointsFor(s.dimension),
    power: POWER[s.power],
    hidden: hiddenRule(s, seed),
    candidates: CANDIDATES.map((c) => c.potential),
    seed,
  };
}

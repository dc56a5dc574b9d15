/**
 * The reservoir figure's run config. The sweep's gains come coarse to fine (the three of the pass
 * bands first), so the curve takes shape early; each gain draws from its own fork of the seed, so
 * the order changes no number: with N = 500 the points are those of `npm run reproduce -- dynamics`.
 */
import type { SettingsOf } from '../../../../settings/schema';
import { EDGE_OF_CHAOS_DEFAULTS } from '../../runs/defaults';
import type { EdgeOfChaosConfig } from '../../runs/edge-of-chaos';
import type { edgeOfChaosSchema } from './schema';

export const SWEEP_ORDER = [0.5, 0.95, 1.5, 1, 0.8, 1.3, 1.1, 0.7, 1.2, 0.9, 1.05, 0.3, 1.7, 0.1];

/** Sweep time steps per live step: the live trace keeps moving while the sweep takes most of the time. */
export const SWEEP_WORK = 12;

export function edgeOfChaosConfig(s: SettingsOf<typeof edgeOfChaosSchema>, seed: number): EdgeOfChaosConfig {
  return { ...EDGE_OF_CHAOS_DEFAULTS, seed, size: s.size, gain: s.gain, driven: s.driven, sweepGains: SWEEP_ORDER, sweepWork: SWEEP_WORK };
}

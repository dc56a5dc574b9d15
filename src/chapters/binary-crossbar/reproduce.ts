/**
 * The binary-crossbar chapter's experiments, found by convention by scripts/reproduce.ts and never
 * bundled: the hardware half (reproduce-hardware.ts: bnn-ber, ternary) and the software half
 * (reproduce-software.ts: quantize-prune, energy-ledger).
 */
import type { ReproduceExperiments } from '../types';
import { hardwareExperiments } from './reproduce-hardware';
import { softwareExperiments } from './reproduce-software';

export const experiments: ReproduceExperiments = { ...hardwareExperiments, ...softwareExperiments };

/**
 * The binary-crossbar chapter's experiments: the hardware half (reproduce-hardware.ts: bnn-ber,
 * ternary). Found by convention by scripts/reproduce.ts, never bundled.
 */
import { hardwareExperiments } from './reproduce-hardware';

export const experiments = { ...hardwareExperiments };

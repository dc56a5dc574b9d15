/**
 * `npm run reproduce -- quantize-prune | energy-ledger`: the binary-crossbar chapter's tables
 * (the software half lives in reproduce-software.ts).
 */
import type { ReproduceExperiments } from '../types';
import { softwareExperiments } from './reproduce-software';

export const experiments: ReproduceExperiments = { ...softwareExperiments };

/**
 * The live settings of the Adversarial-attacks chapter's worker runs, apart from their code so the
 * worker's registry can name them without loading the attacks (adversarial-runs.ts loads on demand).
 */
import type { AttackLabConfig } from './lab-snapshot';
import type { RobustnessSweepConfig } from './sweep';

/** Attack-lab settings that apply to the running session (the attack rewinds); the others need a new run. */
export const ATTACK_LAB_LIVE_KEYS = ['attack', 'epsilon', 'target', 'iterations', 'stepSize', 'samples', 'maxQueries', 'digit', 'image'] as const satisfies readonly (keyof AttackLabConfig)[];

/** No setting of a robustness sweep changes mid-run: any change starts a new one. */
export const ROBUSTNESS_LIVE_KEYS = [] as const satisfies readonly (keyof RobustnessSweepConfig)[];

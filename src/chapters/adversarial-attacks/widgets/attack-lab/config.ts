/** The attack lab's run config: a pure function of its settings, seed and what the page holds. */
import type { SettingsOf } from '../../../../settings/schema';
import type { AttackLabConfig } from '../../runs/lab-snapshot';
import type { attackLabSchema } from './schema';

export type AttackLabSettings = SettingsOf<typeof attackLabSchema>;

/** Queries the black box may spend on one digit. */
export const NES_QUERY_BUDGET = 20_000;

/** What the config takes from the page besides the settings: the drawing and where the weights are. */
export interface LabPage {
  /** The reader's drawing, 784 values in [0, 1]; null: the gallery digit. */
  image: Float32Array | null;
  /** Absolute URL of the models folder, ending in '/'. */
  modelsUrl: string;
}

/** The class the attack aims at: −1 for "any wrong answer". */
export function targetClass(target: AttackLabSettings['target']): number {
  return target === 'any' ? -1 : Number(target);
}

export function attackLabConfig(s: AttackLabSettings, seed: number, page: LabPage): AttackLabConfig {
  return {
    model: s.model,
    weights: s.weights,
    epochs: s.epochs,
    seed,
    attack: s.attack,
    epsilon: s.epsilon,
    target: targetClass(s.target),
    iterations: s.iterations,
    stepSize: s.stepSize,
    samples: s.samples,
    maxQueries: NES_QUERY_BUDGET,
    digit: s.digit,
    image: page.image,
    modelsUrl: page.modelsUrl,
  };
}

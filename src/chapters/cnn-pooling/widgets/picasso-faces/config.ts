/** The Picasso figure's run config: a pure function of its settings and seed (t stays on the page). */
import type { SettingsOf } from '../../../../settings/schema';
import type { Live } from '../../runs/live';
import type { PicassoConfig } from '../../runs/picasso';
import type { picassoSchema } from './schema';

export type PicassoSettings = SettingsOf<typeof picassoSchema>;

export function picassoConfig(s: PicassoSettings, seed: number, modelsUrl: string): Live<PicassoConfig> {
  return { seed, weights: s.weights, face: s.face - 1, digit: s.digit - 1, scoreImages: s.scoreImages, modelsUrl };
}

/** The index into the run's T_SWEEP (0, 0.05, …, 1) of a slider value. */
export const tIndex = (t: number): number => Math.max(0, Math.min(20, Math.round(t * 20)));

/** The shift probe's run config: a pure function of its settings, seed and what the page holds. */
import type { SettingsOf } from '../../../../settings/schema';
import type { Live } from '../../runs/live';
import type { ShiftProbeConfig } from '../../runs/shift-probe';
import type { shiftProbeSchema } from './schema';

export type ShiftProbeSettings = SettingsOf<typeof shiftProbeSchema>;

export interface ProbePage {
  /** The reader's drawing, 784 values in [0, 1]; null: the gallery digit. */
  drawn: number[] | null;
  /** Absolute URL of the models folder, ending in '/'. */
  modelsUrl: string;
}

export function shiftProbeConfig(s: ShiftProbeSettings, seed: number, page: ProbePage): Live<ShiftProbeConfig> {
  return {
    seed,
    weights: s.weights,
    digit: s.digit,
    drawn: page.drawn,
    wrap: s.wrap,
    curveDigits: s.curveDigits,
    seeds: s.weights === 'retrain' ? s.seeds : 1,
    modelsUrl: page.modelsUrl,
  };
}

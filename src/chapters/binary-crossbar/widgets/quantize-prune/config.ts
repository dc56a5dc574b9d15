/** The quantize-prune run's config: a pure function of the widget's settings, seed and the models' address. */
import type { SettingsOf } from '../../../../settings/schema';
import type { QuantizePruneConfig } from '../../runs/quantize-prune';
import type { quantizePruneSchema } from './schema';

export type QuantizePruneSettings = SettingsOf<typeof quantizePruneSchema>;

export function quantizePruneConfig(s: QuantizePruneSettings, seed: number, modelsUrl: string): QuantizePruneConfig {
  return { bits: Number(s.bits), sparsity: s.sparsity, fineTuneSteps: Math.round(s.fineTuneSteps), evalSize: Math.round(s.evalSize), seed, modelsUrl };
}

/** The equivariance figure's run config: a pure function of its settings and seed. */
import { t } from '../../../../i18n/t';
import type { SettingsOf } from '../../../../settings/schema';
import type { EquivarianceConfig } from '../../runs/equivariance';
import type { Live } from '../../runs/live';
import type { equivarianceSchema } from './schema';

export type EquivarianceSettings = SettingsOf<typeof equivarianceSchema>;

/** The networks in the run's order (runs/equivariance.ts: EQUIVARIANCE_NETS). */
export const GRID_NETS = ['max', 'blur', 'gap'] as const;
export const GRID_LABELS = ['CNN, max-pool', 'CNN, MaxBlurPool', 'CNN, global average pool'];
/** Each net's maps, as the run names them (a placeholder before the first grid: the figure keeps its size). */
export const GRID_LAYERS: readonly (readonly string[])[] = [
  ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
  ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
  ['conv 1', 'pool 1', 'conv 2', 'conv 3', 'global average', 'output'],
];

/** A map's name as the page shows it: the run's 'conv 1', 'pool 2', 'global average', 'output', translated. */
export function layerName(label: string): string {
  const m = /^(conv|pool) (\d+)$/.exec(label);
  if (m) return m[1] === 'conv' ? t('conv {n}', { n: m[2] }) : t('pool {n}', { n: m[2] });
  return t(label);
}

export function equivarianceConfig(s: EquivarianceSettings, seed: number, modelsUrl: string): Live<EquivarianceConfig> {
  return {
    seed,
    weights: s.weights,
    images: s.images,
    wrap: s.wrap,
    detailNet: GRID_NETS.indexOf(s.net),
    detailLayer: s.layer - 1,
    detailShift: s.shift,
    detailDigit: s.digit,
    modelsUrl,
  };
}

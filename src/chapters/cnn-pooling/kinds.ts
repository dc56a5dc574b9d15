/** The CNN-pooling chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { EquivarianceConfig, EquivarianceMetrics } from './runs/equivariance';
import type { Live } from './runs/live';
import type { PicassoConfig, PicassoMetrics } from './runs/picasso';
import type { ShiftProbeConfig, ShiftProbeMetrics } from './runs/shift-probe';

export const shiftProbeKind = runKind<Live<ShiftProbeConfig>, ShiftProbeMetrics>('shift-probe');
export const equivarianceKind = runKind<Live<EquivarianceConfig>, EquivarianceMetrics>('equivariance-grid');
export const picassoKind = runKind<Live<PicassoConfig>, PicassoMetrics>('picasso');

/** The Binary-crossbar chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { BerCurveConfig, BerCurveMetrics } from './runs/ber-curve';
import type { ChipConfig, ChipMetrics } from './runs/chip';
import type { QuantizePruneConfig, QuantizePruneMetrics } from './runs/quantize-prune';

export const berCurveKind = runKind<BerCurveConfig, BerCurveMetrics>('ber-robustness');
export const chipKind = runKind<ChipConfig, ChipMetrics>('crossbar-chip');
export const quantizePruneKind = runKind<QuantizePruneConfig, QuantizePruneMetrics>('quantize-prune');

/** The binary-crossbar chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { QuantizePruneConfig, QuantizePruneMetrics } from './runs/quantize-prune';

export const quantizePruneKind = runKind<QuantizePruneConfig, QuantizePruneMetrics>('quantize-prune');

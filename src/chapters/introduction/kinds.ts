/** The Introduction's run kind: the page and the worker share this declaration. */
import { runKind } from '../../runtime/protocol';
import type { OverfitConfig, OverfitMetrics } from './runs/overfit';

export const overfitKind = runKind<OverfitConfig, OverfitMetrics>('overfit');

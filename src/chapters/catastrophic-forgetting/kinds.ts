/** The Catastrophic-forgetting chapter's run kind: the page and the worker share this declaration. */
import { runKind } from '../../runtime/protocol';
import type { ForgettingLiveConfig, ForgettingLiveMetrics } from './runs/forgetting-live';

export const forgettingKind = runKind<ForgettingLiveConfig, ForgettingLiveMetrics>('forgetting');

/** The Feedback-alignment chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { FaCompareConfig, FaCompareMetrics } from './runs/compare';
import type { LinearTaskConfig, LinearTaskMetrics } from './runs/linear';
import type { ForwardForwardLiveConfig, ForwardForwardSnapshot } from './runs/forward-forward-live';
import type { EqPropLiveConfig, EqPropSnapshot } from './runs/eqprop-live';

export const faCompareKind = runKind<FaCompareConfig, FaCompareMetrics>('fa-compare');
export const faLinearKind = runKind<LinearTaskConfig, LinearTaskMetrics>('fa-linear');
export const forwardForwardKind = runKind<ForwardForwardLiveConfig, ForwardForwardSnapshot>('forward-forward');
export const eqpropKind = runKind<EqPropLiveConfig, EqPropSnapshot>('eqprop');

/** The Neural-tangent-kernel chapter's run kinds: the page and the worker share these declarations. */
import { runKind } from '../../runtime/protocol';
import type { EigenDirectionsConfig, EigenDirectionsMetrics, KernelMotionConfig, KernelMotionMetrics, LazyRichConfig, LazyRichMetrics, WidthEnsembleConfig, WidthEnsembleMetrics } from './runs';

export const widthKind = runKind<WidthEnsembleConfig, WidthEnsembleMetrics>('ntk-width');
export const kernelMotionKind = runKind<KernelMotionConfig, KernelMotionMetrics>('ntk-kernel-motion');
export const eigenKind = runKind<EigenDirectionsConfig, EigenDirectionsMetrics>('ntk-eigen');
export const lazyRichKind = runKind<LazyRichConfig, LazyRichMetrics>('ntk-lazy-rich');

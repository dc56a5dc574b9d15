/**
 * The chapter's live runs, one per planned widget, each in the live-run shape the worker drives
 * (step, train, evaluate, update, memory, dispose; plain-data config and metrics) with its defaults and
 * the settings `update` applies mid-run.
 */
export { WidthEnsembleRun, WIDTH_ENSEMBLE_DEFAULTS, WIDTH_ENSEMBLE_LIVE_KEYS, type WidthEnsembleConfig, type WidthEnsembleMetrics } from './width-ensemble';
export { KernelMotionRun, KERNEL_MOTION_DEFAULTS, KERNEL_MOTION_LIVE_KEYS, type KernelMotionConfig, type KernelMotionMetrics, type KernelHeatmaps } from './kernel-motion';
export { EigenDirectionsRun, EIGEN_DIRECTIONS_DEFAULTS, EIGEN_DIRECTIONS_LIVE_KEYS, type EigenDirectionsConfig, type EigenDirectionsMetrics } from './eigen-directions';
export { LazyRichRun, LAZY_RICH_DEFAULTS, LAZY_RICH_LIVE_KEYS, type LazyRichConfig, type LazyRichMetrics, type RegimeMetrics, type UnitSample } from './lazy-rich';

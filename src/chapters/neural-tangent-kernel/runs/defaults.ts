/**
 * The toy's and the live runs' default configs, as plain data with no run code behind them, so that
 * a widget's config (which the page loads) can start from them without bundling the lib's kernels.
 * The runs re-export them beside their classes.
 */
import { TOY_ANGLES } from '../../../lib/kernels/circle-toy';
import type { ToySettings } from '../toy';
import type { WidthEnsembleConfig } from './width-ensemble';
import type { KernelMotionConfig } from './kernel-motion';
import type { EigenDirectionsConfig } from './eigen-directions';
import type { LazyRichConfig } from './lazy-rich';

export const TOY_DEFAULTS: ToySettings = { seed: 1, angles: [...TOY_ANGLES], targets: null, stepSize: 0.5 };

export const WIDTH_ENSEMBLE_DEFAULTS: WidthEnsembleConfig = { ...TOY_DEFAULTS, width: 1000, members: 10, parameterisation: 'ntk', alpha: 1, gridSize: 121 };

export const KERNEL_MOTION_DEFAULTS: KernelMotionConfig = {
  ...TOY_DEFAULTS,
  widths: [10, 30, 100, 300, 1000, 3000, 10000],
  members: 3,
  heatmapWidth: 100,
  probeCount: 24,
};

export const EIGEN_DIRECTIONS_DEFAULTS: EigenDirectionsConfig = { ...TOY_DEFAULTS, width: 1000, kernel: 'empirical', gridSize: 121 };

export const LAZY_RICH_DEFAULTS: LazyRichConfig = {
  ...TOY_DEFAULTS,
  width: 1000,
  alphas: [1, 1 / Math.sqrt(1000)],
  init: 'paired',
  gridSize: 121,
  sampleUnits: 64,
  densityBins: 36,
};

/**
 * Live run for the width slider: an ensemble of networks of one width, trained together step by step
 * from seeds member-0…member-(k−1), drawn with what the infinite-width theory predicts at the same step
 * (Jacot, Gabriel & Hongler 2018, §5): for each member, kernel gradient descent with Θ∞ from that
 * member's own f₀; for the ensemble, the Gaussian band (mean ± sd over initialisations). As the width
 * grows, each network lands on its own kernel prediction and the ensemble fills the band.
 * Plain typed arrays; `dispose` only drops references.
 */
import type { TrainResult } from '../../../lib/train/live-run';
import { createWorkspace, forward, trainWithPeak, type Parameterisation, type TwoLayerNet, type Workspace } from '../../../lib/kernels';
import { KernelLimit, createEnsemble, rms, toyData, type ToySettings } from '../toy';

export { WIDTH_ENSEMBLE_DEFAULTS } from './defaults';

export interface WidthEnsembleConfig extends ToySettings {
  width: number;
  members: number;
  parameterisation: Parameterisation;
  /** Output scale α (1: the NTK parameterisation). */
  alpha: number;
  /** Points on [−π, π] where functions are drawn. */
  gridSize: number;
}


/** Settings applied mid-run; any other change rebuilds the run. */
export const WIDTH_ENSEMBLE_LIVE_KEYS = ['stepSize'] as const satisfies readonly (keyof WidthEnsembleConfig)[];

export interface WidthEnsembleMetrics {
  step: number;
  width: number;
  /** Grid angles γ. */
  grid: number[];
  trainAngles: number[];
  targets: number[];
  /** f(γ) on the grid, one row per member. */
  networks: number[][];
  /** Per member: the infinite-width network from the same f₀ after the same steps. */
  kernelPaths: number[][];
  /** Mean and sd over initialisations of the infinite-width network now… */
  bandMean: number[];
  bandSd: number[];
  /** …and at convergence (kernel regression). */
  limitMean: number[];
  limitSd: number[];
  /** Mean over members of the mean squared training residual. */
  loss: number;
  /** Each member's mean squared training residual (a narrow net can strand a point). */
  memberLoss: number[];
  /** Mean over members of RMS over the grid of (network − its kernel path), over RMS(y). */
  gap: number;
}

export class WidthEnsembleRun {
  private stepCount = 0;
  private config: WidthEnsembleConfig;
  private readonly nets: TwoLayerNet[];
  private readonly limit: KernelLimit;
  private readonly work: Workspace;
  private readonly initialTrain: Float64Array[];
  private readonly initialGrid: Float64Array[];
  /** Πₛ (1 − ηₛλₖ/α²) per mode of Θ∞(X, X) (the parameter step η/α² cancels the α² in Θ). */
  private readonly remaining: Float64Array;
  private lastLoss = NaN;

  constructor(config: WidthEnsembleConfig) {
    this.config = { ...config };
    const spec = { inputDim: 2, width: config.width, parameterisation: config.parameterisation, alpha: config.alpha, init: 'gaussian' } as const;
    const data = toyData(config);
    this.limit = new KernelLimit(spec, data, config.gridSize);
    this.nets = createEnsemble(spec, config.seed, config.members);
    this.work = createWorkspace(data.count);
    this.initialTrain = this.nets.map((net) => forward(net, data.x, data.count));
    this.initialGrid = this.nets.map((net) => forward(net, this.limit.gridPoints, config.gridSize));
    this.remaining = new Float64Array(data.count).fill(1);
  }

  get step(): number {
    return this.stepCount;
  }

  /** `steps` steps of every network (each in a row, so its weights stay in cache); loss: the mean squared training error after them, averaged over the networks. */
  train(steps: number): TrainResult {
    const { stepSize } = this.config;
    let sum = 0;
    let peak = 0;
    for (const net of this.nets) {
      const t = trainWithPeak(net, this.limit.data, stepSize, steps, this.work);
      sum += t.loss;
      peak = Number.isNaN(t.peak) || Number.isNaN(peak) ? NaN : Math.max(peak, t.peak);
    }
    this.lastLoss = sum / this.nets.length;
    const values = this.limit.eigen.values;
    const alpha2 = this.config.alpha * this.config.alpha;
    for (let k = 0; k < values.length; k++) this.remaining[k] *= Math.pow(1 - (stepSize * values[k]) / alpha2, steps);
    this.stepCount += steps;
    return { step: this.stepCount, loss: this.lastLoss, peakLoss: peak, diverged: !Number.isFinite(this.lastLoss) || !Number.isFinite(peak) };
  }

  update(partial: Partial<WidthEnsembleConfig>): void {
    if (partial.stepSize !== undefined) this.config.stepSize = partial.stepSize;
  }

  evaluate(): WidthEnsembleMetrics {
    const { gridSize } = this.config;
    const data = this.limit.data;
    const now = this.limit.weights(this.remaining);
    const atInfinity = this.limit.weights(new Float64Array(data.count));
    const scale = rms(data.y);
    let gapSum = 0;
    const memberLoss: number[] = [];
    const networks: number[][] = [];
    const kernelPaths: number[][] = [];
    this.nets.forEach((net, k) => {
      const f = forward(net, this.limit.gridPoints, gridSize);
      const path = this.limit.predict(now, this.initialTrain[k], this.initialGrid[k]);
      gapSum += rms(f.map((v, q) => v - path[q])) / scale;
      const fx = forward(net, data.x, data.count);
      memberLoss.push(fx.reduce((s, v, p) => s + (v - data.y[p]) ** 2, 0) / data.count);
      networks.push(Array.from(f));
      kernelPaths.push(Array.from(path));
    });
    const band = this.limit.band(now);
    const limit = this.limit.band(atInfinity);
    return {
      step: this.stepCount,
      width: this.config.width,
      grid: Array.from(this.limit.grid),
      trainAngles: [...this.config.angles],
      targets: Array.from(data.y),
      networks,
      kernelPaths,
      bandMean: Array.from(band.mean),
      bandSd: Array.from(band.sd),
      limitMean: Array.from(limit.mean),
      limitSd: Array.from(limit.sd),
      loss: memberLoss.reduce((a, b) => a + b, 0) / this.nets.length,
      memberLoss,
      gap: gapSum / this.nets.length,
    };
  }

  memory(): { arrays: number; bytes: number } {
    const arrays = 2 * this.nets.length + this.initialTrain.length + this.initialGrid.length;
    const bytes = this.nets.reduce((s, n) => s + n.hidden.byteLength + n.output.byteLength, 0) + this.initialGrid.reduce((s, a) => s + a.byteLength, 0);
    return { arrays, bytes };
  }

  dispose(): void {
    this.nets.length = 0;
  }
}

/**
 * Live run for the eigen-directions figure: one network trains on the toy while its training residual
 * r = f(X) − y is read in the eigenbasis of its tangent kernel at initialisation, Θ₀ = Σ λₖ vₖvₖᵀ.
 * Linearised gradient descent predicts each coordinate decays on its own (Jacot, Gabriel & Hongler
 * 2018, §5),
 *
 *   ⟨vₖ, r_t⟩ = Πₛ (1 − ηₛλₖ) · ⟨vₖ, r₀⟩,
 *
 * so the large-eigenvalue directions are learned first. `kernel: 'analytic'` reads the residual in
 * Θ∞'s eigenbasis instead (what the theory says before any network is drawn). Each direction is also
 * drawn as a function on the circle, its Nyström extension Θ(γ, X) vₖ / λₖ. `dispose` drops references.
 */
import type { TrainResult } from '../../../lib/train/live-run';
import {
  analyticNtk,
  angleGrid,
  circlePoints,
  createNet,
  createWorkspace,
  forward,
  modeProjections,
  residualOf,
  symmetricEigen,
  tangentKernel,
  trainWithPeak,
  type Eigen,
  type TrainingSet,
  type TwoLayerNet,
  type Workspace,
} from '../../../lib/kernels';
import { memberRng, toRows, toyData, type ToySettings } from '../toy';

export { EIGEN_DIRECTIONS_DEFAULTS } from './defaults';

export interface EigenDirectionsConfig extends ToySettings {
  width: number;
  /** Whose eigenbasis: the network's own Θ₀ or the infinite-width Θ∞. */
  kernel: 'empirical' | 'analytic';
  gridSize: number;
}


export const EIGEN_DIRECTIONS_LIVE_KEYS = ['stepSize'] as const satisfies readonly (keyof EigenDirectionsConfig)[];

export interface EigenDirectionsMetrics {
  step: number;
  /** λₖ of the kernel in use, largest first. */
  eigenvalues: number[];
  /** λₖ of Θ∞(X, X), for comparison. */
  analyticEigenvalues: number[];
  /** vₖ, one row per direction. */
  eigenvectors: number[][];
  grid: number[];
  /** Θ(γ, X) vₖ / λₖ on the grid, one row per direction. */
  directionShapes: number[][];
  /** ⟨vₖ, r₀⟩, ⟨vₖ, r_t⟩ and the linear prediction Πₛ(1 − ηₛλₖ)⟨vₖ, r₀⟩. */
  initial: number[];
  projections: number[];
  predicted: number[];
  /** ηλₖ at the current step size: each direction's rate. */
  rates: number[];
  /** The network on the grid. */
  network: number[];
  trainAngles: number[];
  targets: number[];
  /** Mean squared training residual. */
  loss: number;
}

export class EigenDirectionsRun {
  private stepCount = 0;
  private config: EigenDirectionsConfig;
  private readonly net: TwoLayerNet;
  private readonly data: TrainingSet;
  private readonly work: Workspace;
  private readonly eigen: Eigen;
  private readonly analyticValues: Float64Array;
  private readonly initial: Float64Array;
  private readonly remaining: Float64Array;
  private readonly grid: Float64Array;
  private readonly gridPoints: Float64Array;
  private readonly shapes: number[][];

  constructor(config: EigenDirectionsConfig) {
    this.config = { ...config };
    this.data = toyData(config);
    const n = this.data.count;
    const spec = { inputDim: 2, width: config.width, parameterisation: 'ntk', alpha: 1, init: 'gaussian' } as const;
    this.net = createNet(spec, memberRng(config.seed, 0));
    this.work = createWorkspace(n);
    const x = this.data.x;
    this.grid = angleGrid(config.gridSize);
    this.gridPoints = circlePoints(this.grid);
    const analytic = analyticNtk(spec, x, n, x, n, 2);
    this.analyticValues = symmetricEigen(analytic, n).values;
    const empirical = config.kernel === 'empirical';
    this.eigen = symmetricEigen(empirical ? tangentKernel(this.net, x, n, x, n) : analytic, n);
    const cross = empirical ? tangentKernel(this.net, this.gridPoints, config.gridSize, x, n) : analyticNtk(spec, this.gridPoints, config.gridSize, x, n, 2);
    this.shapes = Array.from({ length: n }, (_, k) =>
      Array.from({ length: config.gridSize }, (_, q) => {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += cross[q * n + i] * this.eigen.vectors[k * n + i];
        return sum / this.eigen.values[k];
      }),
    );
    residualOf(this.net, this.data, this.work);
    this.initial = modeProjections(this.eigen, n, this.work.residual);
    this.remaining = new Float64Array(n).fill(1);
  }

  get step(): number {
    return this.stepCount;
  }

  /** `steps` steps; loss: the mean squared training error after them. */
  train(steps: number): TrainResult {
    const { stepSize } = this.config;
    const { loss, peak } = trainWithPeak(this.net, this.data, stepSize, steps, this.work);
    this.eigen.values.forEach((lambda, k) => (this.remaining[k] *= Math.pow(1 - stepSize * lambda, steps)));
    this.stepCount += steps;
    return { step: this.stepCount, loss, peakLoss: peak, diverged: !Number.isFinite(loss) || !Number.isFinite(peak) };
  }

  update(partial: Partial<EigenDirectionsConfig>): void {
    if (partial.stepSize !== undefined) this.config.stepSize = partial.stepSize;
  }

  evaluate(): EigenDirectionsMetrics {
    const n = this.data.count;
    const loss = residualOf(this.net, this.data, this.work);
    const projections = modeProjections(this.eigen, n, this.work.residual);
    return {
      step: this.stepCount,
      eigenvalues: Array.from(this.eigen.values),
      analyticEigenvalues: Array.from(this.analyticValues),
      eigenvectors: toRows(this.eigen.vectors, n, n),
      grid: Array.from(this.grid),
      directionShapes: this.shapes,
      initial: Array.from(this.initial),
      projections: Array.from(projections),
      predicted: Array.from(this.initial, (c, k) => c * this.remaining[k]),
      rates: Array.from(this.eigen.values, (lambda) => this.config.stepSize * lambda),
      network: Array.from(forward(this.net, this.gridPoints, this.grid.length)),
      trainAngles: [...this.config.angles],
      targets: Array.from(this.data.y),
      loss,
    };
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: 2, bytes: this.net.hidden.byteLength + this.net.output.byteLength };
  }

  dispose(): void {
    this.shapes.length = 0;
  }
}

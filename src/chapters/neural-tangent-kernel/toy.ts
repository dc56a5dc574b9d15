/**
 * The chapter's toy, shared by its live runs and its reproduce table (science.md, "Neural tangent
 * kernel"): one hidden ReLU layer, inputs on the unit circle x = (cos γ, sin γ) (Jacot, Gabriel &
 * Hongler 2018, §6), four training angles with targets sin 2γ, full-batch gradient descent with η = 0.5
 * on ½ Σ (f − y)². An ensemble member k of seed s draws its weights from createRng(s).fork('member-k').
 *
 * `KernelLimit` holds what the infinite-width theory says for one spec and one training set: Θ∞(X, X)
 * and its eigenbasis, Θ∞(grid, X), and the prior covariances, from which the kernel's prediction at any
 * step and its band over initialisations follow (src/lib/kernels/kernel-dynamics.ts).
 */
import { createRng, type Rng } from '../../lib/random';
import {
  analyticNtk,
  angleGrid,
  circlePoints,
  circleTrainingSet,
  createNet,
  fitWeights,
  gaussianBand,
  operatorFromDecay,
  predictAt,
  priorCovariance,
  symmetricEigen,
  type Eigen,
  type GaussianBand,
  type TrainingSet,
  type TwoLayerNet,
  type TwoLayerSpec,
} from '../../lib/kernels';

export interface ToySettings {
  seed: number;
  /** Training angles γ (radians). */
  angles: number[];
  /** Targets, one per angle; null for sin 2γ. */
  targets: number[] | null;
  /** η: the step in function space (the parameter step is η/α²). */
  stepSize: number;
}

export { TOY_DEFAULTS } from './runs/defaults';

export function toyData(settings: Pick<ToySettings, 'angles' | 'targets'>): TrainingSet {
  if (settings.targets && settings.targets.length !== settings.angles.length) throw new Error('toy: one target per training angle');
  return circleTrainingSet(settings.angles, settings.targets ?? undefined);
}

export function memberRng(seed: number, member: number): Rng {
  return createRng(seed).fork(`member-${member}`);
}

export function createEnsemble(spec: TwoLayerSpec, seed: number, members: number): TwoLayerNet[] {
  return Array.from({ length: members }, (_, k) => createNet(spec, memberRng(seed, k)));
}

/** Root mean square of a vector. */
export function rms(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum / values.length);
}

/** A row-major rows × cols matrix as nested plain arrays (for postMessage and tables). */
export function toRows(matrix: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => matrix[i * cols + j]));
}

export class KernelLimit {
  readonly grid: Float64Array;
  readonly gridPoints: Float64Array;
  readonly trainKernel: Float64Array;
  readonly gridKernel: Float64Array;
  readonly eigen: Eigen;
  private readonly priorTrain: Float64Array;
  private readonly priorCross: Float64Array;
  private readonly priorDiagonal: Float64Array;

  constructor(
    spec: TwoLayerSpec,
    readonly data: TrainingSet,
    gridSize: number,
  ) {
    const n = data.count;
    this.grid = angleGrid(gridSize);
    this.gridPoints = circlePoints(this.grid);
    this.trainKernel = analyticNtk(spec, data.x, n, data.x, n, 2);
    this.gridKernel = analyticNtk(spec, this.gridPoints, gridSize, data.x, n, 2);
    this.eigen = symmetricEigen(this.trainKernel, n);
    this.priorTrain = priorCovariance(spec, data.x, n, data.x, n, 2);
    this.priorCross = priorCovariance(spec, this.gridPoints, gridSize, data.x, n, 2);
    this.priorDiagonal = new Float64Array(gridSize);
    for (let q = 0; q < gridSize; q++) this.priorDiagonal[q] = priorCovariance(spec, this.gridPoints.subarray(2 * q, 2 * q + 2), 1, this.gridPoints.subarray(2 * q, 2 * q + 2), 1, 2)[0];
  }

  /** kₜ(x) on the grid for modes that have kept the factors `remaining` (0 everywhere: t = ∞). */
  weights(remaining: ArrayLike<number>): Float64Array {
    const n = this.data.count;
    return fitWeights(operatorFromDecay(this.eigen, n, remaining), n, this.gridKernel, this.grid.length);
  }

  /** The kernel's prediction on the grid from one network's own start f₀. */
  predict(weights: Float64Array, initialTrain: Float64Array, initialGrid: Float64Array): Float64Array {
    return predictAt(weights, this.data.count, this.grid.length, this.data.y, initialTrain, initialGrid);
  }

  /** Mean and sd over initialisations of the infinite-width network on the grid. */
  band(weights: Float64Array): GaussianBand {
    return gaussianBand(weights, this.data.count, this.grid.length, this.data.y, this.priorTrain, this.priorCross, this.priorDiagonal);
  }
}

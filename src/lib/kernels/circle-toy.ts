/**
 * Jacot, Gabriel & Hongler's (2018, §6) toy: inputs on the unit circle, x = (cos γ, sin γ), γ ∈ [−π, π].
 * Our training set: four angles spread unevenly round the circle (so Θ(X, X) has four distinct
 * eigenvalues) with targets y = sin 2γ = 2x₁x₂ (our choice; the protocol is in science.md).
 * Shapes: points row-major (count × 2) Float64Array.
 */
import type { TrainingSet } from './gradient-descent';

/** The training angles of science.md's toy (radians). */
export const TOY_ANGLES: readonly number[] = [-2.5, -1, 0.5, 2];

export function toyTarget(angle: number): number {
  return Math.sin(2 * angle);
}

/** (cos γ, sin γ) for each angle, row-major count × 2. */
export function circlePoints(angles: ArrayLike<number>): Float64Array {
  const x = new Float64Array(2 * angles.length);
  for (let k = 0; k < angles.length; k++) {
    x[2 * k] = Math.cos(angles[k]);
    x[2 * k + 1] = Math.sin(angles[k]);
  }
  return x;
}

/** `count` evenly spaced angles from −π to π inclusive. */
export function angleGrid(count: number): Float64Array {
  const grid = new Float64Array(count);
  for (let k = 0; k < count; k++) grid[k] = -Math.PI + (2 * Math.PI * k) / (count - 1);
  return grid;
}

/** The training set for given angles and targets (default: the toy's target sin 2γ). */
export function circleTrainingSet(angles: ArrayLike<number>, targets?: ArrayLike<number>): TrainingSet {
  const y = new Float64Array(angles.length);
  for (let k = 0; k < angles.length; k++) y[k] = targets ? targets[k] : toyTarget(angles[k]);
  return { x: circlePoints(angles), y, count: angles.length, inputDim: 2 };
}

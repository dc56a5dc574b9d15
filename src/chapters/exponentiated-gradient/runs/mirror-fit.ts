/**
 * Full-batch mirror descent on a linear regression, in Float64: ∇φ(w′) = ∇φ(w) − η∇L(w) with
 * L(w) = (1/N)‖Xw − y‖² (PyTorch's MSELoss, as in Pogodin, Cornford et al.'s linear_regression.py),
 * ∇L = (2/N) Xᵀ(Xw − y), until L < tolerance.
 *
 * Step size, derived rather than searched: η = 1/λ_max((2/N) X M Xᵀ) with M = diag(dw/dθ) the
 * potential's local metric at the current weights (1 for GD, |w| for EG, 1/(2|w|) for the 3-norm):
 * the loss's curvature seen from the dual coordinates, so η is the classic 1/L step of each geometry.
 * It is re-estimated every `refreshEvery` iterations (the metric moves with the weights) and halved
 * whenever the loss rises. λ_max by power iteration on the N×N side.
 */
import type { CorrelatedRegression } from '../../../lib/data/correlated-regression';
import type { Potential } from '../../../lib/rules/update/potentials';

export interface MirrorFitOptions {
  /** Re-estimate η every this many iterations (default 100). */
  refreshEvery?: number;
}

export class MirrorRegressionFit {
  readonly weights: Float64Array;
  learningRate = 0;
  iterations = 0;
  /** L(w) at the current weights (before the next step). */
  loss: number;
  private readonly residual: Float64Array;
  private readonly grad: Float64Array;
  private readonly power: Float64Array;
  private readonly refreshEvery: number;

  constructor(
    readonly task: CorrelatedRegression,
    readonly potential: Potential,
    { refreshEvery = 100 }: MirrorFitOptions = {},
  ) {
    this.weights = Float64Array.from(task.start);
    this.residual = new Float64Array(task.points);
    this.grad = new Float64Array(task.dimension);
    this.power = new Float64Array(task.points).fill(1);
    this.refreshEvery = refreshEvery;
    this.loss = this.lossAndGradient();
    this.learningRate = 1 / this.curvature(200);
  }

  /** Up to `n` mirror steps, stopping once L < tolerance. Returns the loss reached. */
  iterate(n: number, tolerance: number): number {
    for (let k = 0; k < n && this.loss >= tolerance && Number.isFinite(this.loss); k++) {
      if (this.iterations > 0 && this.iterations % this.refreshEvery === 0 && this.potential.name !== '2-norm') {
        this.learningRate = 1 / this.curvature(30);
      }
      const before = this.loss;
      this.potential.step(this.weights, this.grad, this.learningRate);
      this.iterations += 1;
      this.loss = this.lossAndGradient();
      if (this.loss > before) this.learningRate = 1 / (2 * this.curvature(30));
    }
    return this.loss;
  }

  /** L(w), and ∇L into this.grad. */
  private lossAndGradient(): number {
    const { inputs, labels, points: n, dimension: d } = this.task;
    const w = this.weights;
    let total = 0;
    for (let r = 0; r < n; r++) {
      let s = -labels[r];
      const row = r * d;
      for (let i = 0; i < d; i++) s += inputs[row + i] * w[i];
      this.residual[r] = s;
      total += s * s;
    }
    this.grad.fill(0);
    for (let r = 0; r < n; r++) {
      const c = (2 * this.residual[r]) / n;
      const row = r * d;
      for (let i = 0; i < d; i++) this.grad[i] += c * inputs[row + i];
    }
    return total / n;
  }

  /** λ_max((2/N) X M Xᵀ) by `iterations` power steps, warm-started from the last estimate's vector. */
  private curvature(iterations: number): number {
    const { inputs, points: n, dimension: d } = this.task;
    const metric = Float64Array.from(this.weights, (w) => this.potential.metric(w));
    const u = new Float64Array(d);
    const v = this.power;
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      u.fill(0);
      for (let r = 0; r < n; r++) {
        const row = r * d;
        for (let i = 0; i < d; i++) u[i] += inputs[row + i] * v[r];
      }
      for (let i = 0; i < d; i++) u[i] *= metric[i];
      let norm = 0;
      for (let r = 0; r < n; r++) {
        let s = 0;
        const row = r * d;
        for (let i = 0; i < d; i++) s += inputs[row + i] * u[i];
        v[r] = (2 * s) / n;
        norm += v[r] * v[r];
      }
      norm = Math.sqrt(norm);
      lambda = norm;
      for (let r = 0; r < n; r++) v[r] /= norm;
    }
    return lambda;
  }
}

/**
 * Linear memory capacity of a driven system (Jaeger 2001, GMD Report 152):
 *   MC = Σ_{k=1..K} MC_k,  MC_k = r²(u(t−k), y_k(t)),  y_k(t) = w_kᵀ [x(t); 1],
 * each w_k a ridge-regression readout (ridge.ts, Float64, one Cholesky for all K delays) trained to
 * recall the input k steps back from the current state. r² is the squared correlation on held-out
 * test steps, so a readout cannot score by fitting noise (the training-set r² of a d-feature readout
 * is biased up by ≈ d/T per delay). Protocol: `washout` steps ignored, `train` steps accumulate
 * XᵀX and XᵀY, then `test` steps score. Feed it states with `push(x, u)`, x the state after input u.
 * For an i.i.d. input and a noiseless linear system MC ≤ N (= N generically); regularisation λ and
 * saturation set how much of it a finite readout recovers (Ballarin et al. 2024).
 * Shapes: x has `size` values; readouts (size+1)×K. Plain arrays, nothing to dispose.
 */
import { RidgeAccumulator } from './ridge';

export interface MemoryCapacityOptions {
  /** Largest delay K. */
  maxDelay: number;
  washout: number;
  train: number;
  test: number;
  /** Ridge penalty per training sample (λ = ridge · train). */
  ridge: number;
}

export const MEMORY_CAPACITY_DEFAULTS: MemoryCapacityOptions = { maxDelay: 200, washout: 200, train: 3000, test: 2000, ridge: 1e-7 };

export type MemoryCapacityPhase = 'washout' | 'train' | 'test' | 'done';

export class MemoryCapacityProbe {
  readonly size: number;
  readonly options: MemoryCapacityOptions;
  /** Steps pushed so far. */
  count = 0;
  private readonly history: Float64Array;
  private readonly features: Float64Array;
  private readonly targets: Float64Array;
  private readonly accumulator: RidgeAccumulator;
  private readouts: Float64Array | null = null;
  // Per-delay sums over test steps: y, y², target, target², y·target.
  private readonly sums: Float64Array;
  private testCount = 0;

  constructor(size: number, options: Partial<MemoryCapacityOptions> = {}) {
    this.size = size;
    this.options = { ...MEMORY_CAPACITY_DEFAULTS, ...options };
    if (this.options.washout < this.options.maxDelay) throw new Error('MemoryCapacityProbe: washout must cover the largest delay');
    this.history = new Float64Array(this.options.maxDelay + 1);
    this.features = new Float64Array(size + 1);
    this.targets = new Float64Array(this.options.maxDelay);
    this.accumulator = new RidgeAccumulator(size + 1, this.options.maxDelay);
    this.sums = new Float64Array(5 * this.options.maxDelay);
  }

  get phase(): MemoryCapacityPhase {
    const { washout, train, test } = this.options;
    if (this.count < washout) return 'washout';
    if (this.count < washout + train) return 'train';
    if (this.count < washout + train + test) return 'test';
    return 'done';
  }

  /** Total steps the protocol takes. */
  get length(): number {
    return this.options.washout + this.options.train + this.options.test;
  }

  /** One time step: the state x(t) reached after input u(t). */
  push(x: ArrayLike<number>, u: number): void {
    const K = this.options.maxDelay;
    const ring = this.history.length;
    const phase = this.phase;
    // history[(t − k) mod (K+1)] = u(t − k) for k = 0..K once filled.
    this.history[this.count % ring] = u;
    if (phase === 'train' || phase === 'test') {
      for (let i = 0; i < this.size; i++) this.features[i] = x[i];
      this.features[this.size] = 1;
      for (let k = 1; k <= K; k++) this.targets[k - 1] = this.history[(this.count - k + ring * K) % ring];
      if (phase === 'train') this.accumulator.add(this.features, this.targets);
      else this.score();
    }
    this.count++;
    if (this.count === this.options.washout + this.options.train) {
      // Stored delay by delay (K × d) so that scoring reads each readout contiguously.
      const weights = this.accumulator.solve(this.options.ridge);
      const d = this.size + 1;
      this.readouts = new Float64Array(K * d);
      for (let i = 0; i < d; i++) for (let k = 0; k < K; k++) this.readouts[k * d + i] = weights[i * K + k];
    }
  }

  private score(): void {
    const K = this.options.maxDelay;
    const d = this.size + 1;
    const w = this.readouts as Float64Array;
    const { features, targets, sums } = this;
    for (let k = 0; k < K; k++) {
      let y = 0;
      const row = k * d;
      for (let i = 0; i < d; i++) y += features[i] * w[row + i];
      const target = targets[k];
      const s = 5 * k;
      sums[s] += y;
      sums[s + 1] += y * y;
      sums[s + 2] += target;
      sums[s + 3] += target * target;
      sums[s + 4] += y * target;
    }
    this.testCount++;
  }

  /** MC_k for k = 1..K (index k−1) on the test steps scored so far. */
  memoryFunction(): Float64Array {
    const K = this.options.maxDelay;
    const out = new Float64Array(K);
    const n = this.testCount;
    if (n < 2) return out;
    for (let k = 0; k < K; k++) {
      const s = 5 * k;
      const cov = this.sums[s + 4] / n - (this.sums[s] / n) * (this.sums[s + 2] / n);
      const varY = this.sums[s + 1] / n - (this.sums[s] / n) ** 2;
      const varT = this.sums[s + 3] / n - (this.sums[s + 2] / n) ** 2;
      out[k] = varY > 0 && varT > 0 ? (cov * cov) / (varY * varT) : 0;
    }
    return out;
  }

  /** MC = Σ_k MC_k. */
  capacity(): number {
    return this.memoryFunction().reduce((a, b) => a + b, 0);
  }
}

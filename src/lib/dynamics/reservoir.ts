/**
 * An echo-state reservoir (Jaeger 2001, GMD Report 148): N tanh units driven by a scalar input u,
 *   x(t) = tanh(g · W₀ x(t−1) + w_in u(t)),
 * W₀ a dense random N×N matrix with N(0, 1) entries rescaled to spectral radius exactly 1 (computed
 * by Hessenberg–QR, eigen.ts), so g is the spectral radius of the recurrent weights; w_in ~ U(±s),
 * s the input scale. Only a linear readout is ever trained (ridge.ts).
 * Also the largest-Lyapunov-exponent estimate of Benettin et al. (1980): a twin trajectory started
 * a distance d₀ away and driven by the same input; each step λ̂ accumulates ln(d/d₀) and the twin is
 * pulled back to distance d₀ along the current separation. λ̂ > 0: nearby states diverge (chaos).
 * Shapes: states are Float64Array(N); W₀ is N×N row-major. Plain arrays, nothing to dispose.
 */
import type { Rng } from '../random';
import { eigenvalues } from './eigen';

/** The fixed random weights of a reservoir, shareable between reservoirs run at different g. */
export interface ReservoirWeights {
  size: number;
  /** W₀ with spectral radius 1, row-major. */
  recurrent: Float64Array;
  /** w_in with entries U(−1, 1); scaled by the input scale at each step. */
  input: Float64Array;
  /** ρ of the raw Gaussian matrix before rescaling (≈ √N by the circular law). */
  rawRadius: number;
  /** The eigenvalue of W₀ of largest modulus (modulus 1; the one with imag ≥ 0 of a complex pair). */
  leading: { real: number; imag: number };
}

/** Draw W₀ (N(0, 1) entries, then divided by its spectral radius) and w_in ~ U(−1, 1) from forks of `rng`. */
export function randomReservoirWeights(size: number, rng: Rng): ReservoirWeights {
  const weights = rng.fork('recurrent');
  const recurrent = new Float64Array(size * size);
  for (let i = 0; i < recurrent.length; i++) recurrent[i] = weights.normal();
  const spectrum = eigenvalues(recurrent, size);
  let top = 0;
  for (let i = 1; i < size; i++) {
    const modulus = Math.hypot(spectrum.real[i], spectrum.imag[i]);
    const best = Math.hypot(spectrum.real[top], spectrum.imag[top]);
    if (modulus > best || (modulus === best && spectrum.imag[i] > spectrum.imag[top])) top = i;
  }
  const rawRadius = Math.hypot(spectrum.real[top], spectrum.imag[top]);
  for (let i = 0; i < recurrent.length; i++) recurrent[i] /= rawRadius;
  const leading = { real: spectrum.real[top] / rawRadius, imag: Math.abs(spectrum.imag[top]) / rawRadius };
  const inputs = rng.fork('input');
  const input = new Float64Array(size);
  for (let i = 0; i < size; i++) input[i] = inputs.uniform(-1, 1);
  return { size, recurrent, input, rawRadius, leading };
}

export class Reservoir {
  readonly size: number;
  readonly weights: ReservoirWeights;
  readonly recurrent: Float64Array;
  readonly input: Float64Array;
  readonly rawRadius: number;
  readonly leading: { real: number; imag: number };
  /** The spectral radius g of the recurrent weights actually used. */
  gain: number;
  inputScale: number;

  /** New random weights from `rng` (O(N³) for the spectral radius), or shared `weights` of another reservoir. */
  constructor(source: number | ReservoirWeights, rng: Rng | null, gain = 1, inputScale = 0.1) {
    if (typeof source === 'number') {
      if (!rng) throw new Error('Reservoir: random weights need an rng');
      this.weights = randomReservoirWeights(source, rng);
    } else this.weights = source;
    this.size = this.weights.size;
    this.recurrent = this.weights.recurrent;
    this.input = this.weights.input;
    this.rawRadius = this.weights.rawRadius;
    this.leading = this.weights.leading;
    this.gain = gain;
    this.inputScale = inputScale;
  }

  /** out ← tanh(g W₀ x + s w_in u). `out` must not alias `x`. */
  next(x: Float64Array, u: number, out: Float64Array): Float64Array {
    const n = this.size;
    const w = this.recurrent;
    const drive = this.inputScale * u;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const row = i * n;
      for (let j = 0; j < n; j++) sum += w[row + j] * x[j];
      out[i] = Math.tanh(this.gain * sum + drive * this.input[i]);
    }
    return out;
  }
}

/** A reservoir's state advanced in place, double-buffered. */
export class ReservoirState {
  readonly reservoir: Reservoir;
  x: Float64Array;
  private spare: Float64Array;

  constructor(reservoir: Reservoir, initial?: Float64Array) {
    this.reservoir = reservoir;
    this.x = initial ? Float64Array.from(initial) : new Float64Array(reservoir.size);
    this.spare = new Float64Array(reservoir.size);
  }

  step(u: number): Float64Array {
    const previous = this.x;
    this.x = this.reservoir.next(previous, u, this.spare);
    this.spare = previous;
    return this.x;
  }
}

/** Running largest-Lyapunov-exponent estimate (Benettin renormalisation), per step, natural log. */
export class LyapunovTracker {
  readonly main: ReservoirState;
  readonly twin: ReservoirState;
  readonly distance: number;
  /** Sum of ln(d/d₀) and the number of steps it covers. */
  sum = 0;
  steps = 0;

  constructor(main: ReservoirState, rng: Rng, distance = 1e-8) {
    this.main = main;
    this.distance = distance;
    const n = main.reservoir.size;
    const direction = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      direction[i] = rng.normal();
      norm += direction[i] * direction[i];
    }
    norm = Math.sqrt(norm);
    const start = new Float64Array(n);
    for (let i = 0; i < n; i++) start[i] = main.x[i] + (distance * direction[i]) / norm;
    this.twin = new ReservoirState(main.reservoir, start);
  }

  /** Advance both trajectories with the same input; returns this step's ln(d/d₀). */
  step(u: number): number {
    const x = this.main.step(u);
    const y = this.twin.step(u);
    let d2 = 0;
    for (let i = 0; i < x.length; i++) d2 += (y[i] - x[i]) ** 2;
    const d = Math.sqrt(d2);
    // Exact coalescence (d underflows to 0) means contraction beyond float precision: cap the log.
    const growth = Math.log(Math.max(d, 1e-300) / this.distance);
    const scale = d > 0 ? this.distance / d : 1;
    for (let i = 0; i < x.length; i++) y[i] = d > 0 ? x[i] + (y[i] - x[i]) * scale : x[i] + this.distance / Math.sqrt(x.length);
    this.sum += growth;
    this.steps++;
    return growth;
  }

  /** Mean ln(d/d₀) per step since the last reset. */
  get exponent(): number {
    return this.steps > 0 ? this.sum / this.steps : 0;
  }

  reset(): void {
    this.sum = 0;
    this.steps = 0;
  }
}

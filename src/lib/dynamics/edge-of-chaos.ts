/**
 * One reservoir (reservoir.ts) measured at one spectral radius g, by two protocols:
 * - input-driven: u(t) i.i.d. U(−1, 1); memory capacity (memory-capacity.ts), the largest Lyapunov
 *   exponent of two trajectories driven by the same input, and the mean activity ⟨x²⟩;
 * - autonomous: no input, from a random state x ~ U(−1, 1)^N; Lyapunov exponent and ⟨x²⟩ after a
 *   washout. Below g = 1 the activity decays to 0 and λ → ln g; above, self-sustained chaos.
 * The input moves the transition: a driven network saturates its tanh units, which lowers their
 * effective gain, so it can stay stable (λ < 0) slightly above g = 1 (Haruna & Nakajima 2019).
 * Every draw comes from forks of `rng`, so the same rng gives the same signal at every g.
 */
import type { Rng } from '../random';
import { MemoryCapacityProbe, type MemoryCapacityOptions } from './memory-capacity';
import { LyapunovTracker, Reservoir, ReservoirState } from './reservoir';

export interface ReservoirProbeOptions {
  memory: Partial<MemoryCapacityOptions>;
  /** Steps before the Lyapunov estimate starts, and steps it averages over. */
  lyapunovWashout: number;
  lyapunovSteps: number;
  /** Skip the memory-capacity measurement (Lyapunov and activity only). */
  skipMemory?: boolean;
}

export const RESERVOIR_PROBE_DEFAULTS: ReservoirProbeOptions = { memory: {}, lyapunovWashout: 500, lyapunovSteps: 1000 };

export interface ReservoirProbe {
  gain: number;
  /** MC = Σ_k MC_k (NaN when skipped). */
  capacity: number;
  /** MC_k, k = 1..K. */
  memoryFunction: Float64Array;
  lyapunovDriven: number;
  lyapunovAutonomous: number;
  /** ⟨x²⟩ per unit over the Lyapunov window. */
  activityDriven: number;
  activityAutonomous: number;
}

function meanSquare(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / x.length;
}

function lyapunovRun(reservoir: Reservoir, start: Float64Array, signal: Rng | null, rng: Rng, options: ReservoirProbeOptions): { exponent: number; activity: number } {
  const state = new ReservoirState(reservoir, start);
  const input = () => (signal ? signal.uniform(-1, 1) : 0);
  for (let t = 0; t < options.lyapunovWashout; t++) state.step(input());
  const tracker = new LyapunovTracker(state, rng);
  let activity = 0;
  for (let t = 0; t < options.lyapunovSteps; t++) {
    tracker.step(input());
    activity += meanSquare(state.x);
  }
  return { exponent: tracker.exponent, activity: activity / options.lyapunovSteps };
}

/** Measure `reservoir` with its recurrent weights scaled to spectral radius `gain` (restored afterwards). */
export function probeReservoir(reservoir: Reservoir, gain: number, rng: Rng, options: Partial<ReservoirProbeOptions> = {}): ReservoirProbe {
  const opts = { ...RESERVOIR_PROBE_DEFAULTS, ...options };
  const saved = reservoir.gain;
  reservoir.gain = gain;
  try {
    let capacity = NaN;
    let memoryFunction: Float64Array = new Float64Array(0);
    if (!opts.skipMemory) {
      const probe = new MemoryCapacityProbe(reservoir.size, opts.memory);
      const signal = rng.fork('memory-signal');
      const state = new ReservoirState(reservoir);
      for (let t = 0; t < probe.length; t++) {
        const u = signal.uniform(-1, 1);
        probe.push(state.step(u), u);
      }
      memoryFunction = probe.memoryFunction();
      capacity = memoryFunction.reduce((a, b) => a + b, 0);
    }
    const driven = lyapunovRun(reservoir, new Float64Array(reservoir.size), rng.fork('lyapunov-signal'), rng.fork('driven-twin'), opts);
    const startRng = rng.fork('autonomous-start');
    const start = new Float64Array(reservoir.size);
    for (let i = 0; i < start.length; i++) start[i] = startRng.uniform(-1, 1);
    const autonomous = lyapunovRun(reservoir, start, null, rng.fork('autonomous-twin'), opts);
    return {
      gain,
      capacity,
      memoryFunction,
      lyapunovDriven: driven.exponent,
      lyapunovAutonomous: autonomous.exponent,
      activityDriven: driven.activity,
      activityAutonomous: autonomous.activity,
    };
  } finally {
    reservoir.gain = saved;
  }
}

/**
 * The smallest g of a sorted sweep at which λ changes sign from < 0 to > 0, linearly interpolated
 * between the two neighbouring gains; NaN if it never does.
 */
export function lyapunovCrossing(gains: readonly number[], exponents: readonly number[]): number {
  for (let i = 1; i < gains.length; i++) {
    if (exponents[i - 1] < 0 && exponents[i] > 0) {
      const f = -exponents[i - 1] / (exponents[i] - exponents[i - 1]);
      return gains[i - 1] + f * (gains[i] - gains[i - 1]);
    }
  }
  return NaN;
}

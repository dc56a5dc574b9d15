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

export const RESERVOIR_PROBE_DEFAULTS: ReservoirProbeOptions = { memory: {}, lyapunovWashout: 500, lyapunovSteps: 2000 };

export interface ReservoirProbe {
  gain: number;
  /** MC = Σ_k MC_k (NaN when skipped). */
  capacity: number;
  /** MC_k, k = 1..K. */
  memoryFunction: Float64Array;
  lyapunovDriven: number;
  lyapunovAutonomous: number;
  /** ⟨x²⟩ per unit over the steps the Lyapunov exponent is measured on. */
  activityDriven: number;
  activityAutonomous: number;
}

function meanSquare(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / x.length;
}

type Phase = 'memory' | 'driven' | 'autonomous' | 'done';

/**
 * The three measurements of `probeReservoir`, advanced a bounded number of time steps at a time (a
 * live figure spreads them over animation frames; `probeReservoir` runs them to the end). The
 * reservoir it is given must stay at its gain while the run lasts (give it its own Reservoir over
 * shared weights).
 */
export class ReservoirProbeRun {
  readonly reservoir: Reservoir;
  readonly options: ReservoirProbeOptions;
  phase: Phase;
  private readonly rng: Rng;
  private memory: MemoryCapacityProbe | null = null;
  private memoryState: ReservoirState | null = null;
  private readonly memorySignal: Rng;
  private lyapunovState: ReservoirState | null = null;
  private tracker: LyapunovTracker | null = null;
  private signal: Rng | null = null;
  private phaseStep = 0;
  private activity = 0;
  private readonly result: ReservoirProbe;

  constructor(reservoir: Reservoir, rng: Rng, options: Partial<ReservoirProbeOptions> = {}) {
    this.reservoir = reservoir;
    this.options = { ...RESERVOIR_PROBE_DEFAULTS, ...options };
    this.rng = rng;
    this.memorySignal = rng.fork('memory-signal');
    const nan = Number.NaN;
    this.result = { gain: reservoir.gain, capacity: nan, memoryFunction: new Float64Array(0), lyapunovDriven: nan, lyapunovAutonomous: nan, activityDriven: nan, activityAutonomous: nan };
    this.phase = this.options.skipMemory ? 'driven' : 'memory';
    if (this.phase === 'memory') {
      this.memory = new MemoryCapacityProbe(reservoir.size, this.options.memory);
      this.memoryState = new ReservoirState(reservoir);
    } else this.startLyapunov('driven');
  }

  /** Time steps the whole run takes. */
  get length(): number {
    const lyapunov = 2 * (this.options.lyapunovWashout + this.options.lyapunovSteps);
    return lyapunov + (this.options.skipMemory ? 0 : new MemoryCapacityProbe(1, { ...this.options.memory }).length);
  }

  private startLyapunov(phase: 'driven' | 'autonomous'): void {
    this.phase = phase;
    this.phaseStep = 0;
    this.activity = 0;
    this.tracker = null;
    const start = new Float64Array(this.reservoir.size);
    if (phase === 'driven') this.signal = this.rng.fork('lyapunov-signal');
    else {
      this.signal = null;
      const startRng = this.rng.fork('autonomous-start');
      for (let i = 0; i < start.length; i++) start[i] = startRng.uniform(-1, 1);
    }
    this.lyapunovState = new ReservoirState(this.reservoir, start);
  }

  /** Advance by at most `maxSteps` time steps; returns the steps taken (0 once done). */
  advance(maxSteps: number): number {
    let taken = 0;
    while (taken < maxSteps && this.phase !== 'done') {
      taken++;
      if (this.phase === 'memory') {
        const probe = this.memory as MemoryCapacityProbe;
        const u = this.memorySignal.uniform(-1, 1);
        probe.push((this.memoryState as ReservoirState).step(u), u);
        if (probe.phase === 'done') {
          this.result.memoryFunction = probe.memoryFunction();
          this.result.capacity = this.result.memoryFunction.reduce((a, b) => a + b, 0);
          this.memory = null;
          this.memoryState = null;
          this.startLyapunov('driven');
        }
        continue;
      }
      const u = this.signal ? this.signal.uniform(-1, 1) : 0;
      const state = this.lyapunovState as ReservoirState;
      const { lyapunovWashout, lyapunovSteps } = this.options;
      if (this.phaseStep < lyapunovWashout) state.step(u);
      else {
        this.tracker ??= new LyapunovTracker(state, this.rng.fork(this.phase === 'driven' ? 'driven-twin' : 'autonomous-twin'));
        this.tracker.step(u);
        this.activity += meanSquare(state.x);
      }
      this.phaseStep++;
      if (this.phaseStep === lyapunovWashout + lyapunovSteps) {
        const exponent = (this.tracker as LyapunovTracker).exponent;
        const activity = this.activity / lyapunovSteps;
        if (this.phase === 'driven') {
          this.result.lyapunovDriven = exponent;
          this.result.activityDriven = activity;
          this.startLyapunov('autonomous');
        } else {
          this.result.lyapunovAutonomous = exponent;
          this.result.activityAutonomous = activity;
          this.phase = 'done';
        }
      }
    }
    return taken;
  }

  /** The measurements so far (NaN where not yet measured). */
  get probe(): ReservoirProbe {
    return { ...this.result };
  }
}

/** Measure `reservoir` with its recurrent weights scaled to spectral radius `gain` (on a copy sharing its weights). */
export function probeReservoir(reservoir: Reservoir, gain: number, rng: Rng, options: Partial<ReservoirProbeOptions> = {}): ReservoirProbe {
  const run = new ReservoirProbeRun(new Reservoir(reservoir.weights, null, gain, reservoir.inputScale), rng, options);
  run.advance(Infinity);
  return run.probe;
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

/**
 * The autonomous network's largest Lyapunov exponent in the mean-field limit N → ∞ (W entries
 * N(0, g²/N), no input; the discrete-time form of Sompolinsky, Crisanti & Sommers 1988, e.g. Toyoizumi
 * & Abbott 2011): the pre-activation variance q solves q = g² E[tanh²(√q z)], z ~ N(0, 1), and
 * λ = ½ ln(g² E[tanh′(√q z)²]). For g ≤ 1, q = 0 and λ = ln g. Gaussian expectations by the
 * trapezoid rule on z ∈ [−10, 10].
 */
export function meanFieldLyapunov(gain: number): { variance: number; exponent: number } {
  const points = 4001;
  const h = 20 / (points - 1);
  const expect = (f: (z: number) => number) => {
    let sum = 0;
    for (let i = 0; i < points; i++) {
      const z = -10 + i * h;
      const w = i === 0 || i === points - 1 ? 0.5 : 1;
      sum += w * f(z) * Math.exp(-0.5 * z * z);
    }
    return (sum * h) / Math.sqrt(2 * Math.PI);
  };
  let q = gain <= 1 ? 0 : 1;
  if (gain > 1) {
    for (let iteration = 0; iteration < 10000; iteration++) {
      const next = gain * gain * expect((z) => Math.tanh(Math.sqrt(q) * z) ** 2);
      if (Math.abs(next - q) < 1e-13) break;
      q = next;
    }
  }
  const slope2 = expect((z) => (1 - Math.tanh(Math.sqrt(q) * z) ** 2) ** 2);
  return { variance: q, exponent: 0.5 * Math.log(gain * gain * slope2) };
}

/**
 * Live run "the edge of chaos": an echo-state reservoir (src/lib/dynamics/reservoir.ts) at the
 * slider's spectral radius g, and beside it the sweep behind the chapter's curves.
 * - Live: one step = one time step of the reservoir, driven by u ~ U(−1, 1) (or silent when
 *   `driven` is off), with a twin trajectory for a running Lyapunov estimate over the last
 *   `lyapunovWindow` steps; traces of a few units and the mean activity ⟨x²⟩.
 * - Sweep: for each g of `sweepGains` in turn, the reproduce protocol (ReservoirProbeRun: memory
 *   capacity, driven and autonomous Lyapunov exponents), `sweepWork` time steps per live step, on
 *   reservoirs sharing the live one's weights. With the defaults it prints the same numbers as
 *   `npm run reproduce -- dynamics` for the same seed.
 * `loss` is the running Lyapunov estimate (per step, natural log).
 */
import { ReservoirProbeRun, type ReservoirProbe } from '../../../lib/dynamics/edge-of-chaos';
import type { MemoryCapacityOptions } from '../../../lib/dynamics/memory-capacity';
import { LyapunovTracker, Reservoir, ReservoirState } from '../../../lib/dynamics/reservoir';
import { createRng, type Rng } from '../../../lib/random';
import { typedMemory, unrollRing, type LiveRun, type TrainResult } from './types';
import { EDGE_OF_CHAOS_DEFAULTS, SWEEP_GAINS } from './defaults';

export { EDGE_OF_CHAOS_DEFAULTS, SWEEP_GAINS };

export interface EdgeOfChaosConfig {
  seed: number;
  /** Reservoir units N. */
  size: number;
  /** Input weights ~ U(±inputScale). */
  inputScale: number;
  /** Spectral radius g of the live reservoir. */
  gain: number;
  /** Whether the live reservoir receives input. */
  driven: boolean;
  /** Gains of the sweep, in order. */
  sweepGains: number[];
  memory: MemoryCapacityOptions;
  lyapunovWashout: number;
  lyapunovSteps: number;
  /** Sweep time steps per live step (0 pauses the sweep). */
  sweepWork: number;
  /** Units traced, trace length (steps) and the Lyapunov window (steps) of the live reservoir. */
  traceUnits: number;
  window: number;
  lyapunovWindow: number;
}



export const EDGE_OF_CHAOS_LIVE_KEYS = ['gain', 'driven', 'sweepWork'] as const satisfies readonly (keyof EdgeOfChaosConfig)[];

/** One gain of the sweep: NaN where not measured yet. */
export interface SweepPoint {
  gain: number;
  capacity: number;
  lyapunovDriven: number;
  lyapunovAutonomous: number;
  activityDriven: number;
  activityAutonomous: number;
  /** MC_k for k = 1..K (empty until measured). */
  memoryFunction: Float32Array;
}

export interface EdgeOfChaosMetrics {
  step: number;
  gain: number;
  driven: boolean;
  /** ⟨x²⟩ of the live state, now and over the trace window (oldest first). */
  activity: number;
  activityTrace: Float32Array;
  /** x_i(t) of the first traceUnits units and the input u(t), over the trace window. */
  traces: Float32Array[];
  inputTrace: Float32Array;
  /** Mean ln(d/d₀) per step over the last lyapunovWindow steps. */
  lyapunov: number;
  sweep: SweepPoint[];
  /** Fraction of the sweep's time steps done. */
  sweepProgress: number;
}

/** The sweep's measurements of `gains` (the reproduce protocol) for one seed, one probe run per gain. */
export function sweepProbeRuns(reservoir: Reservoir, gains: readonly number[], rng: Rng, config: Pick<EdgeOfChaosConfig, 'memory' | 'lyapunovWashout' | 'lyapunovSteps'>): ReservoirProbeRun[] {
  const options = { memory: config.memory, lyapunovWashout: config.lyapunovWashout, lyapunovSteps: config.lyapunovSteps };
  return gains.map((g) => new ReservoirProbeRun(new Reservoir(reservoir.weights, null, g, reservoir.inputScale), rng.fork(`gain-${g}`), options));
}

export class EdgeOfChaosRun implements LiveRun<EdgeOfChaosConfig, EdgeOfChaosMetrics> {
  step = 0;
  private config: EdgeOfChaosConfig;
  private readonly reservoir: Reservoir;
  private readonly state: ReservoirState;
  private readonly tracker: LyapunovTracker;
  private readonly signal: Rng;
  private readonly growth: Float32Array;
  private growthHead = 0;
  private growthFilled = 0;
  private readonly traceRings: Float32Array[];
  private readonly inputRing: Float32Array;
  private readonly activityRing: Float32Array;
  private head = 0;
  private filled = 0;
  private readonly sweepRuns: ReservoirProbeRun[];
  private sweepIndex = 0;
  private sweepDone = 0;
  private readonly sweepTotal: number;

  constructor(config: EdgeOfChaosConfig) {
    this.config = { ...config, sweepGains: [...config.sweepGains], memory: { ...config.memory } };
    const rng = createRng(config.seed);
    this.reservoir = new Reservoir(config.size, rng.fork('reservoir'), config.gain, config.inputScale);
    this.state = new ReservoirState(this.reservoir);
    this.tracker = new LyapunovTracker(this.state, rng.fork('live-twin'));
    this.signal = rng.fork('live-signal');
    this.growth = new Float32Array(config.lyapunovWindow);
    this.traceRings = Array.from({ length: config.traceUnits }, () => new Float32Array(config.window));
    this.inputRing = new Float32Array(config.window);
    this.activityRing = new Float32Array(config.window);
    this.sweepRuns = sweepProbeRuns(this.reservoir, config.sweepGains, rng.fork('sweep'), config);
    this.sweepTotal = this.sweepRuns.reduce((sum, run) => sum + run.length, 0);
  }

  train(steps: number): TrainResult {
    let diverged = false;
    for (let s = 0; s < steps; s++) {
      const u = this.config.driven ? this.signal.uniform(-1, 1) : 0;
      const growth = this.tracker.step(u);
      this.growth[this.growthHead] = growth;
      this.growthHead = (this.growthHead + 1) % this.growth.length;
      this.growthFilled++;
      const x = this.state.x;
      let activity = 0;
      for (let i = 0; i < x.length; i++) activity += x[i] * x[i];
      activity /= x.length;
      if (!Number.isFinite(activity)) diverged = true;
      for (let i = 0; i < this.traceRings.length; i++) this.traceRings[i][this.head] = x[i];
      this.inputRing[this.head] = u;
      this.activityRing[this.head] = activity;
      this.head = (this.head + 1) % this.inputRing.length;
      this.filled++;
      this.step++;
    }
    this.advanceSweep(steps * this.config.sweepWork);
    const loss = this.lyapunov();
    return { step: this.step, loss, diverged: diverged || !Number.isFinite(loss) };
  }

  private advanceSweep(budget: number): void {
    while (budget > 0 && this.sweepIndex < this.sweepRuns.length) {
      const taken = this.sweepRuns[this.sweepIndex].advance(budget);
      budget -= taken;
      this.sweepDone += taken;
      if (this.sweepRuns[this.sweepIndex].phase === 'done') this.sweepIndex++;
    }
  }

  private lyapunov(): number {
    const n = Math.min(this.growthFilled, this.growth.length);
    if (n === 0) return 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.growth[i];
    return sum / n;
  }

  evaluate(): EdgeOfChaosMetrics {
    const last = (this.head - 1 + this.activityRing.length) % this.activityRing.length;
    return {
      step: this.step,
      gain: this.reservoir.gain,
      driven: this.config.driven,
      activity: this.filled > 0 ? this.activityRing[last] : 0,
      activityTrace: unrollRing(this.activityRing, this.head, this.filled),
      traces: this.traceRings.map((r) => unrollRing(r, this.head, this.filled)),
      inputTrace: unrollRing(this.inputRing, this.head, this.filled),
      lyapunov: this.lyapunov(),
      sweep: this.sweepRuns.map((run) => sweepPoint(run.probe)),
      sweepProgress: this.sweepTotal > 0 ? this.sweepDone / this.sweepTotal : 1,
    };
  }

  update(partial: Partial<EdgeOfChaosConfig>): void {
    if (partial.gain !== undefined && partial.gain !== this.reservoir.gain) {
      this.reservoir.gain = partial.gain;
      this.growthFilled = 0; // a new regime: the running estimate starts afresh
      this.growthHead = 0;
    }
    if (partial.driven !== undefined) this.config.driven = partial.driven;
    if (partial.sweepWork !== undefined) this.config.sweepWork = partial.sweepWork;
    this.config.gain = this.reservoir.gain;
  }

  memory(): { arrays: number; bytes: number } {
    return typedMemory([this.reservoir.recurrent, this.reservoir.input, this.state.x, this.tracker.twin.x, this.growth, ...this.traceRings, this.inputRing, this.activityRing]);
  }

  dispose(): void {
    this.sweepRuns.length = 0;
  }
}

export function sweepPoint(probe: ReservoirProbe): SweepPoint {
  return {
    gain: probe.gain,
    capacity: probe.capacity,
    lyapunovDriven: probe.lyapunovDriven,
    lyapunovAutonomous: probe.lyapunovAutonomous,
    activityDriven: probe.activityDriven,
    activityAutonomous: probe.activityAutonomous,
    memoryFunction: Float32Array.from(probe.memoryFunction),
  };
}

export function edgeOfChaosRun(config: EdgeOfChaosConfig): EdgeOfChaosRun {
  return new EdgeOfChaosRun(config);
}

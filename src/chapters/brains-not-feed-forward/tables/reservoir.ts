/**
 * The reservoir tables: for one seed, the edge-of-chaos sweep of the live run (runs/edge-of-chaos.ts,
 * same weights, same forks, so the same numbers): memory capacity, driven and autonomous Lyapunov
 * exponents and activity against g; then how the readout's ridge penalty moves MC at three gains.
 */
import { lyapunovCrossing, meanFieldLyapunov } from '../../../lib/dynamics/edge-of-chaos';
import { MemoryCapacityProbe, type MemoryCapacityOptions } from '../../../lib/dynamics/memory-capacity';
import { Reservoir, ReservoirState } from '../../../lib/dynamics/reservoir';
import { createRng } from '../../../lib/random';
import { EDGE_OF_CHAOS_DEFAULTS, SWEEP_GAINS, sweepPoint, sweepProbeRuns, type EdgeOfChaosConfig, type SweepPoint } from '../runs/edge-of-chaos';
import { fixed, markdownTable, type Section } from './format';

export type ReservoirProtocol = Pick<EdgeOfChaosConfig, 'size' | 'inputScale' | 'sweepGains' | 'memory' | 'lyapunovWashout' | 'lyapunovSteps'>;

export const RESERVOIR_PROTOCOL: ReservoirProtocol = {
  size: EDGE_OF_CHAOS_DEFAULTS.size,
  inputScale: EDGE_OF_CHAOS_DEFAULTS.inputScale,
  sweepGains: SWEEP_GAINS,
  memory: EDGE_OF_CHAOS_DEFAULTS.memory,
  lyapunovWashout: EDGE_OF_CHAOS_DEFAULTS.lyapunovWashout,
  lyapunovSteps: EDGE_OF_CHAOS_DEFAULTS.lyapunovSteps,
};

/** A reduced protocol for tests and --quick: 100 units, shorter runs, the gains the bands need. */
export const RESERVOIR_QUICK: ReservoirProtocol = {
  size: 100,
  inputScale: 0.1,
  sweepGains: [0.5, 0.8, 0.95, 1.3, 1.5],
  memory: { maxDelay: 60, washout: 100, train: 1000, test: 600, ridge: 1e-7 },
  lyapunovWashout: 300,
  lyapunovSteps: 600,
};

/** The live run's weights and sweep for `seed`: createRng(seed).fork('reservoir') and .fork('sweep'). */
export function reservoirSweep(seed: number, protocol: ReservoirProtocol, progress: (line: string) => void = () => {}): { reservoir: Reservoir; points: SweepPoint[] } {
  const rng = createRng(seed);
  const reservoir = new Reservoir(protocol.size, rng.fork('reservoir'), 1, protocol.inputScale);
  const runs = sweepProbeRuns(reservoir, protocol.sweepGains, rng.fork('sweep'), protocol);
  const points = runs.map((run) => {
    run.advance(Infinity);
    const point = sweepPoint(run.probe);
    progress(`  g = ${point.gain}: MC ${fixed(point.capacity, 2)}, λ driven ${fixed(point.lyapunovDriven, 4)}`);
    return point;
  });
  return { reservoir, points };
}

/** MC at `gain` with a different ridge penalty, on the sweep's input signal. */
function capacityWithRidge(reservoir: Reservoir, gain: number, memory: MemoryCapacityOptions, ridge: number, seed: number): number {
  const state = new ReservoirState(new Reservoir(reservoir.weights, null, gain, reservoir.inputScale));
  const probe = new MemoryCapacityProbe(reservoir.size, { ...memory, ridge });
  const signal = createRng(seed).fork('sweep').fork(`gain-${gain}`).fork('memory-signal');
  for (let t = 0; t < probe.length; t++) {
    const u = signal.uniform(-1, 1);
    probe.push(state.step(u), u);
  }
  return probe.capacity();
}

/** `size` overrides the number of units (--size; the live figure keeps the default). */
export function reservoirSection(seed: number, quick: boolean, progress: (line: string) => void, size?: number): Section {
  const protocol = { ...(quick ? RESERVOIR_QUICK : RESERVOIR_PROTOCOL), ...(size ? { size } : {}) };
  const { memory } = protocol;
  const { reservoir, points } = reservoirSweep(seed, protocol, progress);
  const parts: string[] = [];
  parts.push(
    `### Echo-state reservoir: N = ${protocol.size} tanh units, W₀ Gaussian rescaled to spectral radius 1 (raw ρ = ${fixed(reservoir.rawRadius, 3)}), input weights U(±${protocol.inputScale}), u ~ U(−1, 1)\n`,
  );
  const lead = reservoir.leading;
  parts.push(
    lead.imag > 1e-9
      ? `Leading eigenvalue of W₀: ${fixed(lead.real, 3)} ± ${fixed(lead.imag, 3)}i, a complex pair: past g = 1 the silent state gives way to an oscillation, and the route to chaos runs through quasi-periodic motion (λ ≈ 0) before λ turns positive.\n`
      : `Leading eigenvalue of W₀: ${fixed(lead.real, 3)} (real): past g = 1 the silent state gives way to ${lead.real > 0 ? 'two mirror-image fixed points' : 'a period-2 flip'}, and the route to chaos runs through regular motion (λ ≤ 0) before λ turns positive.\n`,
  );
  parts.push(
    `Memory capacity: delays 1–${memory.maxDelay}, ${memory.washout} washout + ${memory.train} training + ${memory.test} test steps, ridge ${memory.ridge} per sample, r² on the test steps. Lyapunov: two trajectories 10⁻⁸ apart, renormalised every step, mean ln(d/d₀) over ${protocol.lyapunovSteps} steps after ${protocol.lyapunovWashout}; *driven* with the same input, *autonomous* with none from x ~ U(−1, 1); *mean field*: the autonomous network's N → ∞ limit. ⟨x²⟩: mean squared activity over the same steps.\n`,
  );
  parts.push(
    markdownTable(
      ['g', 'MC', 'λ driven', 'λ autonomous', 'λ mean field (N → ∞)', '⟨x²⟩ driven', '⟨x²⟩ autonomous'],
      points.map((p) => [
        fixed(p.gain, 2),
        fixed(p.capacity, 2),
        fixed(p.lyapunovDriven, 4),
        fixed(p.lyapunovAutonomous, 4),
        fixed(meanFieldLyapunov(p.gain).exponent, 4),
        p.activityDriven.toExponential(2),
        p.activityAutonomous.toExponential(2),
      ]),
      [0, 1, 2, 3, 4, 5, 6],
    ),
  );
  const at = (g: number) => points.find((p) => p.gain === g) as SweepPoint;
  const gains = points.map((p) => p.gain);
  const crossingDriven = lyapunovCrossing(gains, points.map((p) => p.lyapunovDriven));
  const crossingAutonomous = lyapunovCrossing(gains, points.map((p) => p.lyapunovAutonomous));
  const best = points.reduce((a, b) => (b.capacity > a.capacity ? b : a));
  parts.push(
    `\nLargest MC at g = ${best.gain} (${fixed(best.capacity, 2)}). λ changes sign (linear interpolation) at g ≈ ${fixed(crossingDriven, 3)} driven, ${fixed(crossingAutonomous, 3)} autonomous.`,
  );
  const mf = at(0.95).memoryFunction;
  const recalled = (threshold: number) => mf.findIndex((v) => v < threshold);
  parts.push(`Memory function at g = 0.95: MC_k first falls below 0.9 at k = ${recalled(0.9) + 1} and below 0.5 at k = ${recalled(0.5) + 1}.`);

  if (!quick) {
    parts.push('\n### The readout penalty moves MC (same reservoir and signal)\n');
    const ridges = [1e-5, memory.ridge, 1e-9];
    const sensitivity = [0.5, 0.95, 1.5].map((g) => [fixed(g, 2), ...ridges.map((r) => fixed(capacityWithRidge(reservoir, g, memory, r, seed), 2))]);
    parts.push(markdownTable(['g', ...ridges.map((r) => `MC, ridge ${r}`)], sensitivity, [0, 1, 2, 3]));
  }

  const [mc05, mc095, mc15] = [at(0.5).capacity, at(0.95).capacity, at(1.5).capacity];
  const l08 = at(0.8).lyapunovDriven;
  const l13 = at(1.3).lyapunovDriven;
  return {
    markdown: parts.join('\n'),
    bands: [
      { name: 'MC(0.95) ≥ 1.5 × MC(0.5)', measured: `${fixed(mc095, 2)} vs ${fixed(mc05, 2)} (×${fixed(mc095 / mc05, 2)})`, hit: mc095 >= 1.5 * mc05 },
      { name: 'MC(0.95) ≥ 1.5 × MC(1.5)', measured: `${fixed(mc095, 2)} vs ${fixed(mc15, 2)} (×${fixed(mc095 / mc15, 2)})`, hit: mc095 >= 1.5 * mc15 },
      { name: 'λ (input-driven) changes sign between g = 0.8 and 1.3', measured: `λ(0.8) = ${fixed(l08, 4)}, λ(1.3) = ${fixed(l13, 4)}`, hit: l08 < 0 && l13 > 0 },
    ],
  };
}

/**
 * What the neuron figure computes on the page from the run's metrics (pure, for tests): where each
 * trace sample falls in the stimulus cycle, the instantaneous rate 1/ISI at each spike, the static
 * unit's output y = f(I) for the same input (the LIF's own rate curve without adaptation or noise),
 * and a raster of the last cycles' spikes, aligned to the stimulus.
 */
import { LIF_DEFAULTS, lifRate } from '../../../../lib/dynamics/lif';
import type { NeuronMetrics } from '../../runs/neuron';

/** Time (ms) of trace sample i of n, the last sample being `now`. */
export function sampleTime(now: number, n: number, i: number, interval: number): number {
  return now - (n - 1 - i) * interval;
}

/** The static unit y = f(I + bias): the neuron's firing rate without adaptation or noise, in Hz. */
export function staticRate(current: number, timeConstant: number, bias: number): number {
  return lifRate({ ...LIF_DEFAULTS, timeConstant, bias, adaptation: 0, noise: 0 }, current);
}

/** 1000 / (tᵢ − tᵢ₋₁) at each spike after the first: [time, rate] pairs. */
export function instantRates(spikes: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 1; i < spikes.length; i++) {
    const gap = spikes[i] - spikes[i - 1];
    if (gap > 0) out.push([spikes[i], 1000 / gap]);
  }
  return out;
}

/** The spikes of the last `keep` stimulus cycles, each as phases (ms into its cycle), per neuron. */
export class CycleRaster {
  private readonly cycles = new Map<number, number[][]>();
  private readonly seen: number[];

  constructor(
    readonly cycle: number,
    readonly neurons: number,
    readonly keep = 12,
  ) {
    this.seen = Array.from({ length: neurons }, () => -Infinity);
  }

  /** Adds the spikes not yet seen (each neuron's list ascending, as the run returns them). */
  add(spikes: readonly (readonly number[])[]): void {
    spikes.forEach((list, neuron) => {
      for (const t of list) {
        if (t <= this.seen[neuron]) continue;
        this.seen[neuron] = t;
        const index = Math.floor(t / this.cycle);
        let row = this.cycles.get(index);
        if (!row) {
          row = Array.from({ length: this.neurons }, () => []);
          this.cycles.set(index, row);
        }
        row[neuron].push(t - index * this.cycle);
      }
    });
    const indices = [...this.cycles.keys()].sort((a, b) => a - b);
    for (const old of indices.slice(0, Math.max(0, indices.length - this.keep))) this.cycles.delete(old);
  }

  /** Rows from the cycle containing `now` back, newest first (empty cycles included). */
  rows(now: number): Array<{ index: number; phases: number[][] }> {
    const current = Math.floor(now / this.cycle);
    return Array.from({ length: this.keep }, (_, k) => current - k)
      .filter((index) => index >= 0)
      .map((index) => ({ index, phases: this.cycles.get(index) ?? Array.from({ length: this.neurons }, () => []) }));
  }
}

/** 'onset → steady (−x%)' of the last complete cycle, or null before one. */
export function adaptationDrop(m: Pick<NeuronMetrics, 'lastCycle'>): number | null {
  const c = m.lastCycle;
  if (!c || c.onset <= 0) return null;
  return 1 - c.steady / c.onset;
}

// The LIF neuron against the closed-form membrane equation and the analytic firing rate, then the
// three dynamics the chapter shows: adaptation, persistence in a recurrent pair, tonic firing.
import { describe, expect, it } from 'vitest';
import { LIF_DEFAULTS, LifNetwork, lifRate, recordSpikes, type LifParams } from '../../../src/lib/dynamics/lif';
import { createRng } from '../../../src/lib/random';

const quiet: LifParams = { ...LIF_DEFAULTS, noise: 0, adaptation: 0, bias: 0 };

describe('LIF membrane', () => {
  it('follows V(t) = E_L + R I (1 − e^(−t/τ)) below threshold, to float precision', () => {
    const current = 1.5; // R I = 15 mV < θ − E_L = 20 mV: no spike
    for (const dt of [0.1, 0.5]) {
      const net = new LifNetwork(1, { ...quiet, dt }, createRng(1));
      for (let s = 1; s <= 400; s++) {
        net.step([current]);
        const t = s * dt;
        const closed = quiet.restPotential + quiet.resistance * current * (1 - Math.exp(-t / quiet.timeConstant));
        expect(Math.abs(net.voltage[0] - closed)).toBeLessThan(1e-9);
      }
      expect(net.spiked[0]).toBe(0);
    }
  });

  it('fires at 1/(t_ref + τ ln(RI/(RI − θ))) without adaptation (reset at rest)', () => {
    // Oracle: the brief's formula, θ measured from rest, written independently of lifRate.
    const oracle = (current: number) => {
      const drive = quiet.resistance * current;
      const theta = quiet.threshold - quiet.restPotential;
      return drive <= theta ? 0 : 1000 / (quiet.refractory + quiet.timeConstant * Math.log(drive / (drive - theta)));
    };
    for (const current of [2.2, 3, 5, 10]) {
      expect(lifRate(quiet, current)).toBeCloseTo(oracle(current), 10);
      const net = new LifNetwork(1, quiet, createRng(1));
      const [spikes] = recordSpikes(net, 2000, () => current);
      const intervals = spikes.slice(1).map((t, i) => t - spikes[i]);
      for (const isi of intervals) expect(Math.abs(1000 / isi - oracle(current)) / oracle(current)).toBeLessThan(1e-9);
      // The first spike from rest takes the same time minus the refractory period.
      expect(spikes[0]).toBeCloseTo(1000 / oracle(current) - quiet.refractory, 8);
    }
    expect(lifRate(quiet, 1.9)).toBe(0);
  });

  it('adapts: with b > 0 the steady rate falls well below the onset rate; with b = 0 it does not', () => {
    const rates = (adaptation: number) => {
      const net = new LifNetwork(1, { ...quiet, adaptation }, createRng(1));
      const [s] = recordSpikes(net, 2000, () => 3);
      return { first: s[0], onset: 1000 / (s[1] - s[0]), steady: s.filter((t) => t >= 1000).length };
    };
    const plain = rates(0);
    const adapting = rates(0.5);
    expect(Math.abs(plain.steady - plain.onset) / plain.onset).toBeLessThan(0.05);
    expect(adapting.steady).toBeLessThan(0.7 * adapting.onset);
    expect(adapting.first).toBeCloseTo(plain.first, 9); // no adaptation current before the first spike
  });

  it('is deterministic by seed with noise, and the seed matters', () => {
    const run = (seed: number) => recordSpikes(new LifNetwork(1, { ...quiet, noise: 2 }, createRng(seed)), 500, () => 2.5)[0];
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('a coupled pair keeps firing after its input stops; uncoupled, it falls silent', () => {
    const pair = (coupling: number) => {
      const net = new LifNetwork(2, { ...quiet, synapseTau: 50 }, createRng(1), new Float64Array([0, coupling, coupling, 0]));
      return recordSpikes(net, 1000, (t, i) => (i === 0 && t >= 100 && t < 300 ? 3 : 0));
    };
    const coupled = pair(1.5);
    const alone = pair(0);
    expect(coupled.every((s) => s.filter((t) => t > 500).length > 10)).toBe(true);
    expect(alone[0].filter((t) => t > 300).length).toBe(0);
    expect(alone[1].length).toBe(0);
  });

  it('fires tonically without input when its intrinsic current is above threshold', () => {
    const net = new LifNetwork(1, { ...quiet, bias: 2.5 }, createRng(1));
    const [spikes] = recordSpikes(net, 1000, () => 0);
    const period = 1000 / lifRate({ ...quiet, bias: 2.5 }, 0);
    // The first spike comes one period minus the refractory time after the start, then one per period.
    expect(spikes.length).toBe(Math.floor((1000 - (period - quiet.refractory)) / period) + 1);
    expect(spikes.length).toBeGreaterThan(20);
  });
});

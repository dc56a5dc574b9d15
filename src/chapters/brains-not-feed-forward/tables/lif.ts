/**
 * The neuron tables: the LIF's firing rate against the analytic f–I curve; spike-frequency adaptation
 * under a constant input (onset vs steady rate, with and without adaptation, noisy trials); the
 * recurrent pair's persistent firing after its input stops; tonic firing with no input.
 * Parameters as the live run's (runs/neuron.ts): τ_m = 20 ms, E_L = V_reset = −70 mV, θ = −50 mV,
 * R = 10 MΩ, t_ref = 2 ms, τ_w = 150 ms, dt = 0.1 ms.
 */
import { LIF_DEFAULTS, LifNetwork, lifRate, recordSpikes, type LifParams } from '../../../lib/dynamics/lif';
import { createRng } from '../../../lib/random';
import { fixed, markdownTable, percent, type Section } from './format';

export interface LifProtocol {
  /** Constant input (nA), its duration (ms), the steady-rate window start (ms), trials, noise (mV). */
  current: number;
  duration: number;
  steadyFrom: number;
  trials: number;
  noise: number;
  adaptations: number[];
}

export const LIF_PROTOCOL: LifProtocol = { current: 3, duration: 2000, steadyFrom: 1000, trials: 20, noise: 0.5, adaptations: [0, 0.1, 0.25, 0.5, 1] };

export interface AdaptationRow {
  adaptation: number;
  onset: number;
  steady: number;
  drop: number;
}

/** Onset rate (mean over trials of 1/first interval) and steady rate (mean rate from steadyFrom to the end). */
export function adaptationRow(adaptation: number, protocol: LifProtocol, seed: number): AdaptationRow {
  let onset = 0;
  let steady = 0;
  for (let trial = 0; trial < protocol.trials; trial++) {
    const params: LifParams = { ...LIF_DEFAULTS, adaptation, noise: protocol.noise };
    const net = new LifNetwork(1, params, createRng(seed).fork(`lif-trial-${trial}`));
    const [spikes] = recordSpikes(net, protocol.duration, () => protocol.current);
    onset += spikes.length >= 2 ? 1000 / (spikes[1] - spikes[0]) : 0;
    steady += (1000 * spikes.filter((t) => t >= protocol.steadyFrom).length) / (protocol.duration - protocol.steadyFrom);
  }
  onset /= protocol.trials;
  steady /= protocol.trials;
  return { adaptation, onset, steady, drop: onset > 0 ? 1 - steady / onset : 0 };
}

/** Spike counts of a coupled pair after a 200 ms input into neuron 0 (100–300 ms), over 300–1000 ms. */
export function pairPersistence(coupling: number, seed: number, noise: number): { during: number; after: [number, number] } {
  const params: LifParams = { ...LIF_DEFAULTS, synapseTau: 50, noise };
  const net = new LifNetwork(2, params, createRng(seed).fork(`pair-${coupling}`), new Float64Array([0, coupling, coupling, 0]));
  const spikes = recordSpikes(net, 1000, (t, i) => (i === 0 && t >= 100 && t < 300 ? 3 : 0));
  const count = (list: number[], from: number, to: number) => list.filter((t) => t >= from && t < to).length;
  return { during: (1000 * count(spikes[0], 100, 300)) / 200, after: [(1000 * count(spikes[0], 300, 1000)) / 700, (1000 * count(spikes[1], 300, 1000)) / 700] };
}

export function lifSection(seed: number, quick: boolean): Section {
  const protocol = { ...LIF_PROTOCOL, trials: quick ? 5 : LIF_PROTOCOL.trials };
  const parts: string[] = [];

  parts.push('### One LIF neuron, no noise, no adaptation: simulated vs analytic firing rate\n');
  const fi = [2.1, 2.5, 3, 4, 6].map((current) => {
    const net = new LifNetwork(1, LIF_DEFAULTS, createRng(seed));
    const [s] = recordSpikes(net, 2000, () => current);
    const simulated = s.length >= 2 ? 1000 / ((s[s.length - 1] - s[0]) / (s.length - 1)) : 0;
    const analytic = lifRate(LIF_DEFAULTS, current);
    return [fixed(current, 1), fixed(analytic, 3), fixed(simulated, 3), (Math.abs(simulated - analytic) / analytic).toExponential(1)];
  });
  parts.push(markdownTable(['input (nA)', 'analytic rate (Hz)', 'simulated (Hz)', 'relative difference'], fi, [0, 1, 2, 3]));

  parts.push(
    `\n### Spike-frequency adaptation: constant ${protocol.current} nA for ${protocol.duration / 1000} s, noise σ = ${protocol.noise} mV, mean of ${protocol.trials} trials\n`,
  );
  const rows = protocol.adaptations.map((b) => adaptationRow(b, protocol, seed));
  parts.push(
    markdownTable(
      ['adaptation b (nA per spike)', 'onset rate (Hz, 1/first interval)', `steady rate (Hz, ${protocol.steadyFrom / 1000}–${protocol.duration / 1000} s)`, 'drop'],
      rows.map((r) => [fixed(r.adaptation, 2), fixed(r.onset, 1), fixed(r.steady, 1), percent(r.drop)]),
      [0, 1, 2, 3],
    ),
  );

  parts.push('\n### A recurrent pair (τ_s = 50 ms): 3 nA into neuron 0 from 100 to 300 ms, then nothing\n');
  const pairs = [0, 1, 1.5, 3].map((coupling) => {
    const p = pairPersistence(coupling, seed, protocol.noise);
    return [fixed(coupling, 1), fixed(p.during, 1), fixed(p.after[0], 1), fixed(p.after[1], 1)];
  });
  parts.push(markdownTable(['coupling (nA per spike)', 'neuron 0 during input (Hz)', 'neuron 0 after (Hz, 0.3–1 s)', 'neuron 1 after (Hz)'], pairs, [0, 1, 2, 3]));

  parts.push('\n### Firing with no input at all (1 s, mean of the trials)\n');
  const tonic = [
    { label: 'no intrinsic current, σ = 0.5 mV', bias: 0, noise: 0.5 },
    { label: 'no intrinsic current, σ = 8 mV', bias: 0, noise: 8 },
    { label: 'intrinsic current 2.5 nA (above the 2 nA threshold), σ = 0.5 mV', bias: 2.5, noise: 0.5 },
  ].map(({ label, bias, noise }) => {
    let count = 0;
    for (let trial = 0; trial < protocol.trials; trial++) {
      const net = new LifNetwork(1, { ...LIF_DEFAULTS, bias, noise }, createRng(seed).fork(`tonic-${trial}`));
      count += recordSpikes(net, 1000, () => 0)[0].length;
    }
    return [label, fixed(count / protocol.trials, 1)];
  });
  parts.push(markdownTable(['neuron', 'rate (Hz)'], tonic, [1]));

  const withAdaptation = rows.find((r) => r.adaptation === 0.5) as AdaptationRow;
  const without = rows.find((r) => r.adaptation === 0) as AdaptationRow;
  return {
    markdown: parts.join('\n'),
    bands: [
      { name: 'LIF with adaptation (b = 0.5 nA): steady rate ≥ 30% below onset', measured: `${percent(withAdaptation.drop)} below (${fixed(withAdaptation.onset, 1)} → ${fixed(withAdaptation.steady, 1)} Hz)`, hit: withAdaptation.drop >= 0.3 },
      { name: 'LIF without adaptation: |change| < 5%', measured: `${percent(without.drop)} (${fixed(without.onset, 1)} → ${fixed(without.steady, 1)} Hz)`, hit: Math.abs(without.drop) < 0.05 },
    ],
  };
}

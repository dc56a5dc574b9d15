/**
 * Leaky integrate-and-fire neurons with spike-frequency adaptation, noise and current synapses
 * (Lapicque 1907; Gerstner, Kistler, Naud & Paninski 2014, *Neuronal Dynamics*, ch. 1 and 6;
 * spike-triggered adaptation as in Brette & Gerstner 2005's AdEx with a = 0):
 *   τ_m dV/dt = −(V − E_L) + R (I_ext + I_bias + I_syn − w) + noise;   V ≥ θ → spike, V ← V_reset for t_ref
 *   τ_w dw/dt = −w,  w += b at each spike;   τ_s dI_syn,i/dt = −I_syn,i,  I_syn,i += J_ij at each spike of j.
 * Units: ms, mV, nA, MΩ (MΩ · nA = mV).
 *
 * Integration (exponential Euler, step dt, default 0.1 ms): over a step the currents are held at
 * their start-of-step values, so V relaxes exactly towards V∞ = E_L + R·I: V ← V∞ + (V − V∞)e^(−dt/τ_m).
 * Without noise, adaptation and synapses this is the closed-form solution, and a threshold crossing
 * inside a step is timed exactly, t* = τ_m ln((V − V∞)/(θ − V∞)), with the refractory period counted
 * from t* (so the firing rate matches 1/(t_ref + τ_m ln((V∞ − V_reset)/(V∞ − θ))) to float precision;
 * this needs t_ref ≥ dt). w and I_syn decay exactly by e^(−dt/τ). Noise: the exact Ornstein–Uhlenbeck
 * increment σ·√(1 − e^(−2h/τ_m))·ξ over a stretch h of free membrane, σ the stationary std (mV) it gives.
 * Shapes: N neurons; coupling J is N×N row-major, J[i·N + j] from j onto i. Plain Float64Arrays,
 * nothing to dispose.
 */
import type { Rng } from '../random';

export interface LifParams {
  /** Membrane time constant τ_m (ms). */
  timeConstant: number;
  /** Resting potential E_L (mV). */
  restPotential: number;
  /** Firing threshold θ (mV). */
  threshold: number;
  /** Reset potential V_reset (mV). */
  resetPotential: number;
  /** Membrane resistance R (MΩ). */
  resistance: number;
  /** Refractory period t_ref (ms); ≥ dt for exact spike timing. */
  refractory: number;
  /** Spike-triggered adaptation increment b (nA); 0 switches adaptation off. */
  adaptation: number;
  /** Adaptation time constant τ_w (ms). */
  adaptationTau: number;
  /** Synaptic time constant τ_s (ms). */
  synapseTau: number;
  /** Stationary standard deviation σ of the membrane noise (mV); 0 for none. */
  noise: number;
  /** Intrinsic current I_bias (nA), present with or without input: tonic firing when R·I_bias > θ − E_L. */
  bias: number;
  /** Integration step dt (ms). */
  dt: number;
}

export const LIF_DEFAULTS: LifParams = {
  timeConstant: 20,
  restPotential: -70,
  threshold: -50,
  resetPotential: -70,
  resistance: 10,
  refractory: 2,
  adaptation: 0,
  adaptationTau: 150,
  synapseTau: 10,
  noise: 0,
  bias: 0,
  dt: 0.1,
};

/**
 * The analytic firing rate (Hz) of a noiseless LIF without adaptation under a constant current I (nA):
 * 1000 / (t_ref + τ_m ln((V∞ − V_reset)/(V∞ − θ))), V∞ = E_L + R·I; 0 when V∞ ≤ θ.
 */
export function lifRate(params: LifParams, current: number): number {
  const vInf = params.restPotential + params.resistance * (current + params.bias);
  if (vInf <= params.threshold) return 0;
  const period = params.refractory + params.timeConstant * Math.log((vInf - params.resetPotential) / (vInf - params.threshold));
  return 1000 / period;
}

/** A small population of LIF neurons (1 for a single cell, 2 for a recurrent pair). */
export class LifNetwork {
  readonly size: number;
  params: LifParams;
  /** Coupling J (nA per spike), J[i·N + j] from neuron j onto neuron i. */
  readonly coupling: Float64Array;
  readonly voltage: Float64Array;
  readonly adaptationCurrent: Float64Array;
  readonly synapticCurrent: Float64Array;
  /** Refractory time left (ms). */
  readonly refractoryLeft: Float64Array;
  /** 1 where the neuron spiked in the last step. */
  readonly spiked: Uint8Array;
  /** Exact spike times within the last step (ms, absolute), valid where spiked = 1. */
  readonly spikeTime: Float64Array;
  /** Simulated time (ms). */
  time = 0;
  private readonly rng: Rng;

  constructor(size: number, params: LifParams, rng: Rng, coupling?: Float64Array) {
    if (params.refractory < params.dt) throw new Error('LifNetwork: refractory period must be ≥ dt');
    this.size = size;
    this.params = { ...params };
    this.rng = rng;
    this.coupling = coupling ? Float64Array.from(coupling) : new Float64Array(size * size);
    if (this.coupling.length !== size * size) throw new Error(`LifNetwork: coupling must hold ${size}×${size} values`);
    this.voltage = new Float64Array(size).fill(params.restPotential);
    this.adaptationCurrent = new Float64Array(size);
    this.synapticCurrent = new Float64Array(size);
    this.refractoryLeft = new Float64Array(size);
    this.spiked = new Uint8Array(size);
    this.spikeTime = new Float64Array(size);
  }

  /** Change parameters mid-run (slider moves); the state carries on. */
  setParams(partial: Partial<LifParams>): void {
    const next = { ...this.params, ...partial };
    if (next.refractory < next.dt) throw new Error('LifNetwork: refractory period must be ≥ dt');
    this.params = next;
  }

  /** Advance by one step dt with external currents `input` (nA, one per neuron). Returns the number of spikes. */
  step(input: ArrayLike<number>): number {
    const p = this.params;
    const { dt, timeConstant: tau } = p;
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      this.spiked[i] = 0;
      let left = dt;
      let v = this.voltage[i];
      if (this.refractoryLeft[i] >= left) {
        this.refractoryLeft[i] -= left;
        this.voltage[i] = p.resetPotential;
        continue;
      }
      if (this.refractoryLeft[i] > 0) {
        left -= this.refractoryLeft[i];
        this.refractoryLeft[i] = 0;
        v = p.resetPotential;
      }
      const current = input[i] + p.bias + this.synapticCurrent[i] - this.adaptationCurrent[i];
      const vInf = p.restPotential + p.resistance * current;
      const decay = Math.exp(-left / tau);
      let next = vInf + (v - vInf) * decay;
      if (p.noise > 0) next += p.noise * Math.sqrt(1 - decay * decay) * this.rng.normal();
      if (next >= p.threshold) {
        // Exact crossing time of the deterministic part; a noise-driven crossing is put at the step's end.
        let crossing = left;
        if (vInf > p.threshold && v < p.threshold) crossing = Math.min(left, tau * Math.log((v - vInf) / (p.threshold - vInf)));
        else if (v >= p.threshold) crossing = 0;
        this.spiked[i] = 1;
        this.spikeTime[i] = this.time + (dt - left) + crossing;
        this.refractoryLeft[i] = p.refractory - (left - crossing);
        this.adaptationCurrent[i] += p.adaptation;
        next = p.resetPotential;
        count++;
      }
      this.voltage[i] = next;
    }
    const adaptationDecay = Math.exp(-dt / p.adaptationTau);
    const synapseDecay = Math.exp(-dt / p.synapseTau);
    for (let i = 0; i < this.size; i++) {
      this.adaptationCurrent[i] *= adaptationDecay;
      this.synapticCurrent[i] *= synapseDecay;
    }
    if (count > 0) {
      for (let j = 0; j < this.size; j++) {
        if (!this.spiked[j]) continue;
        for (let i = 0; i < this.size; i++) this.synapticCurrent[i] += this.coupling[i * this.size + j];
      }
    }
    this.time += dt;
    return count;
  }
}

/**
 * Spike times (ms) of every neuron of `network` over `duration` ms (one list per neuron), the input
 * given as a function of time (ms) and neuron index. The network is advanced in place.
 */
export function recordSpikes(network: LifNetwork, duration: number, input: (time: number, neuron: number) => number): number[][] {
  const spikes: number[][] = Array.from({ length: network.size }, () => []);
  const currents = new Float64Array(network.size);
  const steps = Math.round(duration / network.params.dt);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < network.size; i++) currents[i] = input(network.time, i);
    if (network.step(currents) === 0) continue;
    for (let i = 0; i < network.size; i++) if (network.spiked[i]) spikes[i].push(network.spikeTime[i]);
  }
  return spikes;
}

/**
 * Live run "a neuron that lives in time": one leaky integrate-and-fire neuron with spike-frequency
 * adaptation and noise, or a recurrent pair of them (src/lib/dynamics/lif.ts), driven by a repeating
 * stimulus: the input current is on from `stimulusStart` to `stimulusEnd` of every `cycle` ms, into
 * neuron 0 only. In the pair, each spike adds `coupling` nA to the other neuron's synaptic current
 * (τ_s = 50 ms), and every cycle starts from rest: at its first instant both membranes are reset and
 * their synaptic currents cleared, as a strong burst of inhibition would (a current pulse cannot do it:
 * a pair firing at 200 Hz carries ~15 nA of synaptic current, which decays only with τ_s). `bias` is an intrinsic current present with or without input.
 * One step = dt = 0.1 ms of simulated time; `loss` is neuron 0's firing rate (Hz) over the last 200 ms.
 */
import { LIF_DEFAULTS, LifNetwork, lifRate, type LifParams } from '../../../lib/dynamics/lif';
import { createRng } from '../../../lib/random';
import { typedMemory, unrollRing, type LiveRun, type TrainResult } from './types';
import { NEURON_DEFAULTS } from './defaults';

export { NEURON_DEFAULTS };

export interface NeuronConfig {
  seed: number;
  circuit: 'single' | 'pair';
  /** Stimulus current (nA) into neuron 0 while the stimulus is on. */
  inputCurrent: number;
  /** Membrane time constant τ_m (ms). */
  timeConstant: number;
  /** Spike-triggered adaptation increment b (nA). */
  adaptation: number;
  /** Membrane noise σ (mV). */
  noise: number;
  /** Intrinsic current (nA), always on: tonic firing above 2 nA. */
  bias: number;
  /** Pair only: synaptic current (nA) each spike adds to the other neuron. */
  coupling: number;
  /** Stimulus cycle length and stimulus window within it (ms). */
  cycle: number;
  stimulusStart: number;
  stimulusEnd: number;
  /** Length of the traces returned by evaluate (ms). */
  window: number;
}


export const NEURON_LIVE_KEYS = ['inputCurrent', 'timeConstant', 'adaptation', 'noise', 'bias', 'coupling'] as const satisfies readonly (keyof NeuronConfig)[];

/** Rates (Hz) of neuron 0 in the last completed cycle. */
export interface CycleRates {
  /** 1 / first interspike interval after the stimulus starts (0 if fewer than two spikes). */
  onset: number;
  /** Over the last 200 ms of the stimulus. */
  steady: number;
  /** From 100 ms after the stimulus ends to the end of the cycle. */
  after: number;
}

export interface NeuronMetrics {
  step: number;
  /** Simulated time (ms). */
  time: number;
  /** Time of the first trace sample (ms) and the spacing of samples (ms). */
  windowStart: number;
  sampleInterval: number;
  /** Membrane potential (mV) of each neuron, oldest first. */
  voltage: Float32Array[];
  /** External current into neuron 0 (nA) and its adaptation current (nA), same samples. */
  input: Float32Array;
  adaptationCurrent: Float32Array;
  /** Spike times (ms) of each neuron within the window. */
  spikes: number[][];
  /** Firing rate (Hz) of each neuron over the last 200 ms. */
  rates: number[];
  /** What a static neuron y = f(input) would say now: the LIF's rate without adaptation, input + bias. */
  staticRate: number;
  lastCycle: CycleRates | null;
}

const DT = 0.1;
const SAMPLE_EVERY = 5;
const RATE_WINDOW = 200;

function lifParams(config: NeuronConfig): LifParams {
  return { ...LIF_DEFAULTS, timeConstant: config.timeConstant, adaptation: config.adaptation, noise: config.noise, bias: config.bias, synapseTau: 50, dt: DT };
}

export class NeuronRun implements LiveRun<NeuronConfig, NeuronMetrics> {
  step = 0;
  private config: NeuronConfig;
  private readonly network: LifNetwork;
  private readonly voltageRings: Float32Array[];
  private readonly inputRing: Float32Array;
  private readonly adaptationRing: Float32Array;
  private head = 0;
  private filled = 0;
  private readonly spikes: number[][];
  private cycleSpikes: number[] = [];
  private lastCycle: CycleRates | null = null;
  private readonly currents: Float64Array;

  constructor(config: NeuronConfig) {
    this.config = { ...config };
    const size = config.circuit === 'pair' ? 2 : 1;
    const coupling = size === 2 ? new Float64Array([0, config.coupling, config.coupling, 0]) : undefined;
    this.network = new LifNetwork(size, lifParams(config), createRng(config.seed).fork('noise'), coupling);
    const samples = Math.max(1, Math.round(config.window / (DT * SAMPLE_EVERY)));
    this.voltageRings = Array.from({ length: size }, () => new Float32Array(samples));
    this.inputRing = new Float32Array(samples);
    this.adaptationRing = new Float32Array(samples);
    this.spikes = Array.from({ length: size }, () => []);
    this.currents = new Float64Array(size);
  }

  /** External current into each neuron at time t (ms). */
  private stimulus(time: number): void {
    const { cycle, stimulusStart, stimulusEnd, inputCurrent } = this.config;
    const phase = time % cycle;
    this.currents.fill(0);
    if (phase >= stimulusStart && phase < stimulusEnd) this.currents[0] = inputCurrent;
  }

  private closeCycle(): void {
    const { stimulusStart, stimulusEnd, cycle } = this.config;
    const start = (Math.round(this.step / Math.round(cycle / DT)) - 1) * cycle;
    const inStimulus = this.cycleSpikes.filter((t) => t >= start + stimulusStart && t < start + stimulusEnd);
    const steadyFrom = start + stimulusEnd - RATE_WINDOW;
    const afterFrom = start + stimulusEnd + 100;
    const afterLength = cycle - stimulusEnd - 100;
    this.lastCycle = {
      onset: inStimulus.length >= 2 ? 1000 / (inStimulus[1] - inStimulus[0]) : 0,
      steady: (1000 * inStimulus.filter((t) => t >= steadyFrom).length) / RATE_WINDOW,
      after: afterLength > 0 ? (1000 * this.cycleSpikes.filter((t) => t >= afterFrom).length) / afterLength : 0,
    };
    this.cycleSpikes = [];
  }

  train(steps: number): TrainResult {
    const net = this.network;
    const cycleSteps = Math.round(this.config.cycle / DT);
    for (let s = 0; s < steps; s++) {
      this.stimulus(net.time);
      if (net.step(this.currents) > 0) {
        for (let i = 0; i < net.size; i++) if (net.spiked[i]) this.spikes[i].push(net.spikeTime[i]);
        if (net.spiked[0]) this.cycleSpikes.push(net.spikeTime[0]);
      }
      this.step++;
      if (this.step % SAMPLE_EVERY === 0) {
        for (let i = 0; i < net.size; i++) this.voltageRings[i][this.head] = net.voltage[i];
        this.inputRing[this.head] = this.currents[0];
        this.adaptationRing[this.head] = net.adaptationCurrent[0];
        this.head = (this.head + 1) % this.inputRing.length;
        this.filled++;
      }
      if (this.step % cycleSteps === 0) {
        this.closeCycle();
        if (net.size === 2) {
          net.voltage.fill(net.params.restPotential);
          net.synapticCurrent.fill(0);
        }
      }
    }
    const horizon = net.time - this.config.window;
    for (const list of this.spikes) {
      let drop = 0;
      while (drop < list.length && list[drop] < horizon) drop++;
      if (drop > 0) list.splice(0, drop);
    }
    const loss = this.rate(0);
    return { step: this.step, loss, diverged: !Number.isFinite(net.voltage[0]) };
  }

  private rate(neuron: number): number {
    const from = this.network.time - RATE_WINDOW;
    return (1000 * this.spikes[neuron].filter((t) => t >= from).length) / RATE_WINDOW;
  }

  evaluate(): NeuronMetrics {
    const sampleInterval = DT * SAMPLE_EVERY;
    const voltage = this.voltageRings.map((r) => unrollRing(r, this.head, this.filled));
    const phase = this.network.time % this.config.cycle;
    const stimulusOn = phase >= this.config.stimulusStart && phase < this.config.stimulusEnd;
    return {
      step: this.step,
      time: this.network.time,
      windowStart: this.network.time - voltage[0].length * sampleInterval,
      sampleInterval,
      voltage,
      input: unrollRing(this.inputRing, this.head, this.filled),
      adaptationCurrent: unrollRing(this.adaptationRing, this.head, this.filled),
      spikes: this.spikes.map((s) => s.slice()),
      rates: this.spikes.map((_, i) => this.rate(i)),
      staticRate: lifRate({ ...this.network.params, adaptation: 0 }, stimulusOn ? this.config.inputCurrent : 0),
      lastCycle: this.lastCycle ? { ...this.lastCycle } : null,
    };
  }

  update(partial: Partial<NeuronConfig>): void {
    for (const key of NEURON_LIVE_KEYS) if (partial[key] !== undefined) this.config = { ...this.config, [key]: partial[key] };
    this.network.setParams(lifParams(this.config));
    if (this.network.size === 2) {
      this.network.coupling[1] = this.config.coupling;
      this.network.coupling[2] = this.config.coupling;
    }
  }

  memory(): { arrays: number; bytes: number } {
    const n = this.network;
    return typedMemory([...this.voltageRings, this.inputRing, this.adaptationRing, n.voltage, n.adaptationCurrent, n.synapticCurrent, n.refractoryLeft, n.coupling]);
  }

  dispose(): void {
    this.spikes.forEach((s) => (s.length = 0));
    this.cycleSpikes = [];
  }
}

export function neuronRun(config: NeuronConfig): NeuronRun {
  return new NeuronRun(config);
}

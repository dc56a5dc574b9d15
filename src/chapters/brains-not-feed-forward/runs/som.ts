/**
 * Live run "self-organising map": Kohonen's map (src/lib/dynamics/som.ts) learning MNIST digits,
 * one step = one update with one training digit (pixels scaled to [0, 1]; digits visited in a fresh
 * random order each pass). No labels are used to train; they only colour the map afterwards.
 * `loss` is the running quantisation error ‖x − w_c‖ of the training digits just seen (their best
 * match before the update, averaged with weight 1/200), and the metrics carry the same running
 * topographic error. `evaluate` scores held-out test digits and returns the prototypes.
 * The reproduce experiment trains the same map with the same seed and data (scoring 1,000 test digits
 * instead of 300: evaluate is the costly call, 100 units × 784 pixels per digit).
 */
import { SelfOrganisingMap, type SomConfig } from '../../../lib/dynamics/som';
import { loadDataset, type ByteSource } from '../../../lib/data';
import { createRng, type Rng } from '../../../lib/random';
import { typedMemory, type LiveRun, type TrainResult } from './types';
import { SOM_RUN_DEFAULTS } from './defaults';

export { SOM_RUN_DEFAULTS };

export interface SomRunConfig extends SomConfig {
  seed: number;
  /** Training digits (the first n of the shipped training subset) and held-out test digits scored by evaluate. */
  trainSize: number;
  evalSize: number;
}


/** Nothing changes mid-run: the schedules are the experiment. */
export const SOM_LIVE_KEYS = [] as const satisfies readonly (keyof SomRunConfig)[];

export interface SomMetrics {
  step: number;
  rows: number;
  cols: number;
  /** Current learning rate and neighbourhood width. */
  rate: number;
  sigma: number;
  /** units × 784 prototypes as grey levels 0..255, unit j at row ⌊j/cols⌋, column j mod cols. */
  prototypes: Uint8Array;
  /** On the held-out digits. */
  quantisationError: number;
  topographicError: number;
  /** Running errors on the training stream. */
  runningQuantisation: number;
  runningTopographic: number;
  /** Mean prototype distance: random pairs / grid neighbours. */
  neighbourRatio: number;
  /** Each unit's most frequent label among the held-out digits it wins (−1: wins none). */
  unitLabels: Int8Array;
  /** (step, held-out quantisation error, topographic error) at each evaluate so far. */
  history: Array<{ step: number; quantisation: number; topographic: number }>;
}

/** The first n images of a split as floats in [0, 1], n × 784. */
export async function mnistInputs(source: ByteSource, split: 'train' | 'test', n: number): Promise<{ inputs: Float32Array; labels: Uint8Array }> {
  const data = await loadDataset('mnist', split, source);
  const count = Math.min(n, data.n);
  const size = data.rows * data.cols;
  const inputs = new Float32Array(count * size);
  for (let i = 0; i < inputs.length; i++) inputs[i] = data.images[i] / 255;
  return { inputs, labels: data.labels.slice(0, count) };
}

/** Training digits in a fresh random order each pass. */
export class DigitOrder {
  private order: Int32Array;
  private position = 0;
  constructor(
    private readonly n: number,
    private readonly rng: Rng,
  ) {
    this.order = rng.permutation(n);
  }
  next(): number {
    if (this.position === this.n) {
      this.order = this.rng.permutation(this.n);
      this.position = 0;
    }
    return this.order[this.position++];
  }
}

export class SomRun implements LiveRun<SomRunConfig, SomMetrics> {
  step = 0;
  readonly map: SelfOrganisingMap;
  private readonly train_: { inputs: Float32Array; labels: Uint8Array };
  private readonly held: { inputs: Float32Array; labels: Uint8Array };
  private readonly order: DigitOrder;
  private runningQ = Number.NaN;
  private runningT = Number.NaN;
  private history: SomMetrics['history'] = [];

  private constructor(config: SomRunConfig, train: { inputs: Float32Array; labels: Uint8Array }, held: { inputs: Float32Array; labels: Uint8Array }) {
    const rng = createRng(config.seed);
    this.train_ = train;
    this.held = held;
    this.map = new SelfOrganisingMap(config, train.inputs, 784, rng.fork('init'));
    this.order = new DigitOrder(train.labels.length, rng.fork('order'));
  }

  static async create(config: SomRunConfig, source: ByteSource): Promise<SomRun> {
    const [train, held] = await Promise.all([mnistInputs(source, 'train', config.trainSize), mnistInputs(source, 'test', config.evalSize)]);
    return new SomRun(config, train, held);
  }

  train(steps: number): TrainResult {
    let peak = 0;
    for (let s = 0; s < steps; s++) {
      const m = this.map.update(this.train_.inputs, this.order.next());
      const q = Math.sqrt(m.distance2);
      const broken = this.map.adjacent(m.best, m.second) ? 0 : 1;
      const w = 1 / 200;
      this.runningQ = Number.isNaN(this.runningQ) ? q : (1 - w) * this.runningQ + w * q;
      this.runningT = Number.isNaN(this.runningT) ? broken : (1 - w) * this.runningT + w * broken;
      peak = Math.max(peak, q);
      this.step++;
    }
    return { step: this.step, loss: this.runningQ, diverged: !Number.isFinite(this.runningQ), peakLoss: peak };
  }

  evaluate(): SomMetrics {
    const map = this.map;
    const n = this.held.labels.length;
    const votes = new Int32Array(map.units * 10);
    let q = 0;
    let broken = 0;
    for (let i = 0; i < n; i++) {
      const m = map.bestMatches(this.held.inputs, i);
      q += Math.sqrt(m.distance2);
      if (!map.adjacent(m.best, m.second)) broken++;
      votes[m.best * 10 + this.held.labels[i]]++;
    }
    const unitLabels = new Int8Array(map.units).fill(-1);
    for (let j = 0; j < map.units; j++) {
      let best = 0;
      for (let c = 1; c < 10; c++) if (votes[j * 10 + c] > votes[j * 10 + best]) best = c;
      if (votes[j * 10 + best] > 0) unitLabels[j] = best;
    }
    const quantisation = q / n;
    const topographic = broken / n;
    if (this.history.length === 0 || this.history[this.history.length - 1].step !== this.step) this.history.push({ step: this.step, quantisation, topographic });
    const prototypes = new Uint8Array(map.prototypes.length);
    for (let i = 0; i < prototypes.length; i++) prototypes[i] = Math.round(255 * Math.min(1, Math.max(0, map.prototypes[i])));
    const { rate, sigma } = map.schedule();
    return {
      step: this.step,
      rows: map.config.rows,
      cols: map.config.cols,
      rate,
      sigma,
      prototypes,
      quantisationError: quantisation,
      topographicError: topographic,
      runningQuantisation: this.runningQ,
      runningTopographic: this.runningT,
      neighbourRatio: map.neighbourDistances().ratio,
      unitLabels,
      history: this.history.map((h) => ({ ...h })),
    };
  }

  update(): void {
    // No live keys (SOM_LIVE_KEYS is empty).
  }

  memory(): { arrays: number; bytes: number } {
    return typedMemory([this.map.prototypes, this.train_.inputs, this.train_.labels, this.held.inputs, this.held.labels]);
  }

  dispose(): void {
    this.history = [];
  }
}

export function somRun(config: SomRunConfig, source: ByteSource): Promise<SomRun> {
  return SomRun.create(config, source);
}

/**
 * Kohonen's self-organising map (Kohonen 1982, Biol. Cybern. 43:59–69): a rows × cols sheet of units,
 * each with a prototype w_j in input space. For each input x, one at a time:
 *   c = argmin_j ‖x − w_j‖  (competition: the best-matching unit),
 *   w_j ← w_j + η(t) h_cj(t) (x − w_j),  h_cj = exp(−‖r_c − r_j‖² / 2σ(t)²)  (cooperation, local learning),
 * r_j the unit's grid position. No loss function, no gradient: each unit moves towards the inputs it
 * or its grid neighbours win. η and σ decay exponentially from start to end values over `steps`
 * updates, then stay at the end values. Prototypes start as distinct random training inputs.
 * Measures: quantisation error (mean ‖x − w_c‖), topographic error (fraction of inputs whose best and
 * second-best units are not adjacent, 8-neighbourhood; Kiviluoto 1996), and the ratio of the mean
 * distance between prototypes of random unit pairs to that of grid neighbours (4-neighbourhood).
 * Shapes: inputs n × dim row-major Float32Array; prototypes units × dim Float64Array (units = rows·cols,
 * unit j at row ⌊j/cols⌋, column j mod cols). Plain arrays, nothing to dispose.
 */
import type { Rng } from '../random';

export interface SomConfig {
  rows: number;
  cols: number;
  /** Updates over which η and σ decay. */
  steps: number;
  /** Neighbourhood width σ at the start and end (grid units). */
  sigmaStart: number;
  sigmaEnd: number;
  /** Learning rate η at the start and end. */
  rateStart: number;
  rateEnd: number;
}

export const SOM_DEFAULTS: SomConfig = { rows: 10, cols: 10, steps: 20000, sigmaStart: 5, sigmaEnd: 0.5, rateStart: 0.5, rateEnd: 0.01 };

export class SelfOrganisingMap {
  readonly config: SomConfig;
  readonly dim: number;
  readonly units: number;
  readonly prototypes: Float64Array;
  /** Updates done. */
  step = 0;

  /** Prototypes start as `units` distinct inputs drawn with `rng` from `inputs` (n × dim). */
  constructor(config: SomConfig, inputs: Float32Array, dim: number, rng: Rng) {
    this.config = { ...config };
    this.dim = dim;
    this.units = config.rows * config.cols;
    const n = inputs.length / dim;
    if (n < this.units) throw new Error(`SelfOrganisingMap: need at least ${this.units} inputs to initialise, got ${n}`);
    const pick = rng.permutation(n);
    this.prototypes = new Float64Array(this.units * dim);
    for (let j = 0; j < this.units; j++) for (let i = 0; i < dim; i++) this.prototypes[j * dim + i] = inputs[pick[j] * dim + i];
  }

  /** η and σ after `t` updates. */
  schedule(t: number = this.step): { rate: number; sigma: number } {
    const { steps, sigmaStart, sigmaEnd, rateStart, rateEnd } = this.config;
    const f = Math.min(1, t / steps);
    return { rate: rateStart * (rateEnd / rateStart) ** f, sigma: sigmaStart * (sigmaEnd / sigmaStart) ** f };
  }

  /** Squared distance from input `index` of `inputs` to prototype j. */
  distance2(inputs: Float32Array, index: number, j: number): number {
    const d = this.dim;
    const off = index * d;
    const w = j * d;
    let sum = 0;
    for (let i = 0; i < d; i++) {
      const diff = inputs[off + i] - this.prototypes[w + i];
      sum += diff * diff;
    }
    return sum;
  }

  /** Best and second-best matching units of input `index`, and the best one's squared distance. */
  bestMatches(inputs: Float32Array, index: number): { best: number; second: number; distance2: number } {
    let best = 0, second = -1, d1 = Infinity, d2 = Infinity; // prettier-ignore
    for (let j = 0; j < this.units; j++) {
      const dist = this.distance2(inputs, index, j);
      if (dist < d1) {
        second = best;
        d2 = d1;
        best = j;
        d1 = dist;
      } else if (dist < d2) {
        second = j;
        d2 = dist;
      }
    }
    return { best, second, distance2: d1 };
  }

  /** One Kohonen update with input `index` of `inputs`; returns its best matches before the update. */
  update(inputs: Float32Array, index: number): { best: number; second: number; distance2: number } {
    const matches = this.bestMatches(inputs, index);
    const { best } = matches;
    const { rate, sigma } = this.schedule();
    const cols = this.config.cols;
    const br = Math.floor(best / cols);
    const bc = best % cols;
    const reach = Math.ceil(3 * sigma); // h < e^(−4.5) ≈ 0.011 beyond 3σ: skipped
    const d = this.dim;
    const off = index * d;
    for (let r = Math.max(0, br - reach); r <= Math.min(this.config.rows - 1, br + reach); r++) {
      for (let c = Math.max(0, bc - reach); c <= Math.min(cols - 1, bc + reach); c++) {
        const grid2 = (r - br) ** 2 + (c - bc) ** 2;
        const h = Math.exp(-grid2 / (2 * sigma * sigma));
        if (h < 1e-3) continue;
        const w = (r * cols + c) * d;
        const k = rate * h;
        for (let i = 0; i < d; i++) this.prototypes[w + i] += k * (inputs[off + i] - this.prototypes[w + i]);
      }
    }
    this.step++;
    return matches;
  }

  /** Whether units a and b touch on the grid (8-neighbourhood). */
  adjacent(a: number, b: number): boolean {
    const cols = this.config.cols;
    return Math.abs(Math.floor(a / cols) - Math.floor(b / cols)) <= 1 && Math.abs((a % cols) - (b % cols)) <= 1;
  }

  /** Quantisation and topographic error over inputs `indices` of `inputs`. */
  errors(inputs: Float32Array, indices: ArrayLike<number>): { quantisation: number; topographic: number } {
    let q = 0;
    let broken = 0;
    for (let s = 0; s < indices.length; s++) {
      const m = this.bestMatches(inputs, indices[s]);
      q += Math.sqrt(m.distance2);
      if (!this.adjacent(m.best, m.second)) broken++;
    }
    return { quantisation: q / indices.length, topographic: broken / indices.length };
  }

  private prototypeDistance(a: number, b: number): number {
    let sum = 0;
    for (let i = 0; i < this.dim; i++) sum += (this.prototypes[a * this.dim + i] - this.prototypes[b * this.dim + i]) ** 2;
    return Math.sqrt(sum);
  }

  /** Mean prototype distance over grid neighbours (4-neighbourhood) and over all pairs of units, and their ratio. */
  neighbourDistances(): { neighbours: number; allPairs: number; ratio: number } {
    const { rows, cols } = this.config;
    let near = 0, nearCount = 0, all = 0, allCount = 0; // prettier-ignore
    for (let a = 0; a < this.units; a++) {
      for (let b = a + 1; b < this.units; b++) {
        const dist = this.prototypeDistance(a, b);
        all += dist;
        allCount++;
        const dr = Math.abs(Math.floor(a / cols) - Math.floor(b / cols));
        const dc = Math.abs((a % cols) - (b % cols));
        if (dr + dc === 1 && rows > 0) {
          near += dist;
          nearCount++;
        }
      }
    }
    const neighbours = near / nearCount;
    const allPairs = all / allCount;
    return { neighbours, allPairs, ratio: allPairs / neighbours };
  }
}

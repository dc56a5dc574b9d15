/**
 * A binarized layer on a 2T2R resistive-memory crossbar (Hirtzlin et al. 2020): each weight is a pair
 * of devices on the bit lines BL and BLbar of its column,
 *   +1 ↔ (LRS on BL, HRS on BLbar),   −1 ↔ (HRS on BL, LRS on BLbar),
 * each device's resistance log-normal: ln R ~ N(μ_L, σ_L) in the low state, N(μ_H, σ_H) in the high one
 * (device-to-device variability, drawn once when the chip is programmed).
 *
 * Two ways to read it:
 * - pair by pair (the paper's scheme: one word line at a time, a sense amplifier compares the currents
 *   I_BL and I_BLbar of the pair → the weight's sign). A pair errs when its "high" device conducts more
 *   than its "low" one, so the bit error rate is BER = Φ(−(μ_H − μ_L)/√(σ_H² + σ_L²)) — our own
 *   closed form of this model, not a formula from the papers. Read near its threshold (currents closer
 *   than a margin) a pair is undecided: the ternary read gives it the value 0 (Laborieux et al. 2021).
 * - a whole column at once (in-memory computing): input voltages on the word lines, each device passes
 *   I = V·G (Ohm), the bit line sums them (Kirchhoff): I_BL − I_BLbar = Σᵢ Vᵢ (G_BL,i − G_BLbar,i), which
 *   for ideal devices is (G_L − G_H)·(x·w).
 * Stuck devices (stuck at LRS or HRS whatever was written) model failed cells. Pure typed arrays.
 */
import type { Rng } from '../random';
import { normalCdf, normalQuantile } from '../stats/normality';

export interface DeviceModel {
  /** ln R (R in ohms) of the low-resistance state: mean and spread. */
  lowMean: number;
  lowSigma: number;
  /** ln R of the high-resistance state: mean and spread. */
  highMean: number;
  highSigma: number;
}

/** Illustrative HfO₂-like devices: LRS ≈ 5 kΩ, HRS ≈ 50 kΩ (a 10× resistance ratio), no spread. */
export const NOMINAL_DEVICES: DeviceModel = { lowMean: Math.log(5e3), lowSigma: 0, highMean: Math.log(5e4), highSigma: 0 };

/** Our model's bit error rate of one pair: Φ(−(μ_H − μ_L)/√(σ_H² + σ_L²)) (0 without spread). */
export function bitErrorRate(model: DeviceModel): number {
  const spread = Math.hypot(model.highSigma, model.lowSigma);
  const gap = model.highMean - model.lowMean;
  if (spread === 0) return gap > 0 ? 0 : 0.5;
  return normalCdf(-gap / spread);
}

/** The common spread σ = σ_L = σ_H that gives `ber` (0 < ber ≤ 0.5) for the model's HRS/LRS ratio. */
export function sigmaForBitErrorRate(ber: number, model: DeviceModel = NOMINAL_DEVICES): number {
  if (!(ber > 0)) return 0;
  const gap = model.highMean - model.lowMean;
  if (ber >= 0.5) return Infinity;
  return gap / (-normalQuantile(ber) * Math.SQRT2);
}

/** The device model with both states' spread set to σ. */
export function withSpread(sigma: number, model: DeviceModel = NOMINAL_DEVICES): DeviceModel {
  return { ...model, lowSigma: sigma, highSigma: sigma };
}

export interface Crossbar {
  rows: number;
  cols: number;
  /** ln R of the BL device and of the BLbar device of pair (i, j), at i·cols + j. */
  logBL: Float32Array;
  logBLbar: Float32Array;
  /** 0: working; 1: stuck at LRS; 2: stuck at HRS (per device, same layout). */
  stuckBL: Uint8Array;
  stuckBLbar: Uint8Array;
}

export type Side = 'bl' | 'blbar';
export type StuckState = 'lrs' | 'hrs';

/** Programs ±1 weights [rows × cols] onto device pairs, each device's ln R drawn from the model. */
export function programCrossbar(signs: ArrayLike<number>, rows: number, cols: number, model: DeviceModel, rng: Rng): Crossbar {
  const n = rows * cols;
  if (signs.length !== n) throw new Error(`programCrossbar: ${signs.length} weights for a ${rows} × ${cols} array`);
  const logBL = new Float32Array(n);
  const logBLbar = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const low = model.lowMean + (model.lowSigma > 0 ? rng.normal(0, model.lowSigma) : 0);
    const high = model.highMean + (model.highSigma > 0 ? rng.normal(0, model.highSigma) : 0);
    if (signs[k] > 0) {
      logBL[k] = low;
      logBLbar[k] = high;
    } else {
      logBL[k] = high;
      logBLbar[k] = low;
    }
  }
  return { rows, cols, logBL, logBLbar, stuckBL: new Uint8Array(n), stuckBLbar: new Uint8Array(n) };
}

/** Sticks one device at a state (a broken cell); 'working' repairs it to its drawn value. */
export function setStuck(bar: Crossbar, index: number, side: Side, state: StuckState | 'working'): void {
  const code = state === 'lrs' ? 1 : state === 'hrs' ? 2 : 0;
  (side === 'bl' ? bar.stuckBL : bar.stuckBLbar)[index] = code;
}

/** Sticks each device independently with probability `fraction`, half at LRS and half at HRS. Returns how many. */
export function stickRandomDevices(bar: Crossbar, fraction: number, rng: Rng): number {
  let count = 0;
  for (const stuck of [bar.stuckBL, bar.stuckBLbar]) {
    for (let k = 0; k < stuck.length; k++) {
      // Two draws per device whatever the fraction: a larger fraction sticks a superset of devices.
      const u = rng.next();
      const state = rng.next() < 0.5 ? 1 : 2;
      if (u < fraction) {
        stuck[k] = state;
        count += 1;
      }
    }
  }
  return count;
}

/** ln R of one device as it reads now (its stuck state's nominal value if stuck). */
export function deviceLogR(bar: Crossbar, index: number, side: Side, model: DeviceModel): number {
  const stuck = side === 'bl' ? bar.stuckBL[index] : bar.stuckBLbar[index];
  // Stored as float32 like the drawn values, so two devices stuck alike tie exactly.
  if (stuck === 1) return Math.fround(model.lowMean);
  if (stuck === 2) return Math.fround(model.highMean);
  return side === 'bl' ? bar.logBL[index] : bar.logBLbar[index];
}

/**
 * Pair-by-pair read: +1 when the BL device conducts more (lower R), −1 when BLbar does; with a
 * margin > 0, pairs whose |ln R_BL − ln R_BLbar| < margin read 0 (ternary). Returns [rows × cols].
 */
export function readWeights(bar: Crossbar, model: DeviceModel, margin = 0): Float32Array {
  const n = bar.rows * bar.cols;
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const d = deviceLogR(bar, k, 'blbar', model) - deviceLogR(bar, k, 'bl', model);
    out[k] = margin > 0 && Math.abs(d) < margin ? 0 : d > 0 ? 1 : -1;
  }
  return out;
}

/**
 * Whole-column read: word-line voltages v [rows] (volts), currents I_BL, I_BLbar [cols] (amperes)
 * summed on each bit line (Kirchhoff) from each device's I = V/R (Ohm).
 */
export function columnCurrents(bar: Crossbar, voltages: ArrayLike<number>, model: DeviceModel): { bl: Float64Array; blbar: Float64Array } {
  const bl = new Float64Array(bar.cols);
  const blbar = new Float64Array(bar.cols);
  for (let i = 0; i < bar.rows; i++) {
    const v = voltages[i];
    if (v === 0) continue;
    for (let j = 0; j < bar.cols; j++) {
      const k = i * bar.cols + j;
      bl[j] += v * Math.exp(-deviceLogR(bar, k, 'bl', model));
      blbar[j] += v * Math.exp(-deviceLogR(bar, k, 'blbar', model));
    }
  }
  return { bl, blbar };
}

/** Flips each weight's sign independently with probability `ber` (in place; 0 stays 0). Returns the indices flipped. */
export function injectBitErrors(weights: Float32Array, ber: number, rng: Rng): Int32Array {
  const flipped = flipIndices(weights.length, ber, rng);
  for (const k of flipped) weights[k] = -weights[k];
  return flipped;
}

/** Indices 0..n−1, each drawn with probability p, by geometric skips (a small p costs little). */
export function flipIndices(n: number, p: number, rng: Rng): Int32Array {
  if (p <= 0) return new Int32Array(0);
  if (p >= 1) return Int32Array.from({ length: n }, (_, k) => k);
  const out: number[] = [];
  const logKeep = Math.log1p(-p);
  for (let k = -1; ; ) {
    k += 1 + Math.floor(Math.log(1 - rng.next()) / logKeep);
    if (k >= n) break;
    out.push(k);
  }
  return Int32Array.from(out);
}

/**
 * Flips, layer by layer, the sign of the `fraction` of weights with the smallest (or largest) hidden
 * magnitude |W_h| (in place on `weights`).
 */
export function flipByMagnitude(weights: Float32Array, hidden: Float32Array, fraction: number, which: 'smallest' | 'largest'): number {
  const count = Math.round(fraction * hidden.length);
  const order = Int32Array.from(hidden, (_, k) => k).sort((a, b) => Math.abs(hidden[a]) - Math.abs(hidden[b]));
  const from = which === 'smallest' ? 0 : hidden.length - count;
  for (let r = from; r < from + count; r++) weights[order[r]] = -weights[order[r]];
  return count;
}

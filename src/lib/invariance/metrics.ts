/**
 * How a classifier's answer moves when its input image moves. Each metric takes the model as a
 * function from images x [n × side²] to logits [n × classes] (any engine, any model), and square
 * single-channel images (shifts: ../data/shift.ts; horizontal unless said otherwise, zero fill).
 *
 *   accuracy under shift   share of images whose argmax is their label after a shift of s px
 *   P(top-1 change)        Azulay & Weiss (2019): share of pairs of images one pixel apart (the
 *                          image at s and at s + 1, s = −range … range − 1) whose argmax differs
 *   mean |Δp|              their mean absolute change of the probability of the class on top at s
 *   consistency            Zhang (2019): share of images whose argmax is the same under two
 *                          independent random shifts, each (dx, dy) uniform in [−k, k]²
 * Argmax ties go to the first class (as tf.argMax).
 */
import type { Rng } from '../random';
import { randomShifts, shiftEach, shiftImages, type ShiftFill } from '../data/shift';

/** The model: logits [n × classes] of images x [n × side²]. */
export type LogitsFn = (x: Float32Array, n: number) => Float32Array;

export function argmaxRows(logits: Float32Array, n: number, classes: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[i * classes + c] > logits[i * classes + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** Row-wise softmax of logits [n × classes] (a new array). */
export function softmaxRows(logits: Float32Array, n: number, classes: number): Float32Array {
  const p = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[row + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += p[row + c] = Math.exp(logits[row + c] - max);
    for (let c = 0; c < classes; c++) p[row + c] /= sum;
  }
  return p;
}

/** Accuracy of `logits` on x shifted by each of `shifts` (px along `axis`), one number per shift. */
export function accuracyUnderShifts(logits: LogitsFn, x: Float32Array, labels: ArrayLike<number>, n: number, side: number, classes: number, shifts: readonly number[], fill: ShiftFill = 'zero', axis: 'x' | 'y' = 'x'): number[] {
  const moved = new Float32Array(n * side * side);
  return shifts.map((s) => {
    shiftImages(x, n, side, axis === 'x' ? s : 0, axis === 'y' ? s : 0, fill, moved);
    const top = argmaxRows(logits(moved, n), n, classes);
    let correct = 0;
    for (let i = 0; i < n; i++) if (top[i] === labels[i]) correct++;
    return correct / n;
  });
}

/**
 * Azulay & Weiss's two numbers for one-pixel horizontal shifts: over the image shifted by s and by
 * s + 1, for s = −range … range − 1, the share of pairs whose argmax differs, and the mean
 * |p_c(s + 1) − p_c(s)| for c the argmax at s.
 */
export function onePixelChange(logits: LogitsFn, x: Float32Array, n: number, side: number, classes: number, range = 1, fill: ShiftFill = 'zero'): { changeRate: number; meanAbsDelta: number } {
  const moved = new Float32Array(n * side * side);
  const probs: Float32Array[] = [];
  for (let s = -range; s <= range; s++) probs.push(softmaxRows(logits(shiftImages(x, n, side, s, 0, fill, moved), n), n, classes));
  let changes = 0;
  let delta = 0;
  for (let k = 0; k + 1 < probs.length; k++) {
    const a = argmaxRows(probs[k], n, classes);
    const b = argmaxRows(probs[k + 1], n, classes);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) changes++;
      delta += Math.abs(probs[k + 1][i * classes + a[i]] - probs[k][i * classes + a[i]]);
    }
  }
  const pairs = n * (probs.length - 1);
  return { changeRate: changes / pairs, meanAbsDelta: delta / pairs };
}

/** Zhang's consistency: two independent random shifts per image (uniform in [−maxShift, maxShift]², from `rng`), share with the same argmax. */
export function shiftConsistency(logits: LogitsFn, x: Float32Array, n: number, side: number, classes: number, maxShift: number, rng: Rng, fill: ShiftFill = 'zero'): number {
  const first = randomShifts(n, maxShift, rng);
  const second = randomShifts(n, maxShift, rng);
  const a = argmaxRows(logits(shiftEach(x, n, side, first, fill), n), n, classes);
  const b = argmaxRows(logits(shiftEach(x, n, side, second, fill), n), n, classes);
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

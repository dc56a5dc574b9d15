/**
 * The chapter's numbers for one net: accuracy under horizontal shifts (each the mean over a shift
 * of s px to the right and to the left), Azulay & Weiss's P(top-1 change) and mean |Δp| for one-pixel
 * shifts (pairs at −1/0 and 0/+1 px), and Zhang's consistency under two random shifts of up to ±3 px
 * in x and y; and the Picasso scores (quadrant swap: how often the swapped digit keeps its label).
 */
import { createRng } from '../../lib/random';
import { permuteQuadrants } from '../../lib/data/scramble';
import type { ShiftFill } from '../../lib/data/shift';
import { accuracyUnderShifts, argmaxRows, onePixelChange, shiftConsistency, softmaxRows, type LogitsFn } from '../../lib/invariance/metrics';
import { SIDE, type LabeledImages } from './data';

export const TABLE_SHIFTS = [0, 1, 2, 3, 4, 6] as const;
export const CONSISTENCY_SHIFT = 3;

export interface ShiftScores {
  shifts: number[];
  /** Accuracy at each shift (mean of right and left). */
  accuracy: number[];
  changeRate: number;
  meanAbsDelta: number;
  consistency: number;
}

export function shiftScores(logits: LogitsFn, test: LabeledImages, classes: number, seed: number, fill: ShiftFill = 'zero', shifts: readonly number[] = TABLE_SHIFTS): ShiftScores {
  const both = [...shifts, ...shifts.map((s) => -s)];
  const acc = accuracyUnderShifts(logits, test.x, test.labels, test.n, SIDE, classes, both, fill);
  const accuracy = shifts.map((_, k) => (acc[k] + acc[k + shifts.length]) / 2);
  const { changeRate, meanAbsDelta } = onePixelChange(logits, test.x, test.n, SIDE, classes, 1, fill);
  const consistency = shiftConsistency(logits, test.x, test.n, SIDE, classes, CONSISTENCY_SHIFT, createRng(seed).fork('consistency'), fill);
  return { shifts: [...shifts], accuracy, changeRate, meanAbsDelta, consistency };
}

export interface QuadrantScores {
  clean: number;
  /** Share of swapped digits still given their label, and given the net's own answer on the original. */
  keepsLabel: number;
  keepsAnswer: number;
}

export function quadrantScores(logits: LogitsFn, test: LabeledImages, classes: number): QuadrantScores {
  const before = argmaxRows(logits(test.x, test.n), test.n, classes);
  const after = argmaxRows(logits(permuteQuadrants(test.x, test.n, SIDE), test.n), test.n, classes);
  let clean = 0;
  let label = 0;
  let answer = 0;
  for (let i = 0; i < test.n; i++) {
    if (before[i] === test.labels[i]) clean++;
    if (after[i] === test.labels[i]) label++;
    if (after[i] === before[i]) answer++;
  }
  return { clean: clean / test.n, keepsLabel: label / test.n, keepsAnswer: answer / test.n };
}

export interface FaceScores {
  /** Accuracy on held-out faces and non-faces. */
  accuracy: number;
  /** Share of held-out faces, and of their scrambled twins, called "face" (label 1); mean P(face) on each. */
  faces: number;
  scrambled: number;
  faceProbability: number;
  scrambledProbability: number;
}

export function faceScores(logits: LogitsFn, test: LabeledImages, pairs: { faces: Float32Array; scrambled: Float32Array; n: number }): FaceScores {
  const top = argmaxRows(logits(test.x, test.n), test.n, 2);
  let correct = 0;
  for (let i = 0; i < test.n; i++) if (top[i] === test.labels[i]) correct++;
  const faceShare = (x: Float32Array) => {
    const p = softmaxRows(logits(x, pairs.n), pairs.n, 2);
    let called = 0;
    let sum = 0;
    for (let i = 0; i < pairs.n; i++) {
      if (p[2 * i + 1] > p[2 * i]) called++;
      sum += p[2 * i + 1];
    }
    return [called / pairs.n, sum / pairs.n];
  };
  const [faces, faceProbability] = faceShare(pairs.faces);
  const [scrambled, scrambledProbability] = faceShare(pairs.scrambled);
  return { accuracy: correct / test.n, faces, scrambled, faceProbability, scrambledProbability };
}

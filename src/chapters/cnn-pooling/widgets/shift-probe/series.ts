/**
 * The shift probe's numbers, page side, as pure functions of the run's metrics: a net's answer at a
 * shift (a lookup in the 13 shifts the run sent), its answers along the sweep, whether an answer
 * counts as right (the label; for a drawing, the net's own answer at 0 px), and each net's accuracy
 * curve over the seeds measured so far (mean, and the range when there are several).
 */
import type { SeedCurves, ShiftProbeMetrics } from '../../runs/shift-probe';

/** The shifts the run measures, in its order: −6 … +6. */
export const SHIFTS = Array.from({ length: 13 }, (_, k) => k - 6);

export const shiftIndex = (shift: number): number => Math.max(0, Math.min(SHIFTS.length - 1, Math.round(shift) + 6));

export function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

/** Net j's answer and its probability at `shift`. */
export function answerAt(m: ShiftProbeMetrics, net: number, shift: number): { answer: number; confidence: number; probabilities: number[] } {
  const probabilities = m.probabilities[net][shiftIndex(shift)];
  const answer = argmax(probabilities);
  return { answer, confidence: probabilities[answer], probabilities };
}

/** Net j's answers at every shift, −6 … +6. */
export const answersAlong = (m: ShiftProbeMetrics, net: number): number[] => m.probabilities[net].map(argmax);

/** What counts as a right answer for net j: the digit's label, or for a drawing the net's own answer at 0 px. */
export const expected = (m: ShiftProbeMetrics, net: number): number => m.digit.label ?? answerAt(m, net, 0).answer;

export interface Curve {
  mean: number[];
  lo: number[];
  hi: number[];
  /** Seeds behind it (those with at least one digit measured). */
  seeds: number;
  /** Fewest digits measured among them. */
  done: number;
}

/** Net j's accuracy against the shift over the seeds measured so far. */
export function curveOf(seeds: readonly SeedCurves[], net: number): Curve {
  const measured = seeds.filter((s) => s.done > 0);
  const mean: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  SHIFTS.forEach((_, k) => {
    const values = measured.map((s) => s.accuracy[net][k]).filter(Number.isFinite);
    mean.push(values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
    lo.push(values.length ? Math.min(...values) : NaN);
    hi.push(values.length ? Math.max(...values) : NaN);
  });
  return { mean, lo, hi, seeds: measured.length, done: measured.length ? Math.min(...measured.map((s) => s.done)) : 0 };
}

/** "+3 px", "−2 px", "0 px". */
export const formatShift = (shift: number): string => `${shift > 0 ? '+' : shift < 0 ? '−' : ''}${Math.abs(shift)} px`;

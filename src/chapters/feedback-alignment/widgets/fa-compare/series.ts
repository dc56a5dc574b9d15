/**
 * What the comparison figure plots, as pure functions of the run's evaluations: the evaluation
 * schedule, and per rule the mean over seeds with the lowest and highest seed as a band (for the
 * difference view, each seed's accuracy minus backprop's under the same seed: a paired difference).
 */
import type { FaCompareMetrics } from '../../runs/compare';
import type { FaRuleMetrics } from '../../runs/mnist';

/**
 * The steps at which every rule is scored on the 2,000 test digits and the angles measured: dense
 * early, where the angles fall fastest, then every 125 steps (half an epoch at batch 32). Fixed, so
 * every run with the same settings draws the same points.
 */
export function nextEvalStep(step: number): number {
  const every = step < 100 ? 25 : step < 500 ? 50 : 125;
  return step - (step % every) + every;
}

export interface Spread {
  mean: number;
  lo: number;
  hi: number;
}

/** Mean, lowest and highest of the finite values (NaN when there are none). */
export function spread(values: readonly number[]): Spread {
  const ok = values.filter(Number.isFinite);
  if (ok.length === 0) return { mean: NaN, lo: NaN, hi: NaN };
  return { mean: ok.reduce((a, b) => a + b, 0) / ok.length, lo: Math.min(...ok), hi: Math.max(...ok) };
}

export interface RuleCurve {
  xs: number[];
  mean: number[];
  lo: number[];
  hi: number[];
}

/** What to read from one rule under one seed at one evaluation. */
export type Pick = (m: FaRuleMetrics, seed: number, at: FaCompareMetrics) => number;

/**
 * One rule's curve over the history: at each evaluation, `pick` under every seed, as mean and range.
 * The rule is found by name in each evaluation, so an evaluation of a run without it adds no point.
 */
export function ruleCurve(history: readonly FaCompareMetrics[], rule: string, pick: Pick): RuleCurve {
  const curve: RuleCurve = { xs: [], mean: [], lo: [], hi: [] };
  for (const at of history) {
    const i = at.rules.indexOf(rule);
    if (i < 0) continue;
    const s = spread(at.results.map((row, seed) => pick(row[i], seed, at)));
    curve.xs.push(at.step);
    curve.mean.push(s.mean);
    curve.lo.push(s.lo);
    curve.hi.push(s.hi);
  }
  return curve;
}

/** Test accuracy minus backprop's under the same seed, in percentage points (NaN where backprop did not run). */
export const differenceFromBackprop: Pick = (m, seed, at) => {
  const bp = at.rules.indexOf('backprop');
  return bp < 0 ? NaN : 100 * (m.testAccuracy - at.results[seed][bp].testAccuracy);
};

/** One rule's value under every seed at one evaluation (empty when that evaluation has no such rule). */
export function ruleValues(at: FaCompareMetrics, rule: string, pick: (m: FaRuleMetrics) => number): number[] {
  const i = at.rules.indexOf(rule);
  return i < 0 ? [] : at.results.map((row) => pick(row[i]));
}

/** The mean over hidden layers of a per-layer list (NaN when empty or absent). */
export function meanOf(values: readonly number[] | null | undefined): number {
  if (!values || values.length === 0) return NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** True when, under every seed, every rule started from the same weights (equal checksums). */
export function sameStart(checksums: readonly (readonly string[])[]): boolean {
  return checksums.every((row) => row.every((c) => c === row[0]));
}

/**
 * Vertical marker lines at the steps of live changes, as one path with gaps (x, y pairs joined by
 * NaN): from `y0` to `y1` at each step.
 */
export function markerLines(steps: readonly number[], y0: number, y1: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of steps) {
    if (xs.length) {
      xs.push(NaN);
      ys.push(NaN);
    }
    xs.push(s, s);
    ys.push(y0, y1);
  }
  return { xs, ys };
}

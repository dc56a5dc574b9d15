/**
 * What learning did to a layer's weights, in numbers the figures plot: the histogram of log|w|, the
 * change in a potential's dual space ξ = ∇φ(w_T) − ∇φ(w₀) (its non-Gaussianity, the histogram of the
 * standardised change on [−5, 5] and Q–Q points against N(0, 1)), and Dale violations. Plain data.
 */
import { dualChange, getPotential, type PotentialName } from '../../../lib/rules/update/potentials';
import { histogram, meanStd, nonGaussianity, qqPoints, standardisedSorted, type Histogram } from '../../../lib/stats/normality';

export interface DualChangeSummary {
  potential: PotentialName;
  nonGaussianity: number;
  /** Standard deviation of ξ (its scale before standardising). */
  std: number;
  histogram: Histogram;
  qq: { theoretical: number[]; sample: number[] };
}

export function summariseChange(potential: PotentialName, before: ArrayLike<number>, after: ArrayLike<number>, bins: number, qqCount: number): DualChangeSummary {
  const xi = dualChange(getPotential(potential), before, after);
  return {
    potential,
    nonGaussianity: nonGaussianity(xi),
    std: meanStd(xi).std,
    histogram: histogram(standardisedSorted(xi), bins, -5, 5),
    qq: qqPoints(xi, qqCount),
  };
}

/** Histogram of log|w| on [lo, hi] (zeros fall below). */
export function logMagnitudeHistogram(w: ArrayLike<number>, bins: number, lo: number, hi: number): Histogram {
  return histogram(Float64Array.from(w, (v) => Math.log(Math.abs(v))), bins, lo, hi);
}

/** [min, max] of log|w| widened by `margin` on each side: one range for every histogram of a run. */
export function logMagnitudeRange(w: ArrayLike<number>, margin = 1): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < w.length; i++) {
    const v = Math.log(Math.abs(w[i]));
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [Math.floor(lo - margin), Math.ceil(hi + margin)];
}

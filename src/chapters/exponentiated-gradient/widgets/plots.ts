/**
 * What the chapter's figures plot, as pure functions of the runs' plain data: a histogram as a step
 * outline (so several overlay in one lineChart), the standard normal density to compare with, the
 * diagonal of a Q–Q plot, and the base-2 axis of the loss-vs-N plot.
 */
import { groupNumber, localNumber } from '../../../i18n/t';
import type { Histogram } from '../../../lib/stats/normality';

export interface Curve {
  xs: number[];
  ys: number[];
}

/** Values in the histogram's bins (those below lo or above hi are not). */
export function binnedCount(h: Histogram): number {
  return h.counts.reduce((a, b) => a + b, 0);
}

/**
 * The histogram as a step outline from lo to hi: each bin's height is its count over (total × bin
 * width), a density, so histograms of different sizes and a probability density overlay. `total`
 * defaults to the values in the bins.
 */
export function outline(h: Histogram, total = binnedCount(h)): Curve {
  const bins = h.counts.length;
  const width = (h.hi - h.lo) / bins;
  const xs: number[] = [h.lo];
  const ys: number[] = [0];
  if (total <= 0 || bins === 0) return { xs: [], ys: [] };
  for (let i = 0; i < bins; i++) {
    const y = h.counts[i] / (total * width);
    xs.push(h.lo + i * width, h.lo + (i + 1) * width);
    ys.push(y, y);
  }
  xs.push(h.hi);
  ys.push(0);
  return { xs, ys };
}

/** The standard normal density on [lo, hi] at `points` points. */
export function normalDensity(lo: number, hi: number, points = 121): Curve {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < points; i++) {
    const x = lo + ((hi - lo) * i) / (points - 1);
    xs.push(x);
    ys.push(Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));
  }
  return { xs, ys };
}

/** Q–Q points with non-finite pairs dropped (a sample with no spread has none). */
export function qqCurve(qq: { theoretical: readonly number[]; sample: readonly number[] }): Curve {
  const xs: number[] = [];
  const ys: number[] = [];
  qq.theoretical.forEach((t, i) => {
    if (Number.isFinite(t) && Number.isFinite(qq.sample[i])) {
      xs.push(t);
      ys.push(qq.sample[i]);
    }
  });
  return { xs, ys };
}

/** "16", "1,024", "4,096": tick labels of a base-2 axis whose positions are log₂ N. */
export function powerOfTwoLabel(position: number): string {
  const n = 2 ** position;
  return Number.isInteger(Math.round(n * 1000) / 1000) ? groupNumber(Math.round(n)) : localNumber(n.toPrecision(3));
}

/** A non-Gaussianity for a reader: 3 decimals, '–' before there is a change to measure. */
export function formatNonGaussianity(v: number): string {
  return Number.isFinite(v) ? localNumber(v.toFixed(3)) : '–';
}

/** Resolve after the next animation frame (a timeout where there are no frames): paces a figure that computes faster than it can be watched. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
    else setTimeout(resolve, 16);
  });
}

/** Value domains: extents that ignore NaN and ±Infinity, and the value -> [0, 1] normaliser. */

export type Domain = readonly [number, number];

/** [min, max] over the finite values of all arrays (`filter` can exclude more), or undefined. */
export function finiteExtent(
  arrays: Iterable<ArrayLike<number>>,
  filter: (v: number) => boolean = () => true,
): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v) || !filter(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** [-m, m] with m the largest finite |value| (1 when there is none), for diverging maps. */
export function symmetricDomain(arrays: Iterable<ArrayLike<number>>): [number, number] {
  const e = finiteExtent(arrays);
  const m = e ? Math.max(Math.abs(e[0]), Math.abs(e[1])) : 0;
  return m > 0 ? [-m, m] : [-1, 1];
}

/** Widens a zero-width domain so a scale over it is well defined. */
export function padDegenerate([lo, hi]: Domain): [number, number] {
  if (lo < hi) return [lo, hi];
  const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - d, hi + d];
}

/** value -> t in [0, 1], clamped; NaN for non-finite values. */
export function normalizer([lo, hi]: Domain): (v: number) => number {
  const span = hi - lo;
  return (v) => {
    if (!Number.isFinite(v)) return NaN;
    if (!(span > 0)) return 0.5;
    const t = (v - lo) / span;
    return t < 0 ? 0 : t > 1 ? 1 : t;
  };
}

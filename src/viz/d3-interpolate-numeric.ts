/**
 * Stands in for `d3-interpolate` (vite.config.ts aliases it), which d3-scale imports for its ranges.
 * The essay's scales (linear and log, in src/viz and a few figures) only ever map onto numbers; the
 * real module's generic `interpolate` also parses colours, dates, objects and strings, and so brings
 * d3-color with it: about 4 KB gzipped on every page, for nothing. Same results for numbers (the
 * formulas are d3's); anything else is refused loudly, not mis-drawn.
 */
type Interpolator = (t: number) => number;

export function interpolateNumber(a: number, b: number): Interpolator {
  a = +a;
  b = +b;
  return (t) => a * (1 - t) + b * t;
}

export function interpolateRound(a: number, b: number): Interpolator {
  a = +a;
  b = +b;
  return (t) => Math.round(a * (1 - t) + b * t);
}

/** d3's generic interpolator, for numbers only (see the header). */
export function interpolate(a: unknown, b: unknown): Interpolator {
  if (typeof b === 'number' || b instanceof Number) return interpolateNumber(a as number, b as number);
  throw new Error(`The essay's d3-interpolate interpolates numbers only (got ${typeof b}): use a numeric range, or a colour map from src/viz/palette.ts.`);
}

/** d3's piecewise interpolator over `values`, one segment per pair. */
export function piecewise(fn: ((a: number, b: number) => Interpolator) | number[], values?: number[]): Interpolator {
  const interp = typeof fn === 'function' ? fn : interpolate;
  const vs = (typeof fn === 'function' ? values : fn) ?? [];
  const n = vs.length - 1;
  const parts: Interpolator[] = [];
  for (let i = 0; i < n; i++) parts.push(interp(vs[i], vs[i + 1]));
  return (t) => {
    const i = Math.max(0, Math.min(n - 1, Math.floor((t *= n))));
    return parts[i](t - i);
  };
}

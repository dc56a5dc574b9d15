/**
 * One closeness check for every test: `expectClose(actual, expected, precision, options?)`, in the
 * spirit of tfjs's `expectArraysClose` (tfjs-core/src/test_util.ts), with the tolerance tied to the
 * float precision of the path under test. Test-only.
 *
 * Element i passes when |actualᵢ − expectedᵢ| ≤ bound(i), with bound(i), by `options.scale`:
 * - 'element' (the default): tol · (floor + |expectedᵢ|), floor 1 by default — tfjs's absolute
 *   |a − e| ≤ ε near zero (within a factor 2 for |e| ≤ 1), relative for large values;
 * - 'largest': tol · max(floor, maxⱼ |expectedⱼ|), floor 0 by default — relative to the expected
 *   array's largest magnitude (for arrays whose small entries are cancellation noise);
 * - 'absolute': tol.
 * Every element is checked; a failure names the worst element (the largest |diff| / bound), its two
 * values, the bound and how many elements are out. Unlike tfjs, non-finite values never compare
 * close (NaN = NaN fails): an oracle should not produce them, and a NaN must not pass silently.
 *
 * Values: a number, any ArrayLike<number> (number[], Float32Array, Float64Array, …) or nested
 * arrays (number[][], flattened row-major); both sides must have the same length (and, when both are
 * nested arrays, the same shape). A number against a one-element array is allowed.
 */

/**
 * tfjs's TEST_EPSILON_FLOAT32 (tfjs-core/src/test_util.ts): what its own kernel tests allow a float32
 * result. Float32 keeps 24 bits (ε ≈ 1.2e-7); a chain of a few hundred float32 operations, or a
 * 20-step training curve on different kernels, drifts to 1e-4..1e-3 relative, so 1e-3 is the
 * loosest a float32 comparison may be. Tests whose arithmetic is short pass a tighter number.
 */
export const FLOAT32_TOLERANCE = 1e-3;
/**
 * A Float64 path against a Float64 oracle: ε ≈ 2.2e-16, and summation orders and libm differences
 * over ~10⁴ operations typically stay below 1e-12 relative; 1e-9 leaves a wide margin yet is far below
 * float32 rounding (6e-8), so a path that silently computes in float32 fails it. (tfjs has no float64
 * constant: its backends are float32 or float16.)
 */
export const FLOAT64_TOLERANCE = 1e-9;

export type Precision = 'float32' | 'float64' | number;
export type Values = number | ArrayLike<number> | ReadonlyArray<ArrayLike<number>> | ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;

export interface CloseOptions {
  /** How the bound scales with the expected values (see the file comment). Default 'element'. */
  scale?: 'element' | 'largest' | 'absolute';
  /** The floor added to |expectedᵢ| ('element', default 1) or the least scale ('largest', default 0). */
  floor?: number;
}

/** The tolerance a precision names. */
export function tolerance(precision: Precision): number {
  if (precision === 'float32') return FLOAT32_TOLERANCE;
  if (precision === 'float64') return FLOAT64_TOLERANCE;
  if (!(precision >= 0)) throw new RangeError(`expectClose: a tolerance must be a number ≥ 0, not ${precision}`);
  return precision;
}

const isNested = (v: Values): v is ReadonlyArray<ArrayLike<number>> => Array.isArray(v) && v.length > 0 && typeof v[0] !== 'number';

function shapeOf(v: Values): number[] {
  if (typeof v === 'number') return [];
  if (!isNested(v)) return [v.length];
  return [v.length, ...shapeOf(v[0] as Values)];
}

function flatten(v: Values, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (isNested(v)) for (let i = 0; i < v.length; i++) flatten(v[i] as Values, out);
  else for (let i = 0; i < v.length; i++) out.push(v[i] as number);
  return out;
}

/** Throws an AssertionError whose stack starts at the test's own line, not inside this file. */
function fail(message: string): never {
  const error = new Error(message);
  error.name = 'AssertionError';
  Error.captureStackTrace?.(error, expectClose);
  throw error;
}

/** Asserts that `actual` is within `precision` of `expected`, element by element. */
export function expectClose(actual: Values, expected: Values, precision: Precision, options: CloseOptions = {}): void {
  const tol = tolerance(precision);
  const scale = options.scale ?? 'element';
  if (isNested(actual) && isNested(expected)) {
    const [a, e] = [shapeOf(actual), shapeOf(expected)];
    if (a.join() !== e.join()) fail(`expectClose: shapes differ: actual [${a}], expected [${e}]`);
  }
  const a = flatten(actual);
  const e = flatten(expected);
  if (a.length !== e.length) fail(`expectClose: lengths differ: actual ${a.length}, expected ${e.length}`);
  const floor = options.floor ?? (scale === 'element' ? 1 : 0);
  // (over the finite expected values: a non-finite one fails on its own, not every element with it)
  const largest = scale === 'largest' ? e.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), floor) : 0;
  const boundAt = (i: number) => (scale === 'element' ? tol * (floor + Math.abs(e[i])) : scale === 'largest' ? tol * largest : tol);
  let worst = -1;
  let worstRatio = 0;
  let outside = 0;
  for (let i = 0; i < a.length; i++) {
    const bound = boundAt(i);
    const diff = Math.abs(a[i] - e[i]);
    if (Number.isFinite(a[i]) && Number.isFinite(e[i]) && diff <= bound) continue;
    outside++;
    const ratio = Number.isFinite(diff) && bound > 0 ? diff / bound : Infinity;
    if (worst < 0 || ratio > worstRatio) [worst, worstRatio] = [i, ratio];
  }
  if (outside === 0) return;
  const i = worst;
  const form = scale === 'element' ? `${tol}·(${floor} + |expected|)` : scale === 'largest' ? `${tol}·max(${floor}, max |expected|)` : `${tol}`;
  const where = typeof actual === 'number' ? 'actual' : `actual[${i}]`;
  fail(
    `expectClose: ${where} = ${a[i]}, expected ${e[i]}: |diff| = ${Math.abs(a[i] - e[i])} > bound ${boundAt(i)} (tolerance ${form}); ` +
      `${outside} of ${a.length} element${a.length === 1 ? '' : 's'} outside`,
  );
}

// expectClose (tests/unit/oracles/expect-close.ts): the named precisions, the three bound forms at
// their edges, the value shapes it accepts, non-finite values, and what a failure says.
import { describe, expect, it } from 'vitest';
import { expectClose, FLOAT32_TOLERANCE, FLOAT64_TOLERANCE, tolerance } from './expect-close';

/** The message expectClose fails with (or null when it passes). */
function failure(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('precisions', () => {
  it('float32 is tfjs’s TEST_EPSILON_FLOAT32 (1e-3), float64 is 1e-9, a number is itself', () => {
    expect(FLOAT32_TOLERANCE).toBe(1e-3);
    expect(FLOAT64_TOLERANCE).toBe(1e-9);
    expect(tolerance('float32')).toBe(1e-3);
    expect(tolerance('float64')).toBe(1e-9);
    expect(tolerance(2e-4)).toBe(2e-4);
    expect(tolerance(0)).toBe(0);
    expect(() => tolerance(-1)).toThrow(RangeError);
    expect(() => tolerance(Number.NaN)).toThrow(RangeError);
  });

  it('a float32 rounding passes float32 and fails float64', () => {
    const x = [0.1, 1 / 3, 2.5e3, -7.77];
    const rounded = Float32Array.from(x);
    expectClose(rounded, x, 'float32');
    expect(failure(() => expectClose(rounded, x, 'float64'))).toMatch(/expectClose/);
  });
});

describe("scale 'element' (default): |a − e| ≤ tol·(floor + |e|)", () => {
  it('is absolute near zero and relative for large values, inclusive at the bound', () => {
    expectClose([0.5 + 1e-4], [0.5], 1e-4 / 1.5 + 1e-12);
    expect(failure(() => expectClose([0.5 + 1e-4], [0.5], 1e-4 / 1.5 - 1e-12))).not.toBeNull();
    expectClose([1000.5], [1000], 1e-3); // 0.5 ≤ 1e-3·1001
    expect(failure(() => expectClose([1002], [1000], 1e-3))).not.toBeNull();
    expectClose([0.25], [0.25], 0); // tolerance 0: exact equality
    expect(failure(() => expectClose([0.25 + 2 ** -50], [0.25], 0))).not.toBeNull();
  });

  it('takes a floor: tol·(1e-3 + |e|) is relative almost down to zero, tol·|e| purely relative', () => {
    expectClose([1e-3], [0], 1, { floor: 1e-3 });
    expect(failure(() => expectClose([2e-5], [0], 1e-2, { floor: 1e-3 }))).not.toBeNull();
    expectClose([2e-5], [0], 1e-2); // the same difference passes the default floor 1
    // floor 0: purely relative, |a − e| ≤ tol·|e|
    expectClose([2e-6 * (1 + 1e-6)], [2e-6], 1e-5, { floor: 0 });
    expect(failure(() => expectClose([2e-6 * (1 + 1e-4)], [2e-6], 1e-5, { floor: 0 }))).not.toBeNull();
  });
});

describe("scale 'largest': |a − e| ≤ tol·max(floor, max |e|)", () => {
  it('measures every element against the largest expected magnitude', () => {
    const e = [100, -0.001, 0];
    expectClose([100.05, 0.04, -0.09], e, 1e-3, { scale: 'largest' });
    expect(failure(() => expectClose([100, 0, 0.11], e, 1e-3, { scale: 'largest' }))).toMatch(/actual\[2\]/);
    // the same numbers fail the element-wise form: −0.001 vs 0.04 is far off for a small entry
    expect(failure(() => expectClose([100.05, 0.04, -0.09], e, 1e-3))).not.toBeNull();
  });

  it('floor: an all-zero expectation is measured against the floor (default 0: exact)', () => {
    expectClose([1e-7, -1e-7], [0, 0], 1e-4, { scale: 'largest', floor: 1e-3 });
    expect(failure(() => expectClose([1e-6], [0], 1e-4, { scale: 'largest', floor: 1e-3 }))).not.toBeNull();
    expect(failure(() => expectClose([1e-300], [0], 1, { scale: 'largest' }))).not.toBeNull();
  });
});

describe("scale 'absolute': |a − e| ≤ tol", () => {
  it('ignores the magnitudes', () => {
    expectClose([1e6 + 1e-7], [1e6], 2e-7, { scale: 'absolute' });
    expect(failure(() => expectClose([1e6 + 0.5], [1e6], 0.25, { scale: 'absolute' }))).not.toBeNull();
  });
});

describe('values', () => {
  it('scalars, typed arrays, number[] and number[][] (flattened row-major) on either side', () => {
    expectClose(0.3, 0.1 + 0.2, 'float64');
    expectClose(Float32Array.of(1, 2, 3, 4), [[1, 2], [3, 4]], 0);
    expectClose([[1, 2], [3, 4]], Float64Array.of(1, 2, 3, 4), 0);
    expectClose([Float32Array.of(1, 2), Float32Array.of(3, 4)], [[1, 2], [3, 4]], 0);
    expectClose([0.5], 0.5, 0);
    expectClose([], new Float32Array(0), 0);
    expect(failure(() => expectClose(Float32Array.of(1, 2, 4, 3), [[1, 2], [3, 4]], 0))).toMatch(/actual\[2\] = 4, expected 3/);
  });

  it('refuses different lengths, and different shapes of two nested arrays', () => {
    expect(failure(() => expectClose([1, 2, 3], [1, 2], 1))).toMatch(/lengths differ: actual 3, expected 2/);
    expect(failure(() => expectClose([[1, 2, 3, 4]], [[1, 2], [3, 4]], 1))).toMatch(/shapes differ: actual \[1,4\], expected \[2,2\]/);
  });

  it('never passes NaN or ±Infinity, on either side, whatever the tolerance', () => {
    for (const [a, e] of [
      [Number.NaN, 0],
      [0, Number.NaN],
      [Number.NaN, Number.NaN],
      [Infinity, Infinity],
      [Infinity, 1],
      [1, -Infinity],
    ]) {
      expect(failure(() => expectClose([1, a], [1, e], 1e9))).toMatch(/actual\[1\]/);
      expect(failure(() => expectClose([1, a], [1, e], 1e9, { scale: 'largest' }))).toMatch(/actual\[1\]/);
      expect(failure(() => expectClose([1, a], [1, e], 1e9, { scale: 'absolute' }))).toMatch(/actual\[1\]/);
    }
  });
});

describe('failure message', () => {
  it('names the worst element (largest |diff| / bound), both values, the bound, the form and the count', () => {
    const message = failure(() => expectClose([0, 1.01, 10.05, 3], [0, 1, 10, 3.03], 1e-3));
    expect(message).toContain('actual[3] = 3, expected 3.03');
    expect(message).toMatch(/\|diff\| = 0\.029999\d* > bound 0\.00403/);
    expect(message).toContain('tolerance 0.001·(1 + |expected|)');
    expect(message).toContain('3 of 4 elements outside');
  });

  it('says which form and floor it used, and ranks a NaN worst', () => {
    expect(failure(() => expectClose([2, 0], [1, 0], 0.5, { scale: 'largest', floor: 1e-3 }))).toContain('tolerance 0.5·max(0.001, max |expected|)');
    expect(failure(() => expectClose([2], [1], 0.5, { scale: 'absolute' }))).toContain('> bound 0.5 (tolerance 0.5)');
    expect(failure(() => expectClose([5, Number.NaN], [0, 0], 1e-3))).toContain('actual[1] = NaN');
    expect(failure(() => expectClose(2, 1, 1e-3))).toMatch(/^expectClose: actual = 2, expected 1: .* 1 of 1 element outside/);
  });
});

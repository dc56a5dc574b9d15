// The site's stand-in for d3-interpolate (vite.config.ts aliases it for d3-scale) gives d3's own
// numbers for numeric ranges and refuses anything else.
import { describe, expect, it } from 'vitest';
import * as shim from '../../../src/viz/d3-interpolate-numeric';

// The real module (a dependency of d3-scale; no type package installed): typed as the shim is.
const D3_INTERPOLATE = 'd3-interpolate';
const real = (await import(D3_INTERPOLATE)) as typeof shim;

describe('d3-interpolate, numbers only', () => {
  const ts = [0, 0.1, 0.25, 0.5, 0.77, 1, 1.5, -0.2];
  it('interpolate, interpolateNumber and interpolateRound agree with d3 on numbers', () => {
    for (const [a, b] of [[0, 1], [-3.5, 12], [480, 20], [1e-4, 2e3]]) {
      for (const t of ts) {
        expect(shim.interpolate(a, b)(t)).toBe(real.interpolate(a, b)(t));
        expect(shim.interpolateNumber(a, b)(t)).toBe(real.interpolateNumber(a, b)(t));
        expect(shim.interpolateRound(a, b)(t)).toBe(real.interpolateRound(a, b)(t));
      }
    }
  });
  it('piecewise agrees with d3', () => {
    const values = [0, 10, 5, 40];
    for (const t of [0, 0.2, 0.34, 0.5, 0.9, 1]) expect(shim.piecewise(shim.interpolateNumber, values)(t)).toBeCloseTo(real.piecewise(real.interpolateNumber, values)(t), 12);
  });
  it('refuses a colour range instead of drawing something wrong', () => {
    expect(() => shim.interpolate('#fff', '#000')).toThrow(/numbers only/);
  });
});

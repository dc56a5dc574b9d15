// Kohonen's map: one update against a hand-computed step, the schedules, and the three measures on
// hand-made prototypes.
import { describe, expect, it } from 'vitest';
import { SelfOrganisingMap, type SomConfig } from '../../../src/lib/dynamics/som';
import { createRng } from '../../../src/lib/random';

const config: SomConfig = { rows: 1, cols: 2, steps: 100, sigmaStart: 1, sigmaEnd: 0.1, rateStart: 0.5, rateEnd: 0.005 };

describe('self-organising map', () => {
  it('starts from distinct training inputs', () => {
    const inputs = new Float32Array([0, 0, 1, 1, 0.25, 0.75]);
    const som = new SelfOrganisingMap(config, inputs, 2, createRng(1));
    const rows = [Array.from(som.prototypes.slice(0, 2)), Array.from(som.prototypes.slice(2, 4))].map((r) => r.join());
    expect(new Set(rows).size).toBe(2);
    for (const r of rows) expect(['0,0', '1,1', '0.25,0.75']).toContain(r);
  });

  it('one update moves the winner by η(x − w) and its neighbour by η·e^(−d²/2σ²)(x − w)', () => {
    const inputs = new Float32Array([0, 0, 1, 1, 0.25, 0.75]);
    const som = new SelfOrganisingMap(config, inputs, 2, createRng(1));
    som.prototypes.set([0, 0, 1, 0]);
    // x = (0.25, 0.75): ‖x − w₀‖² = 0.625 < ‖x − w₁‖² = 1.125, so unit 0 wins.
    expect(som.update(inputs, 2)).toEqual({ best: 0, second: 1, distance2: expect.closeTo(0.625, 6) });
    // By hand: η = 0.5, σ = 1; h₀₀ = 1, h₀₁ = e^(−1/2) = 0.6065306597.
    const h = 0.6065306597126334;
    expect(som.prototypes[0]).toBeCloseTo(0.125, 6);
    expect(som.prototypes[1]).toBeCloseTo(0.375, 6);
    expect(som.prototypes[2]).toBeCloseTo(1 + 0.5 * h * (0.25 - 1), 6);
    expect(som.prototypes[3]).toBeCloseTo(0.5 * h * 0.75, 6);
    expect(som.step).toBe(1);
  });

  it('decays η and σ geometrically from start to end, then holds them', () => {
    const som = new SelfOrganisingMap(config, new Float32Array(4), 2, createRng(1));
    expect(som.schedule(0)).toEqual({ rate: 0.5, sigma: 1 });
    expect(som.schedule(50).rate).toBeCloseTo(Math.sqrt(0.5 * 0.005), 12);
    expect(som.schedule(50).sigma).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(som.schedule(100).rate).toBeCloseTo(0.005, 12);
    expect(som.schedule(1000).sigma).toBeCloseTo(0.1, 12);
  });

  it('measures quantisation error, topographic error and the neighbour distance ratio by hand', () => {
    // A 1×3 map in one dimension with prototypes 0, 5, 1: units 0 and 2 are close in input space
    // but not on the grid, a fold in the map.
    const som = new SelfOrganisingMap({ ...config, cols: 3 }, new Float32Array([0, 1, 2]), 1, createRng(1));
    som.prototypes.set([0, 5, 1]);
    const inputs = new Float32Array([0.6, 4.5, 0.2]);
    // 0.6: best unit 2 (0.4), second unit 0 (0.6): not adjacent. 4.5: best 1 (0.5), second 2: adjacent.
    // 0.2: best 0 (0.2), second 2 (0.8): not adjacent.
    const e = som.errors(inputs, [0, 1, 2]);
    expect(e.quantisation).toBeCloseTo((0.4 + 0.5 + 0.2) / 3, 6);
    expect(e.topographic).toBeCloseTo(2 / 3, 12);
    // Neighbour pairs (0,1), (1,2): 5 and 4; all pairs: 5, 1, 4.
    const d = som.neighbourDistances();
    expect(d.neighbours).toBeCloseTo(4.5, 12);
    expect(d.allPairs).toBeCloseTo(10 / 3, 12);
    expect(d.ratio).toBeCloseTo(10 / 3 / 4.5, 12);
  });

  it('organises: on points along a line, neighbours end up far closer than random pairs and the map unfolds', () => {
    const n = 400;
    const rng = createRng(2);
    const inputs = Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? rng.next() : 0.5 + 0.01 * rng.normal()));
    const som = new SelfOrganisingMap({ rows: 1, cols: 10, steps: 2000, sigmaStart: 3, sigmaEnd: 0.3, rateStart: 0.5, rateEnd: 0.01 }, inputs, 2, createRng(3));
    const all = Array.from({ length: n }, (_, i) => i);
    const before = som.errors(inputs, all);
    for (let t = 0; t < 2000; t++) som.update(inputs, rng.int(n));
    const after = som.errors(inputs, all);
    expect(after.quantisation).toBeLessThan(before.quantisation);
    expect(after.topographic).toBeLessThan(0.05);
    expect(som.neighbourDistances().ratio).toBeGreaterThan(3);
    // Unfolded: the x-coordinates of the prototypes are monotonic along the line.
    const xs = Array.from({ length: 10 }, (_, j) => som.prototypes[2 * j]);
    const rising = xs.every((v, j) => j === 0 || v > xs[j - 1]);
    const falling = xs.every((v, j) => j === 0 || v < xs[j - 1]);
    expect(rising || falling).toBe(true);
  });
});

// The echo-state reservoir: its update against a plain oracle, the memory capacity of systems with
// known answers, and the Lyapunov estimate of a contracting linear regime (λ = ln g).
import { describe, expect, it } from 'vitest';
import { MemoryCapacityProbe } from '../../../src/lib/dynamics/memory-capacity';
import { LyapunovTracker, Reservoir, ReservoirState } from '../../../src/lib/dynamics/reservoir';
import { meanFieldLyapunov, probeReservoir } from '../../../src/lib/dynamics/edge-of-chaos';
import { createRng } from '../../../src/lib/random';
import { expectClose } from '../oracles/expect-close';

describe('reservoir', () => {
  it('computes x(t) = tanh(g W₀ x(t−1) + s w_in u(t)) like a plain oracle', () => {
    const n = 20;
    const reservoir = new Reservoir(n, createRng(3), 0.9, 0.3);
    const state = new ReservoirState(reservoir);
    let oracle = new Array<number>(n).fill(0);
    const rng = createRng(4);
    for (let t = 0; t < 30; t++) {
      const u = rng.uniform(-1, 1);
      const x = state.step(u);
      oracle = oracle.map((_, i) => Math.tanh(0.9 * oracle.reduce((s, xj, j) => s + reservoir.recurrent[i * n + j] * xj, 0) + 0.3 * u * reservoir.input[i]));
      expectClose(x, oracle, 1e-12, { scale: 'absolute' });
    }
  });

  it('memory capacity of a linear delay line of N units is N − 1 (delays 1..N−1 recalled exactly, none beyond)', () => {
    const n = 12;
    const probe = new MemoryCapacityProbe(n, { maxDelay: 20, washout: 20, train: 1500, test: 4000, ridge: 1e-10 });
    const line = new Float64Array(n);
    const rng = createRng(5);
    for (let t = 0; t < probe.length; t++) {
      const u = rng.uniform(-1, 1);
      line.copyWithin(1, 0, n - 1); // x_i(t) = u(t − i)
      line[0] = u;
      probe.push(line, u);
    }
    const mf = probe.memoryFunction();
    for (let k = 1; k < n; k++) expect(mf[k - 1]).toBeGreaterThan(1 - 1e-9);
    // Beyond the line: chance correlations only, r² ≈ 1/test per delay.
    for (let k = n; k <= 20; k++) expect(mf[k - 1]).toBeLessThan(0.01);
    expect(probe.capacity()).toBeGreaterThan(n - 1);
    expect(probe.capacity()).toBeLessThan(n - 1 + 0.05);
  });

  it('a memoryless system has memory capacity ≈ 0', () => {
    const probe = new MemoryCapacityProbe(5, { maxDelay: 10, washout: 10, train: 1000, test: 4000 });
    const rng = createRng(6);
    for (let t = 0; t < probe.length; t++) {
      const u = rng.uniform(-1, 1);
      probe.push([u, u * u, Math.sin(3 * u), rng.normal(), 1], u); // only the present input, and noise
    }
    expect(probe.capacity()).toBeLessThan(0.05);
  });

  it('estimates λ = ln g in the contracting autonomous regime (g < 1, no input)', () => {
    for (const g of [0.5, 0.8]) {
      const reservoir = new Reservoir(60, createRng(7), g, 0);
      const state = new ReservoirState(reservoir, Float64Array.from({ length: 60 }, (_, i) => 1e-3 * Math.sin(i)));
      for (let t = 0; t < 100; t++) state.step(0);
      const tracker = new LyapunovTracker(state, createRng(8));
      for (let t = 0; t < 2000; t++) tracker.step(0);
      expect(tracker.exponent).toBeCloseTo(Math.log(g), 2);
    }
  });

  it('probes are deterministic by rng, and a chaotic reservoir has λ > 0 while a weak one has λ < 0', () => {
    const reservoir = new Reservoir(100, createRng(9));
    const opts = { memory: { maxDelay: 40, washout: 50, train: 600, test: 400 }, lyapunovWashout: 200, lyapunovSteps: 500 };
    const a = probeReservoir(reservoir, 0.9, createRng(1), opts);
    const b = probeReservoir(reservoir, 0.9, createRng(1), opts);
    expect(a.capacity).toBe(b.capacity);
    expect(a.lyapunovDriven).toBe(b.lyapunovDriven);
    expect(a.lyapunovDriven).toBeLessThan(0);
    expect(probeReservoir(reservoir, 2, createRng(1), { ...opts, skipMemory: true }).lyapunovAutonomous).toBeGreaterThan(0);
    expect(reservoir.gain).toBe(1); // the probe restores the gain it borrowed
  });
});

describe('mean-field Lyapunov exponent', () => {
  it('is ln g below the transition and positive, growing, above it', () => {
    for (const g of [0.3, 0.9, 1]) {
      expect(meanFieldLyapunov(g).variance).toBe(0);
      expect(meanFieldLyapunov(g).exponent).toBeCloseTo(Math.log(g), 12);
    }
    const above = [1.1, 1.3, 1.5].map((g) => meanFieldLyapunov(g));
    expect(above.every((r, i) => r.exponent > 0 && (i === 0 || r.exponent > above[i - 1].exponent))).toBe(true);
    // The fixed point q = g² E[tanh²(√q z)], checked by an independent midpoint sum.
    const q = above[1].variance;
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = -10 + (20 * (i + 0.5)) / n;
      sum += Math.tanh(Math.sqrt(q) * z) ** 2 * Math.exp(-0.5 * z * z) * (20 / n);
    }
    expect(1.69 * (sum / Math.sqrt(2 * Math.PI))).toBeCloseTo(q, 8);
  });
});

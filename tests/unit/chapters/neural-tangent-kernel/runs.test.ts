// The chapter's four live runs: the live-run shape (step, train, evaluate, update, dispose), plain-data
// metrics that survive structured cloning, determinism by seed, the live key taking effect mid-run,
// and what each figure is meant to show, at sizes that run in well under a second.
import { describe, expect, it } from 'vitest';
import {
  EIGEN_DIRECTIONS_DEFAULTS,
  EIGEN_DIRECTIONS_LIVE_KEYS,
  EigenDirectionsRun,
  KERNEL_MOTION_DEFAULTS,
  KERNEL_MOTION_LIVE_KEYS,
  KernelMotionRun,
  LAZY_RICH_DEFAULTS,
  LAZY_RICH_LIVE_KEYS,
  LazyRichRun,
  WIDTH_ENSEMBLE_DEFAULTS,
  WIDTH_ENSEMBLE_LIVE_KEYS,
  WidthEnsembleRun,
} from '../../../../src/chapters/neural-tangent-kernel/runs';

interface LiveRun<C, M> {
  readonly step: number;
  train(steps: number): { step: number; loss: number; diverged: boolean };
  evaluate(): M;
  update(partial: Partial<C>): void;
  dispose(): void;
}

const small = {
  width: () => new WidthEnsembleRun({ ...WIDTH_ENSEMBLE_DEFAULTS, width: 50, members: 3, gridSize: 31 }),
  motion: () => new KernelMotionRun({ ...KERNEL_MOTION_DEFAULTS, widths: [10, 100], members: 2, heatmapWidth: 10, probeCount: 8 }),
  eigen: () => new EigenDirectionsRun({ ...EIGEN_DIRECTIONS_DEFAULTS, width: 80, gridSize: 31 }),
  lazy: () => new LazyRichRun({ ...LAZY_RICH_DEFAULTS, width: 60, alphas: [1, 0.1], gridSize: 31, sampleUnits: 8, densityBins: 12 }),
} satisfies Record<string, () => LiveRun<{ stepSize: number }, unknown>>;

describe.each(Object.entries(small))('live run %s', (_name, make) => {
  it('steps, trains, evaluates to plain data, and disposes', () => {
    const run = make();
    expect(run.step).toBe(0);
    const before = run.evaluate();
    expect(structuredClone(before)).toEqual(before);
    const result = run.train(5);
    expect(result.step).toBe(5);
    expect(run.step).toBe(5);
    expect(result.diverged).toBe(false);
    expect(Number.isFinite(result.loss)).toBe(true);
    const after = run.evaluate();
    expect(structuredClone(after)).toEqual(after);
    expect(after).not.toEqual(before);
    run.dispose();
  });

  it('is deterministic by seed', () => {
    const [a, b] = [make(), make()];
    a.train(7);
    b.train(7);
    expect(a.evaluate()).toEqual(b.evaluate());
  });

  it("applies its live step size mid-run: η = 0 stops training", () => {
    const run = make();
    run.train(2);
    run.update({ stepSize: 0 });
    const frozen = run.evaluate();
    run.train(3);
    const later = run.evaluate() as { step: number };
    expect({ ...later, step: 2 }).toEqual(frozen);
  });
});

describe('live keys', () => {
  it('are settings of each config', () => {
    expect(WIDTH_ENSEMBLE_LIVE_KEYS.every((k) => k in WIDTH_ENSEMBLE_DEFAULTS)).toBe(true);
    expect(KERNEL_MOTION_LIVE_KEYS.every((k) => k in KERNEL_MOTION_DEFAULTS)).toBe(true);
    expect(EIGEN_DIRECTIONS_LIVE_KEYS.every((k) => k in EIGEN_DIRECTIONS_DEFAULTS)).toBe(true);
    expect(LAZY_RICH_LIVE_KEYS.every((k) => k in LAZY_RICH_DEFAULTS)).toBe(true);
  });
});

describe('what each figure shows', () => {
  it('width ensemble: starts on its kernel paths; a different seed draws different networks; wide nets stay near their paths', () => {
    const run = new WidthEnsembleRun({ ...WIDTH_ENSEMBLE_DEFAULTS, width: 2000, members: 3, gridSize: 31 });
    const start = run.evaluate();
    expect(start.gap).toBe(0);
    expect(start.networks).toEqual(start.kernelPaths);
    expect(start.networks).toHaveLength(3);
    run.train(60);
    const trained = run.evaluate();
    expect(trained.loss).toBeLessThan(1e-8);
    expect(trained.gap).toBeLessThan(0.06);
    // At convergence the band now is the kernel-regression band.
    trained.bandMean.forEach((m, q) => expect(m).toBeCloseTo(trained.limitMean[q], 6));
    const other = new WidthEnsembleRun({ ...WIDTH_ENSEMBLE_DEFAULTS, seed: 2, width: 2000, members: 3, gridSize: 31 });
    expect(other.evaluate().networks).not.toEqual(start.networks);
  });

  it('width ensemble: each network’s own training error; with an output scale α its twins still track it (the parameter step η/α² cancels the α² in Θ)', () => {
    const run = new WidthEnsembleRun({ ...WIDTH_ENSEMBLE_DEFAULTS, width: 4000, members: 2, gridSize: 31, alpha: 0.5 });
    run.train(3);
    const m = run.evaluate();
    expect(m.memberLoss).toHaveLength(2);
    expect(m.loss).toBeCloseTo((m.memberLoss[0] + m.memberLoss[1]) / 2, 14);
    // Three steps in, far from converged (the error along the slowest direction keeps 0.68 per step),
    // yet a wide network is on its twin; with ηλ instead of ηλ/α² the twins would have run 4× ahead.
    expect(m.loss).toBeGreaterThan(0.01);
    expect(m.gap).toBeLessThan(0.05);
  });

  it('kernel motion: the wider net moves its kernel and weights less; the heatmap width is live', () => {
    const run = new KernelMotionRun({ ...KERNEL_MOTION_DEFAULTS, widths: [10, 1000], members: 2, heatmapWidth: 10, probeCount: 6 });
    run.train(60);
    const m = run.evaluate();
    expect(m.kernelChange[1]).toBeLessThan(m.kernelChange[0] / 3);
    expect(m.weightChange[1]).toBeLessThan(m.weightChange[0] / 3);
    expect(m.heatmaps.width).toBe(10);
    expect(m.heatmaps.probeNow).toHaveLength(6);
    run.update({ heatmapWidth: 1000 });
    expect(run.evaluate().heatmaps.width).toBe(1000);
    expect(() => run.update({ heatmapWidth: 77 })).toThrow(/not one of the widths/);
  });

  it("eigen-directions: each coordinate of a wide net's residual decays as Π(1 − ηλₖ) of its own Θ₀", () => {
    const run = new EigenDirectionsRun({ ...EIGEN_DIRECTIONS_DEFAULTS, width: 20000, stepSize: 0.2, gridSize: 31 });
    run.train(5);
    run.update({ stepSize: 0.1 });
    run.train(5);
    const m = run.evaluate();
    for (let k = 0; k < 4; k++) {
      expect(m.predicted[k]).toBeCloseTo(m.initial[k] * (1 - 0.2 * m.eigenvalues[k]) ** 5 * (1 - 0.1 * m.eigenvalues[k]) ** 5, 12);
      // The kernel moves by O(1/√width) in training, so the linear prediction holds to O(1/√width) of r₀:
      // ≲ 0.001 ‖r₀‖ at width 20,000 (0.02 ‖r₀‖ at width 100, where this check would fail).
      expect(Math.abs(m.projections[k] - m.predicted[k])).toBeLessThan(0.005 * Math.hypot(...m.initial));
    }
    expect(m.rates[0]).toBeCloseTo(0.1 * m.eigenvalues[0], 14);
  });

  it('lazy vs rich: the small-α network moves its kernel and hidden features far more, and both fit', () => {
    const run = new LazyRichRun({ ...LAZY_RICH_DEFAULTS, width: 400, alphas: [1, 1 / Math.sqrt(400)], gridSize: 31, sampleUnits: 8, densityBins: 12 });
    run.train(400);
    const [lazy, rich] = run.evaluate().regimes;
    expect(lazy.loss).toBeLessThan(1e-6);
    expect(rich.loss).toBeLessThan(1e-6);
    expect(rich.kernelChange).toBeGreaterThan(10 * lazy.kernelChange);
    expect(rich.hiddenChange).toBeGreaterThan(5 * lazy.hiddenChange);
    expect(rich.unitsStart.angle).not.toEqual(rich.unitsNow.angle);
  });

  it('lazy vs rich: kernel regression from f₀ ≡ 0 is the infinite-width band’s mean at convergence, and the lazy net ends near it', () => {
    const config = { ...LAZY_RICH_DEFAULTS, width: 4000, alphas: [1], gridSize: 31, sampleUnits: 8, densityBins: 12 };
    const run = new LazyRichRun(config);
    // The same curve by another road: eigen-decomposition and the Gaussian band (toy.ts) instead of a Cholesky solve.
    const ensemble = new WidthEnsembleRun({ ...WIDTH_ENSEMBLE_DEFAULTS, width: 4000, members: 1, gridSize: 31 });
    const limitMean = ensemble.evaluate().limitMean;
    const start = run.evaluate();
    start.kernelRegression.forEach((v, q) => expect(v).toBeCloseTo(limitMean[q], 10));
    // f₀ ≡ 0: at the start the gap is RMS(f∞)/RMS(y), the same for every α.
    const rms = (v: number[]) => Math.sqrt(v.reduce((t, x) => t + x * x, 0) / v.length);
    expect(start.regimes[0].gap).toBeCloseTo(rms(start.kernelRegression) / rms(start.targets), 12);
    run.train(300);
    expect(run.evaluate().regimes[0].gap).toBeLessThan(0.06);
  });
});

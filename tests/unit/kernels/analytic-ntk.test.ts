// The arc-cosine kernels against an independent quadrature over w ∈ R² (tight: deterministic), and
// the empirical kernel of a very wide net against the analytic one (statistical tolerance, below).
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import { analyticNtk, angleGrid, arcCosine, circlePoints, createNet, forward, priorCovariance, tangentKernel } from '../../../src/lib/kernels';
import { arcCosineQuadrature } from '../oracles/ntk';

describe('arc-cosine kernels', () => {
  it('k₁ and k₀ match a quadrature over the angle of w (constants included)', () => {
    for (const [g, h] of [[0, 0], [0.3, 1.1], [-2.5, 2], [1, 1 + Math.PI], [0.2, -2.9]]) {
      const x = circlePoints([g, h]);
      const k = arcCosine(x, 0, x, 2, 2);
      expect(Math.abs(k.degreeOne - arcCosineQuadrature(g, h, 1))).toBeLessThan(1e-9);
      // The indicator has two jumps in ψ: the midpoint rule is off by at most 2/steps.
      expect(Math.abs(k.degreeZero - arcCosineQuadrature(g, h, 0))).toBeLessThan(1e-5);
    }
  });

  it("is science.md's formula at θ = 0 (Θ = ‖x‖²) and θ = π (Θ = 0), and scales as ‖x‖‖x′‖", () => {
    const spec = { parameterisation: 'ntk', alpha: 1, width: 1, init: 'gaussian' } as const;
    const x = Float64Array.of(3, 0, 0, 2, -1, 0);
    const theta = analyticNtk(spec, x, 3, x, 3, 2);
    expect(theta[0]).toBeCloseTo(9, 12); // ‖x‖²(1/2 + 1/2)
    expect(theta[2]).toBeCloseTo(0, 12); // opposite directions: no unit is active on both
    // Orthogonal (θ = π/2): ‖x‖‖x′‖/(2π) · 1 + 0.
    expect(theta[1]).toBeCloseTo(6 / (2 * Math.PI), 12);
  });
});

describe('empirical kernel at large width', () => {
  // Each entry of the empirical Θ is a mean over n i.i.d. units of z = relu(u)relu(u′) + a² 1 1 x·x′,
  // with E z² ≤ E[relu(u)⁴] + 2 E[a² relu(u)²] + E[a⁴] ≤ 3/2 + 1 + 3/2 = 4 on the unit circle (Cauchy–
  // Schwarz for the off-diagonal ones), so its standard deviation is at most 2/√n. At n = 10⁵ that is
  // 0.0063; we allow 5 of them, 0.032 (a 5σ miss has probability < 10⁻⁶ per entry, and the seed is fixed).
  const width = 100_000;
  const angles = [-2.5, -1, 0.5, 2, 3];
  const x = circlePoints(angles);

  it('NTK parameterisation: Θ → α²(k₁ + x·x′ k₀)', () => {
    for (const alpha of [1, 0.5]) {
      const spec = { inputDim: 2, width, parameterisation: 'ntk', alpha, init: 'gaussian' } as const;
      const net = createNet(spec, createRng(11));
      const empirical = tangentKernel(net, x, 5, x, 5);
      const analytic = analyticNtk(spec, x, 5, x, 5, 2);
      for (let i = 0; i < 25; i++) expect(Math.abs(empirical[i] - analytic[i]) / alpha ** 2).toBeLessThan(0.032);
    }
  });

  it('standard parameterisation: Θ ≈ n k₁ + x·x′ k₀, growing with the width', () => {
    const spec = { inputDim: 2, width, parameterisation: 'standard', alpha: 1, init: 'gaussian' } as const;
    const net = createNet(spec, createRng(12));
    const empirical = tangentKernel(net, x, 5, x, 5);
    const analytic = analyticNtk(spec, x, 5, x, 5, 2);
    // The output share is n × (a mean of relu relu′, sd ≤ √(3/2)/√n): relative tolerance 5·√1.5/√n.
    for (let i = 0; i < 25; i++) expect(Math.abs(empirical[i] - analytic[i]) / width).toBeLessThan(0.02);
    expect(analytic[0]).toBeGreaterThan(width / 2);
  });
});

describe('prior covariance Σ = α² k₁', () => {
  it('is the covariance of f₀ over initialisations (Monte Carlo, 4,000 nets)', () => {
    const angles = angleGrid(5);
    const x = circlePoints(angles);
    const spec = { inputDim: 2, width: 30, parameterisation: 'ntk', alpha: 0.7, init: 'gaussian' } as const;
    const nets = 4000;
    const sums = new Float64Array(25);
    const root = createRng(13);
    for (let k = 0; k < nets; k++) {
      const f = forward(createNet(spec, root.fork(k)), x, 5);
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) sums[i * 5 + j] += f[i] * f[j];
    }
    const sigma = priorCovariance(spec, x, 5, x, 5, 2);
    // f₀(x) is nearly Gaussian with variance σ² = α² k₁(x, x) = 0.245, so Var[f₀(x)f₀(x′)] ≤ 3σ⁴ = 0.18
    // (the width-30 sum is slightly heavier-tailed): sd of the mean ≈ 0.0067; allow 5 of them.
    for (let i = 0; i < 25; i++) expect(Math.abs(sums[i] / nets - sigma[i])).toBeLessThan(0.035);
    expect(Array.from(priorCovariance({ ...spec, init: 'paired' }, x, 5, x, 5, 2)).every((v) => v === 0)).toBe(true);
  });
});

// Gradient descent with a fixed kernel, in Θ's eigenbasis, against iterating the linear recursion
// directly (oracle), and the Gaussian band against the covariance of the linear map from f₀ written out.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import {
  analyticNtk,
  circlePoints,
  createNet,
  featureDensity,
  fitOperator,
  fitWeights,
  gaussianBand,
  learnedFraction,
  modeDecay,
  modeProjections,
  operatorFromDecay,
  predictAt,
  priorCovariance,
  relativeFrobenius,
  symmetricEigen,
  unitFeatures,
  weightChange,
  cloneNet,
} from '../../../src/lib/kernels';
import { expectClose } from '../oracles/expect-close';
import { gaussSolve, matMul } from '../oracles/linear-algebra';

const spec = { parameterisation: 'ntk', alpha: 1, width: 1, init: 'gaussian' } as const;
const train = circlePoints([-2.5, -1, 0.5, 2]);
const test = circlePoints([-3, -0.2, 1.3, 2.9]);
const theta = analyticNtk(spec, train, 4, train, 4, 2);
const thetaTest = analyticNtk(spec, test, 4, train, 4, 2);
const eigen = symmetricEigen(theta, 4);
const y = Float64Array.of(0.9, -0.9, 0.8, -0.7);
const f0Train = Float64Array.of(0.3, -0.1, 0.2, 0.5);
const f0Test = Float64Array.of(-0.4, 0.1, 0.6, -0.2);
const stepSize = 0.5;

/** The oracle: t steps of f(X) ← f(X) − ηΘ(f(X) − y), f(x) ← f(x) − ηΘ(x, X)(f(X) − y). */
function iterate(steps: number) {
  const fTrain = Float64Array.from(f0Train);
  const fTest = Float64Array.from(f0Test);
  for (let s = 0; s < steps; s++) {
    const r = fTrain.map((f, p) => f - y[p]);
    const dTrain = matMul(theta, r, 4, 4, 1);
    const dTest = matMul(thetaTest, r, 4, 4, 1);
    for (let p = 0; p < 4; p++) fTrain[p] -= stepSize * dTrain[p];
    for (let q = 0; q < 4; q++) fTest[q] -= stepSize * dTest[q];
  }
  return { fTrain, fTest };
}

describe('kernel gradient descent in the eigenbasis', () => {
  it('each mode of the residual decays as (1 − ηλₖ)ᵗ', () => {
    const r0 = f0Train.map((f, p) => f - y[p]);
    const start = modeProjections(eigen, 4, r0);
    for (const t of [1, 5, 20]) {
      const now = modeProjections(eigen, 4, iterate(t).fTrain.map((f, p) => f - y[p]));
      const decay = modeDecay(eigen.values, stepSize, t);
      expectClose(now, start.map((c, k) => c * decay[k]), 1e-12, { scale: 'absolute' });
    }
    // Larger eigenvalue, faster decay.
    const decay = modeDecay(eigen.values, stepSize, 10);
    for (let k = 1; k < 4; k++) expect(Math.abs(decay[k])).toBeGreaterThan(Math.abs(decay[k - 1]));
  });

  it('f_t(x) = f₀(x) + Θ(x, X) Gₜ (y − f₀(X)) at every t, and → kernel regression as t → ∞', () => {
    for (const t of [0, 1, 7, 40]) {
      const weights = fitWeights(fitOperator(eigen, 4, stepSize, t), 4, thetaTest, 4);
      expectClose(predictAt(weights, 4, 4, y, f0Train, f0Test), iterate(t).fTest, 1e-12, { scale: 'absolute' });
    }
    const limit = predictAt(fitWeights(fitOperator(eigen, 4, stepSize, Infinity), 4, thetaTest, 4), 4, 4, y, f0Train, f0Test);
    const direct = matMul(thetaTest, gaussSolve(theta, 4, y.map((v, p) => v - f0Train[p])), 4, 4, 1).map((v, q) => v + f0Test[q]);
    expectClose(limit, direct, 1e-12, { scale: 'absolute' });
    expect(learnedFraction(1e-15, 0.5, 10)).toBeCloseTo(5, 12); // ηt as λ → 0
  });

  it('the Gaussian band is the mean and sd of the linear map from f₀ ~ GP(0, Σ)', () => {
    const t = 6;
    const weights = fitWeights(fitOperator(eigen, 4, stepSize, t), 4, thetaTest, 4);
    // Joint covariance of (f₀(test), f₀(train)), 8 × 8, and the map f_t(x_q) = f₀(x_q) − kᵀ f₀(X) + kᵀ y.
    const all = new Float64Array(16);
    all.set(test, 0);
    all.set(train, 8);
    const joint = priorCovariance(spec, all, 8, all, 8, 2);
    const band = gaussianBand(weights, 4, 4, y, priorCovariance(spec, train, 4, train, 4, 2), priorCovariance(spec, test, 4, train, 4, 2), Float64Array.from({ length: 4 }, (_, q) => joint[q * 8 + q]));
    for (let q = 0; q < 4; q++) {
      const row = new Float64Array(8);
      row[q] = 1;
      for (let i = 0; i < 4; i++) row[4 + i] = -weights[q * 4 + i];
      const variance = matMul(row, matMul(joint, row, 8, 8, 1), 1, 8, 1)[0];
      expect(band.sd[q]).toBeCloseTo(Math.sqrt(variance), 12);
      expect(band.mean[q]).toBeCloseTo(predictAt(weights, 4, 4, y, new Float64Array(4), new Float64Array(4))[q], 12);
    }
  });
});

describe('change and features', () => {
  it('relative changes are ‖a − b‖/‖b‖, per layer and together', () => {
    expect(relativeFrobenius([3, 4], [0, 5])).toBeCloseTo(Math.hypot(3, -1) / 5, 14);
    const net = createNet({ inputDim: 2, width: 8, parameterisation: 'ntk', alpha: 1, init: 'gaussian' }, createRng(2));
    const start = cloneNet(net);
    net.output[0] += 1;
    const change = weightChange(net, start);
    expect(change.hidden).toBe(0);
    expect(change.output).toBeCloseTo(1 / Math.hypot(...start.output), 14);
    expect(change.all).toBeCloseTo(1 / Math.hypot(...start.output, ...start.hidden), 14);
  });

  it('a unit computes ‖w‖ relu(cos(γ − φ)) on the circle; the feature density sums to 1', () => {
    const net = createNet({ inputDim: 2, width: 16, parameterisation: 'ntk', alpha: 1, init: 'gaussian' }, createRng(3));
    const { angle, norm, readout } = unitFeatures(net);
    for (let i = 0; i < 16; i++) {
      for (const gamma of [-2, 0.4, 3]) {
        const u = net.hidden[2 * i] * Math.cos(gamma) + net.hidden[2 * i + 1] * Math.sin(gamma);
        expect(Math.max(0, u)).toBeCloseTo(norm[i] * Math.max(0, Math.cos(gamma - angle[i])), 12);
      }
      expect(readout[i]).toBeCloseTo(net.output[i] / 4, 14);
    }
    const density = featureDensity(net, 12);
    expect(density.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
});

describe('operatorFromDecay', () => {
  it('equals fitOperator for a constant step, and tracks a step size changed mid-way', () => {
    const constant = modeDecay(eigen.values, stepSize, 9);
    expectClose(operatorFromDecay(eigen, 4, constant), fitOperator(eigen, 4, stepSize, 9), 1e-12, { scale: 'absolute' });
    // 3 steps at η = 0.5 then 4 at η = 0.2, against the recursion run the same way.
    const remaining = eigen.values.map((l) => (1 - 0.5 * l) ** 3 * (1 - 0.2 * l) ** 4);
    const fTrain = Float64Array.from(f0Train);
    const fTest = Float64Array.from(f0Test);
    for (const eta of [0.5, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2]) {
      const r = fTrain.map((f, p) => f - y[p]);
      const dTrain = matMul(theta, r, 4, 4, 1);
      const dTest = matMul(thetaTest, r, 4, 4, 1);
      for (let p = 0; p < 4; p++) fTrain[p] -= eta * dTrain[p];
      for (let q = 0; q < 4; q++) fTest[q] -= eta * dTest[q];
    }
    const weights = fitWeights(operatorFromDecay(eigen, 4, remaining), 4, thetaTest, 4);
    expectClose(predictAt(weights, 4, 4, y, f0Train, f0Test), fTest, 1e-12, { scale: 'absolute' });
  });
});

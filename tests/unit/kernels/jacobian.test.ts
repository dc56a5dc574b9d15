// The Jacobian, the empirical tangent kernel and the GD step against central finite differences of
// the forward pass (Float64). The net is piecewise linear in each single parameter, so a central
// difference is exact away from a ReLU kink: the tests first check no preactivation is within 1e-3 of
// 0 (h = 1e-6 cannot cross a kink), leaving only rounding, ~1e-16·|f|/h ≈ 1e-10.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random';
import {
  createNet,
  createWorkspace,
  flattenParameters,
  forward,
  gradientDescentStep,
  jacobian,
  kernelFromJacobians,
  parameterCount,
  preactivations,
  residualOf,
  setParameters,
  tangentKernel,
  tangentKernelParts,
  train,
  type TwoLayerNet,
  type TwoLayerSpec,
} from '../../../src/lib/kernels';
import { expectClose } from '../oracles/expect-close';
import { centralJacobian } from '../oracles/finite-differences';
import { matMul, transpose } from '../oracles/linear-algebra';

const H = 1e-6;

function setup(spec: TwoLayerSpec, count: number, seed: number) {
  const net = createNet(spec, createRng(seed));
  const rng = createRng(seed + 100);
  const x = new Float64Array(count * spec.inputDim).map(() => rng.normal());
  return { net, x };
}

function minAbsPreactivation(net: TwoLayerNet, x: Float64Array, count: number): number {
  return Math.min(...Array.from(preactivations(net, x, count), Math.abs));
}

/** f(X) as a function of the flattened parameters. */
const outputsOf = (net: TwoLayerNet, x: Float64Array, count: number) => (theta: Float64Array) => {
  const copy = { ...net, hidden: net.hidden.slice(), output: net.output.slice() };
  setParameters(copy, theta);
  return forward(copy, x, count);
};

const specs: TwoLayerSpec[] = [
  { inputDim: 2, width: 7, parameterisation: 'ntk', alpha: 1, init: 'gaussian' },
  { inputDim: 3, width: 6, parameterisation: 'ntk', alpha: 0.3, init: 'paired' },
  { inputDim: 2, width: 9, parameterisation: 'standard', alpha: 2, init: 'gaussian' },
];

describe.each(specs)('two-layer net %o', (spec) => {
  const count = 5;
  const { net, x } = setup(spec, count, 3);

  it('has no preactivation near a ReLU kink (the finite differences below are valid)', () => {
    expect(minAbsPreactivation(net, x, count)).toBeGreaterThan(1e-3);
  });

  it('Jacobian equals central finite differences of f', () => {
    const fd = centralJacobian(outputsOf(net, x, count), flattenParameters(net), H);
    const jac = jacobian(net, x, count);
    expect(jac.length).toBe(count * parameterCount(net));
    expectClose(jac, fd, 1e-8, { scale: 'absolute' });
  });

  it('tangent kernel (sum over units) equals J Jᵀ and the finite-difference J Jᵀ', () => {
    const params = parameterCount(net);
    const jac = jacobian(net, x, count);
    const viaJacobian = kernelFromJacobians(jac, count, jac, count, params);
    const fd = centralJacobian(outputsOf(net, x, count), flattenParameters(net), H);
    const viaFiniteDifferences = matMul(fd, transpose(fd, count, params), count, params, count);
    const theta = tangentKernel(net, x, count, x, count);
    const scale = Math.max(...Array.from(theta, Math.abs));
    expectClose(theta, viaJacobian, 1e-12 * scale, { scale: 'absolute' });
    expectClose(theta, viaFiniteDifferences, 1e-7 * scale, { scale: 'absolute' });
  });

  it("tangentKernelParts' output-layer share is the output columns of J Jᵀ, and Θ(xa, xb) is a block of Θ", () => {
    const params = parameterCount(net);
    const hiddenParams = net.width * net.inputDim;
    const jac = jacobian(net, x, count);
    const outputCols = new Float64Array(count * net.width);
    for (let p = 0; p < count; p++) for (let i = 0; i < net.width; i++) outputCols[p * net.width + i] = jac[p * params + hiddenParams + i];
    const expected = kernelFromJacobians(outputCols, count, outputCols, count, net.width);
    const parts = tangentKernelParts(net, x, count, x, count);
    expectClose(parts.outputLayer, expected, 1e-12, { scale: 'absolute' });
    const cross = tangentKernel(net, x.subarray(0, 2 * spec.inputDim), 2, x, count);
    expectClose(cross, parts.total.subarray(0, 2 * count), 1e-12, { scale: 'absolute' });
  });

  it('one GD step moves θ by −(η/α²) ∇L, L = ½ Σ (f − y)², ∇L by finite differences', () => {
    const rng = createRng(9);
    const y = new Float64Array(count).map(() => rng.normal());
    const data = { x, y, count, inputDim: spec.inputDim };
    const loss = (theta: Float64Array) => {
      const f = outputsOf(net, x, count)(theta);
      let sum = 0;
      for (let p = 0; p < count; p++) sum += 0.5 * (f[p] - y[p]) ** 2;
      return Float64Array.of(sum);
    };
    const before = flattenParameters(net);
    const gradient = centralJacobian(loss, before, H);
    const moved = { ...net, hidden: net.hidden.slice(), output: net.output.slice() };
    const stepSize = 0.05;
    const mse = gradientDescentStep(moved, data, stepSize, createWorkspace(count, spec.inputDim));
    const after = flattenParameters(moved);
    const expectedStep = gradient.map((g) => (-stepSize / spec.alpha ** 2) * g);
    const step = after.map((v, k) => v - before[k]);
    expectClose(step, expectedStep, 1e-7, { scale: 'largest' });
    expect(mse).toBeCloseTo((2 * loss(before)[0]) / count, 12);
  });

  it('train (update fused with the next forward pass) takes the same steps as gradientDescentStep, bit for bit', () => {
    const rng = createRng(10);
    const data = { x, y: new Float64Array(count).map(() => rng.normal()), count, inputDim: spec.inputDim };
    const fused = { ...net, hidden: net.hidden.slice(), output: net.output.slice() };
    const stepwise = { ...net, hidden: net.hidden.slice(), output: net.output.slice() };
    const work = createWorkspace(count, spec.inputDim);
    const after = train(fused, data, 0.05, 7, work);
    for (let s = 0; s < 7; s++) gradientDescentStep(stepwise, data, 0.05, work);
    expect(Array.from(fused.hidden)).toEqual(Array.from(stepwise.hidden));
    expect(Array.from(fused.output)).toEqual(Array.from(stepwise.output));
    expect(after).toBe(residualOf(stepwise, data, work));
    expect(train(fused, data, 0.05, 0, work)).toBe(after);
  });
});

describe('initialisation', () => {
  it('NTK and standard parameterisations give the same function from one seed; only their gradients differ', () => {
    const base = { inputDim: 2, width: 50, alpha: 1, init: 'gaussian' } as const;
    const { net: ntk, x } = setup({ ...base, parameterisation: 'ntk' }, 6, 4);
    const { net: standard } = setup({ ...base, parameterisation: 'standard' }, 6, 4);
    expectClose(forward(ntk, x, 6), forward(standard, x, 6), 1e-12, { scale: 'absolute' });
    // Standard: the output-layer gradient is √n larger, so its kernel's output share is n times larger.
    const ratio = tangentKernelParts(standard, x, 1, x, 1).outputLayer[0] / tangentKernelParts(ntk, x, 1, x, 1).outputLayer[0];
    expect(ratio).toBeCloseTo(50, 9);
  });

  it("'paired' starts from f₀ ≡ 0; a wider 'gaussian' net starts with the narrower one's units", () => {
    const { net, x } = setup({ inputDim: 2, width: 40, parameterisation: 'ntk', alpha: 1, init: 'paired' }, 8, 5);
    expectClose(forward(net, x, 8), new Float64Array(8), 1e-12, { scale: 'absolute' });
    const narrow = createNet({ inputDim: 2, width: 10, parameterisation: 'ntk', alpha: 1, init: 'gaussian' }, createRng(6));
    const wide = createNet({ inputDim: 2, width: 30, parameterisation: 'ntk', alpha: 1, init: 'gaussian' }, createRng(6));
    expect(Array.from(wide.hidden.subarray(0, 20))).toEqual(Array.from(narrow.hidden));
    expect(Array.from(wide.output.subarray(0, 10))).toEqual(Array.from(narrow.output));
  });
});

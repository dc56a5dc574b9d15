// The mirror-descent update rules (exponentiated gradient, EG±, p-norm) against independent Float64
// oracles (tests/unit/oracles/update-rules.ts); their Float64 twins; the potentials' dual maps; no tensor leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '../../../src/lib/random';
import { createUpdateRule, sgd, updateRules, type UpdateRuleName } from '../../../src/lib/rules/update';
import { exponentiatedGradient, exponentiatedGradientStep } from '../../../src/lib/rules/update/exponentiated-gradient';
import { pNorm, pNormStep } from '../../../src/lib/rules/update/p-norm';
import { EgPlusMinusVector, egPlusMinus, splitStart } from '../../../src/lib/rules/update/eg-plus-minus';
import { POTENTIALS, POTENTIAL_NAMES, dualChange, getPotential } from '../../../src/lib/rules/update/potentials';
import type { UpdateRule } from '../../../src/lib/rules/update';
import { oracleEg, oracleEgPm, oraclePNorm } from '../oracles/update-rules';
import { expectClose } from '../oracles/expect-close';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const rng = createRng(7);
const mixed = (n: number, scale = 0.5) => Array.from({ length: n }, () => rng.normal(0, scale));

/** Apply `rule` `steps` times to variables made from `starts` with fixed gradients; the final values. */
function runRule(rule: UpdateRule, starts: number[][], shapes: number[][], grads: number[][], steps: number): number[][] {
  const params = starts.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(s, shapes[i]))));
  const g = grads.map((s, i) => tf.tensor(s, shapes[i]));
  for (let t = 0; t < steps; t++) rule.apply(params, g);
  const out = params.map((p) => Array.from(p.dataSync()));
  tf.dispose([...params, ...g]);
  rule.dispose();
  return out;
}

const shapes = [[4, 6], [6]];
const starts = shapes.map((s) => mixed(s.reduce((a, b) => a * b, 1)));
const grads = shapes.map((s) => mixed(s.reduce((a, b) => a * b, 1), 1));

describe('exponentiated gradient', () => {
  it('matches the Float64 oracle over 3 steps, tensor by tensor', () => {
    const got = runRule(exponentiatedGradient(0.3), starts, shapes, grads, 3);
    starts.forEach((s, i) => {
      let w = s;
      for (let t = 0; t < 3; t++) w = oracleEg(w, grads[i], 0.3);
      expectClose(got[i], w, 1e-5, { floor: 1e-3 });
    });
  });

  it('never flips a sign, even under large steps, and a change of learning rate takes effect', () => {
    // Multiplicative factors e^{±3} per step, a random walk of ~e^{±13} in all: large, still finite in float32.
    const rule = exponentiatedGradient(1);
    const params = [tf.tidy(() => tf.variable(tf.tensor(starts[0], shapes[0])))];
    for (let t = 0; t < 20; t++) {
      const g = tf.tensor(mixed(24, 3), shapes[0]);
      rule.apply(params, [g]);
      g.dispose();
    }
    const after = params[0].dataSync();
    expect(after.every(Number.isFinite)).toBe(true);
    starts[0].forEach((v, i) => expect(Math.sign(after[i])).toBe(Math.sign(v)));
    rule.learningRate = 0;
    const before = Array.from(params[0].dataSync());
    const g = tf.tensor(mixed(24), shapes[0]);
    rule.apply(params, [g]);
    expectClose(params[0].dataSync(), before, 0, { floor: 1e-3 });
    tf.dispose([g, ...params]);
  });

  it('its Float64 step is the oracle', () => {
    const w = Float64Array.from(starts[0]);
    exponentiatedGradientStep(w, grads[0], 0.7);
    expectClose(w, oracleEg(starts[0], grads[0], 0.7), 1e-12, { floor: 1e-3 });
  });
});

describe('p-norm mirror descent', () => {
  it.each([1.5, 3])('p = %s matches the Float64 oracle over 3 steps', (p) => {
    const got = runRule(pNorm(0.05, p), starts, shapes, grads, 3);
    starts.forEach((s, i) => {
      let w = s;
      for (let t = 0; t < 3; t++) w = oraclePNorm(w, grads[i], 0.05, p);
      expectClose(got[i], w, 2e-4, { floor: 1e-3 });
    });
    const w = Float64Array.from(starts[1]);
    pNormStep(w, grads[1], 0.05, p);
    expectClose(w, oraclePNorm(starts[1], grads[1], 0.05, p), 1e-12, { floor: 1e-3 });
  });

  it('p = 2 is gradient descent (optim.ts sgd), and p ≤ 1 is refused', () => {
    const a = runRule(pNorm(0.1, 2), starts, shapes, grads, 2);
    const b = runRule(sgd(0.1), starts, shapes, grads, 2);
    a.forEach((x, i) => expectClose(x, b[i], 1e-6, { floor: 1e-3 }));
    expect(() => pNorm(0.1, 1)).toThrow(RangeError);
  });
});

describe('EG±', () => {
  it('splits a start onto the simplex: U(w⁺ − w⁻) = w, Σ(w⁺ + w⁻) = 1; refuses ‖w‖₁ ≥ U', () => {
    const w = [0.2, -0.1, 0, 0.05];
    const { plus, minus } = splitStart(w, 1);
    expectClose(Array.from(plus, (v, i) => v - minus[i]), w, 1e-12, { floor: 1e-3 });
    expect([...plus, ...minus].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(Math.min(...plus, ...minus)).toBeGreaterThan(0);
    expect(() => splitStart(w, 0.35)).toThrow(RangeError);
  });

  it('tfjs rule and Float64 vector both match the oracle from a non-zero start, 4 steps', () => {
    const total = 20;
    const got = runRule(egPlusMinus(0.02, { total }), starts, shapes, grads, 4);
    starts.forEach((s, i) => {
      let { plus, minus } = splitStart(s, total);
      let state = { plus: Array.from(plus), minus: Array.from(minus), w: s };
      for (let t = 0; t < 4; t++) state = oracleEgPm(state.plus, state.minus, grads[i], 0.02, total);
      expectClose(got[i], state.w, 1e-4, { floor: 1e-3 });
      const v = new EgPlusMinusVector(total, s);
      for (let t = 0; t < 4; t++) v.step(grads[i], 0.02);
      expectClose(v.weights, state.w, 1e-10, { floor: 1e-3 });
      ({ plus, minus } = v);
      expect([...plus, ...minus].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  });

  it('from K&W’s zero start stays inside ‖w‖₁ ≤ U and survives huge exponents (log-sum-exp)', () => {
    const v = EgPlusMinusVector.zero(5, 2);
    expect(Array.from(v.plus)).toEqual(new Array(5).fill(0.1));
    const rule = egPlusMinus(50, { total: 2 });
    const w = tf.tidy(() => tf.variable(tf.zeros([5])));
    const g = tf.tensor([3, -2, 1, 0, -4]);
    for (let t = 0; t < 10; t++) rule.apply([w], [g]);
    const out = w.dataSync();
    expect(out.every(Number.isFinite)).toBe(true);
    expect(Array.from(out).reduce((s, x) => s + Math.abs(x), 0)).toBeLessThanOrEqual(2 + 1e-5);
    expect(out[4]).toBeCloseTo(2, 4); // all the weight moves to the steepest descent direction: g₄ = −4, so w₄ → +U
    tf.dispose([w, g]);
    rule.dispose();
  });
});

describe('leaks', () => {
  const rules: [string, () => UpdateRule][] = [
    ['eg', () => exponentiatedGradient(0.01)],
    ['p-norm', () => pNorm(0.01, 3)],
    ['eg-plus-minus', () => egPlusMinus(0.001, { total: 50 })],
  ];
  it.each(rules)('%s: no tensor growth over 100 applies; dispose frees its state', (_, make) => {
    const base = tf.memory().numTensors;
    const params = starts.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(s, shapes[i]))));
    const g = grads.map((s, i) => tf.tensor(s, shapes[i]));
    const rule = make();
    rule.apply(params, g); // stateful rules make their state on the first apply
    const before = tf.memory().numTensors;
    for (let t = 0; t < 100; t++) rule.apply(params, g);
    expect(tf.memory().numTensors).toBe(before);
    expect(params.every((p) => !p.isDisposed) && g.every((x) => !x.isDisposed)).toBe(true);
    rule.dispose();
    tf.dispose([...params, ...g]);
    expect(tf.memory().numTensors).toBe(base);
  });
});

describe('potentials (Float64 mirror maps)', () => {
  it('dual maps are the formulas, and each step moves the dual by exactly −η∇L', () => {
    const w = Float64Array.from([0.3, -0.02, 1.7, -0.9]);
    const g = [0.4, -0.3, 0.2, 0.1];
    expect(POTENTIALS['2-norm'].dual(-0.4)).toBe(-0.4);
    expect(POTENTIALS['3-norm'].dual(-0.5)).toBeCloseTo(-0.25, 15);
    expect(POTENTIALS['negative-entropy'].dual(-Math.E)).toBeCloseTo(-2, 15);
    for (const name of POTENTIAL_NAMES) {
      const p = getPotential(name);
      const after = Float64Array.from(w);
      p.step(after, g, 0.05);
      const xi = dualChange(p, w, after);
      expectClose(xi, g.map((v) => -0.05 * v), 'float64', { floor: 1e-3 });
    }
    expect(() => getPotential('1-norm')).toThrow();
  });

  it('metric is 1/φ″: a tiny step moves w by −η metric(w) ∇L', () => {
    for (const name of POTENTIAL_NAMES) {
      const p = getPotential(name);
      const w = Float64Array.from([0.3, -0.7]);
      const g = [1, -2];
      p.step(w, g, 1e-7);
      expect((w[0] - 0.3) / -1e-7).toBeCloseTo(p.metric(0.3) * 1, 4);
      expect((w[1] + 0.7) / (1e-7 * 2)).toBeCloseTo(p.metric(-0.7), 4);
    }
  });
});

describe('the registered family', () => {
  it('makes every rule by name; each updates the weights, takes a new learning rate, and frees its state', () => {
    for (const name of Object.keys(updateRules) as UpdateRuleName[]) {
      const before = tf.memory().numTensors;
      const w = tf.tidy(() => tf.variable(tf.tensor1d([0.3, -0.2, 0.1])));
      const g = tf.tensor1d([0.5, 0.4, -0.3]);
      const rule = createUpdateRule(name, 0.01, { meta: 1, total: 2, p: 3 });
      expect(rule.kind).toBe(name === 'eg-plus-minus' ? 'eg-plus-minus' : name);
      const start = Array.from(w.dataSync());
      const gv = Array.from(g.dataSync());
      const loss = (v: number[]) => v.reduce((sum, x, i) => sum + x * gv[i], 0);
      for (let i = 0; i < 5; i++) rule.apply([w], [g]);
      rule.learningRate = 0.02;
      rule.apply([w], [g]);
      const after = Array.from(w.dataSync());
      expect(after.some((v, i) => v !== start[i])).toBe(true);
      // Every rule descends: the loss g·w falls.
      expect(loss(after)).toBeLessThan(loss(start));
      rule.dispose();
      tf.dispose([w, g]);
      expect({ name, tensors: tf.memory().numTensors }).toEqual({ name, tensors: before });
    }
    expect(() => createUpdateRule('nope' as UpdateRuleName, 0.1)).toThrow(/Unknown update rule/);
  });
});

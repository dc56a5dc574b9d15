// The lib behind <eqprop-phases>: the shared-free-phase angle sweep equals eqpropAngle point by
// point; EqProp traces replay relax() frame by frame; EqPropLive measures what changed and only
// that; live settings reach the run; nothing leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../scripts/node-tf';
import { createRng } from '../../../src/lib/random';
import { nodeSource } from '../../../src/lib/data/source-node';
import { createEqPropNet, disposeEqPropNet, relax } from '../../../src/lib/rules/local/eqprop';
import { eqpropAngle, eqpropAngleCurve } from '../../../src/lib/rules/local/eqprop-angles';
import { EQPROP_DEFAULTS } from '../../../src/chapters/feedback-alignment/runs/eqprop';
import { EqPropLive, type EqPropLiveConfig } from '../../../src/chapters/feedback-alignment/runs/eqprop-live';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('eqpropAngleCurve', () => {
  it('gives eqpropAngle’s numbers for every β, one-sided and symmetric, and leaks nothing', () => {
    const sizes = [12, 6, 3];
    const net = createEqPropNet(sizes, createRng(5));
    const rng = createRng(6);
    const x = tf.tensor2d(rng.uniformArray(5 * 12, 0, 1), [5, 12]);
    const y = tf.cast(tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1], 'int32'), 3), 'float32') as tf.Tensor2D;
    const options = { freeSteps: 60, nudgedSteps: 60, referenceSteps: 60 };
    const betas = [0.01, 0.2, 1];
    const before = tf.memory().numTensors;
    const curve = eqpropAngleCurve(net, x, y, betas, options);
    expect(tf.memory().numTensors).toBe(before);
    betas.forEach((beta, i) => {
      expect(curve.oneSided[i]).toBeCloseTo(eqpropAngle(net, x, y, beta, 'one-sided', options), 4);
      expect(curve.symmetric[i]).toBeCloseTo(eqpropAngle(net, x, y, beta, 'symmetric', options), 4);
    });
    tf.dispose([x, y]);
    disposeEqPropNet(net);
  });
});

describe('EqPropLive (MNIST, 784-32-10, 300 digits)', () => {
  const config: EqPropLiveConfig = {
    ...EQPROP_DEFAULTS,
    sizes: [784, 32, 10],
    trainSize: 300,
    testSize: 100,
    probeSize: 20,
    seed: 3,
    freeSteps: 8,
    nudgedSteps: 4,
    nudging: 'symmetric',
    traceIndex: 4,
    curveBetas: [0.01, 0.5],
    angleSteps: 20,
  };

  it('traces both phases as relax() runs them, measures the sweep once per step, and leaks nothing', async () => {
    const start = tf.memory().numTensors;
    const live = await EqPropLive.create(config, nodeSource());
    const a = live.evaluate();
    const base = tf.memory().numTensors;
    const t = a.trace;
    const units = 32 + 10;
    expect(t).toMatchObject({ index: 4, sizes: [32, 10], beta: 0.1, nudging: 'symmetric', freeSteps: 8, nudgedSteps: 4 });
    expect(t.free).toHaveLength(9 * units);
    expect(t.plus).toHaveLength(5 * units);
    expect(t.minus).toHaveLength(5 * units);
    expect(t.image).toHaveLength(784);
    expect(t.label).toBeGreaterThanOrEqual(0);
    expect(Array.from(t.free.subarray(0, units)).every((v) => v === 0)).toBe(true);
    // Frame 0 of each nudged phase is the free state the phase starts from.
    expect(Array.from(t.plus.subarray(0, units))).toEqual(Array.from(t.free.subarray(8 * units)));
    expect(Array.from(t.minus!.subarray(0, units))).toEqual(Array.from(t.free.subarray(8 * units)));
    // The run's first evaluation measures the current β alone (its first numbers at once) …
    expect(a.curve).toMatchObject({ step: 0, betas: [0.1] });
    expect(a.curvePending).toBe(true);
    expect(a.curve.symmetric[0]).toBeLessThan(a.curve.oneSided[0]);
    // … the next one the rest of the sweep, the current β's angles as they were.
    const full = live.evaluate();
    expect(full.curvePending).toBe(false);
    expect(full.curve).toMatchObject({ step: 0, betas: [0.01, 0.1, 0.5] });
    expect(full.curve.oneSided[1]).toBe(a.curve.oneSided[0]);
    expect(full.curve.symmetric[0]).toBeLessThan(full.curve.oneSided[0]);

    // Unchanged: the same trace object back, nothing measured again.
    const b = live.evaluate();
    expect(b.trace).toBe(a.trace);
    expect(b.curve).toEqual(full.curve);
    // A new β at the same step: one more point, the others as they were.
    live.update({ beta: 0.2, traceIndex: 6 });
    const c = live.evaluate();
    expect(c.curve.betas).toEqual([0.01, 0.1, 0.2, 0.5]);
    expect(c.curve.oneSided[0]).toBe(full.curve.oneSided[0]);
    expect(c.trace).toMatchObject({ index: 6, beta: 0.2 });
    expect(c.testAccuracy).toBe(a.testAccuracy);
    // One-sided nudging: no −β phase. Training: a new step, a fresh sweep.
    live.update({ nudging: 'one-sided', freeSteps: 5 });
    live.train(2);
    const d = live.evaluate();
    expect(d.trace.minus).toBeNull();
    expect(d.trace.free).toHaveLength(6 * units);
    expect(d.curve).toMatchObject({ step: 2, betas: [0.01, 0.2, 0.5] });
    expect(d.curvePending).toBe(false);
    expect(tf.memory().numTensors).toBe(base);
    live.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('the trace’s last free frame is relax()’s free equilibrium', async () => {
    const live = await EqPropLive.create({ ...config, nudging: 'one-sided' }, nodeSource());
    const t = live.evaluate().trace;
    // Rebuild the same net (same seed) and relax the same digit.
    const net = createEqPropNet(config.sizes, createRng(config.seed).fork('init'));
    const x = tf.tensor2d(t.image, [1, 784]);
    const y = tf.cast(tf.oneHot(tf.tensor1d([t.label], 'int32'), 10), 'float32') as tf.Tensor2D;
    const free = relax(net, x, y, null, config.freeSteps, 0);
    const expected = [...free[0].dataSync(), ...free[1].dataSync()];
    const got = Array.from(t.free.subarray(config.freeSteps * 42));
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, y, ...free]);
    disposeEqPropNet(net);
    live.dispose();
  });
});

// Weights, live: a tiny Dale network on MNIST trained by GD and EG from one start. The live-run
// contract (step, evaluate, update incl. 'matched', dispose), determinism by seed, EG never breaking
// Dale's law, the change summaries, and no tensor leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend } from '../../../../scripts/node-tf';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { nonGaussianity } from '../../../../src/lib/stats/normality';
import { WEIGHTS_LIVE_DEFAULTS, WeightsLiveRun, meanMagnitude } from '../../../../src/chapters/exponentiated-gradient/runs/weights-live';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const tiny = { ...WEIGHTS_LIVE_DEFAULTS, hidden: [16], trainSize: 300, testSize: 200, seed: 3 };

describe('weights live (Dale network, GD vs EG)', () => {
  it('starts both networks identical, keeps EG within Dale’s law, reports plain data; no leaks', async () => {
    const base = tf.memory().numTensors;
    const run = await WeightsLiveRun.create(tiny, nodeSource());
    expect(run.step).toBe(0);
    const start = run.initialWeights();
    expect(run.weights('gd')).toEqual(start);
    expect(run.weights('eg')).toEqual(start);
    run.train(1);
    const count = tf.memory().numTensors;
    const r = run.train(40);
    expect(r).toMatchObject({ step: 41, diverged: false });
    const m = run.evaluate();
    expect(tf.memory().numTensors).toBe(count);
    const [gd, eg] = m.members;
    expect([gd.rule, eg.rule]).toEqual(['gd', 'eg']);
    expect(eg.violations).toBe(0);
    expect(gd.testAccuracy).toBeGreaterThan(0.3);
    expect(eg.testAccuracy).toBeGreaterThan(0.3);
    expect(m.egRate).toBeCloseTo(tiny.gdRate / meanMagnitude(start), 4);
    expect(m.layer).toBe(1);
    expect(eg.changes.map((c) => c.potential)).toEqual(['2-norm', 'negative-entropy']);
    expect(eg.logMagnitude.counts.reduce((s, c) => s + c, 0) + eg.logMagnitude.below + eg.logMagnitude.above).toBe(16 * 10);
    expect(m.history).toEqual([{ step: 41, gd: gd.testAccuracy, eg: eg.testAccuracy }]);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    // The EG change in log space: its sign-preserving dual change is log|w_T| − log|w₀| (times the sign).
    const w = run.weights('eg')[1];
    const logChange = Array.from(w, (v, i) => Math.sign(v) * (Math.log(Math.abs(v)) - Math.log(Math.abs(start[1][i]))));
    expect(logChange.some((v) => v !== 0)).toBe(true);
    expect(eg.changes[1].nonGaussianity).toBeCloseTo(nonGaussianity(logChange), 9);
    run.dispose();
    expect(tf.memory().numTensors).toBe(base);
  });

  it('applies live settings: rates (EG follows GD when matched), the inspected layer; refuses a bad layer', async () => {
    const run = await WeightsLiveRun.create(tiny, nodeSource());
    run.update({ gdRate: 0.2 });
    const m = run.evaluate();
    expect(m.gdRate).toBe(0.2);
    expect(m.egRate).toBeCloseTo(0.2 / meanMagnitude(run.initialWeights()), 4);
    run.update({ egRate: 0, layer: 0 });
    run.train(5);
    const after = run.evaluate();
    expect(after.egRate).toBe(0);
    expect(after.layer).toBe(0);
    expect(run.weights('eg')).toEqual(run.initialWeights()); // EG with η = 0 leaves the weights alone
    expect(() => run.update({ layer: 2 })).toThrow(RangeError);
    run.dispose();
  });

  it('scales EG’s step by egRateScale, matched or not, at creation and live', async () => {
    const run = await WeightsLiveRun.create({ ...tiny, egRateScale: 0.5 }, nodeSource());
    const matched = tiny.gdRate / meanMagnitude(run.initialWeights());
    expect(run.evaluate().egRate).toBeCloseTo(0.5 * matched, 5);
    run.update({ egRateScale: 3 });
    expect(run.evaluate().egRate).toBeCloseTo(3 * matched, 5);
    run.update({ gdRate: 0.2 }); // still matched: follows GD, times the scale
    expect(run.evaluate().egRate).toBeCloseTo(6 * matched, 5);
    run.update({ egRate: 0.01 });
    expect(run.evaluate().egRate).toBeCloseTo(0.03, 7);
    run.dispose();
  });

  it('same seed → same numbers', async () => {
    const a = await WeightsLiveRun.create(tiny, nodeSource());
    const b = await WeightsLiveRun.create(tiny, nodeSource());
    a.train(6);
    b.train(3);
    b.train(3);
    expect(b.evaluate()).toEqual(a.evaluate());
    a.dispose();
    b.dispose();
  });
});

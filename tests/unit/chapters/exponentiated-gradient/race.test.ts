// The sparse-vs-dense race: the live run's contract (step, train, evaluate, update, dispose, same seed
// → same numbers), its losses against an independent re-implementation of GD and EG± on the same
// stream, and K&W's picture at a reduced size.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/lib/random';
import { OnlineRegressionStream } from '../../../../src/lib/data/online';
import { RACE_DEFAULTS, RACE_DENSE, RACE_LIVE_KEYS, RaceRun } from '../../../../src/chapters/exponentiated-gradient/runs/sparse-dense-race';
import { oracleSparseDenseRace } from '../../oracles/update-rules';

/** The oracle race on the run's stream for N (seed forked by `N=n`). */
const oracleRace = (seed: number, n: number, relevant: number, kind: 'signs' | 'unit', trials: number) =>
  oracleSparseDenseRace(new OnlineRegressionStream({ inputs: n, relevant, kind }, createRng(seed).fork(`N=${n}`)), n, relevant, kind, trials);

describe('sparse vs dense race', () => {
  it('matches the independent GD / EG± for sparse and dense targets', () => {
    const run = new RaceRun({ ...RACE_DEFAULTS, sizes: [8, 32], relevant: 2, trials: 150, seed: 4 });
    run.train(150);
    const m = run.evaluate();
    [8, 32].forEach((n, i) => {
      const o = oracleRace(4, n, 2, 'signs', 150);
      expect(m.gd[i]).toBeCloseTo(o.gd, 9);
      expect(m.eg[i]).toBeCloseTo(o.eg, 9);
    });
    const dense = new RaceRun({ ...RACE_DEFAULTS, ...RACE_DENSE, sizes: [16], trials: 300, seed: 2 });
    dense.train(300);
    const o = oracleRace(2, 16, Number.MAX_SAFE_INTEGER, 'unit', 300);
    expect(dense.evaluate().gd[0]).toBeCloseTo(o.gd, 9);
    expect(dense.evaluate().eg[0]).toBeCloseTo(o.eg, 9);
  });

  it('keeps the live-run contract: step, curves, horizon, live rates, same seed → same numbers', () => {
    const config = { ...RACE_DEFAULTS, sizes: [16, 64], trials: 100, curveEvery: 25, seed: 9 };
    const a = new RaceRun(config);
    const b = new RaceRun(config);
    expect(a.step).toBe(0);
    const r = a.train(60);
    expect(r).toMatchObject({ step: 60, diverged: false });
    expect(r.loss).toBeGreaterThanOrEqual(0);
    b.train(30);
    b.train(30);
    expect(b.evaluate()).toEqual(a.evaluate());
    a.train(1000);
    const m = a.evaluate();
    expect(m.step).toBe(100);
    expect(m.done).toBe(true);
    expect(m.curveTrials).toEqual([0, 25, 50, 75, 100]);
    expect(m.gdCurves[1][4]).toBe(m.gd[1]);
    expect(a.train(5)).toMatchObject({ step: 100, diverged: false });
    expect(JSON.parse(JSON.stringify(m))).toEqual(m); // plain data
    expect(RACE_LIVE_KEYS).toEqual(['gdRateScale', 'egRateScale']);
    const c = new RaceRun(config);
    c.update({ egRateScale: 0 });
    c.train(100);
    const frozen = c.evaluate();
    expect(frozen.egRates).toEqual([0, 0]);
    expect(frozen.eg[0]).toBe(100 * 1); // EG± never moves from w = 0: loss y² = 1 per trial
    expect(frozen.gd).toEqual(m.gd);
    for (const run of [a, b, c]) run.dispose();
  });

  it('K&W’s picture: GD pays ≈ N, EG± ≈ log N; a dense target turns it round', () => {
    const run = new RaceRun({ ...RACE_DEFAULTS, sizes: [16, 64, 256], trials: 1000, seed: 1 });
    run.train(1000);
    const { gd, eg } = run.evaluate();
    // GD shrinks ‖w − u‖² by ≈ (1 − 1/N) per trial and pays it: ≈ N(1 − e^{−T/N}) after T trials.
    gd.forEach((v, i) => expect(v / ([16, 64, 256][i] * (1 - Math.exp(-1000 / [16, 64, 256][i])))).toBeCloseTo(1, 1));
    expect(eg[2] / eg[0]).toBeLessThan(2.2);
    expect(gd[2] / eg[2]).toBeGreaterThan(10);
    const dense = new RaceRun({ ...RACE_DEFAULTS, ...RACE_DENSE, sizes: [64], trials: 1000, seed: 1 });
    dense.train(1000);
    expect(dense.evaluate().eg[0]).toBeGreaterThan(5 * dense.evaluate().gd[0]);
  });
});

// The CNN-pooling chapter's live runs (shift probe, equivariance grid, Picasso) and the net set behind
// them: step / train / evaluate / update / dispose, plain-data metrics, determinism by seed, on nets
// retrained here from a seed at a tiny size (the shipped-weights mode is tested in
// cnn-pooling-pretrained.test.ts).
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../src/lib/data/source-node';
import { loadDigitSplit } from '../../../src/chapters/cnn-pooling/data';
import { NetSet } from '../../../src/chapters/cnn-pooling/net-set';
import { NET_IDS } from '../../../src/chapters/cnn-pooling/nets';
import { SHIFT_PROBE_DEFAULTS, ShiftProbeRun, SWEEP, type ShiftProbeMetrics } from '../../../src/chapters/cnn-pooling/runs/shift-probe';
import { EQUIVARIANCE_DEFAULTS, EquivarianceRun } from '../../../src/chapters/cnn-pooling/runs/equivariance';
import { PICASSO_DEFAULTS, PicassoRun, T_SWEEP } from '../../../src/chapters/cnn-pooling/runs/picasso';

const source = nodeSource();
/** No model files are read when retraining. */
const noModels = async (name: string): Promise<Uint8Array> => {
  throw new Error(`unexpected read of ${name}`);
};
const retrain = { seed: 3, weights: 'retrain' as const, engine: 'wasm-simd' as const, trainSize: 128 };
const withoutTimes = <T extends object>(m: T) => JSON.parse(JSON.stringify(m, (k, v) => (k.endsWith('Ms') || k === 'ms' ? 0 : v))) as T;

describe('NetSet', () => {
  it('the same seed gives the same nets after the same steps; the augmented net starts as the max-pool one and parts from it', async () => {
    const { train } = await loadDigitSplit(source, 8000, 2000, 128);
    const make = () => NetSet.fromSeed({ ids: NET_IDS, classes: 10, seed: 5, engine: 'wasm-simd' }, train);
    const [a, b] = [make(), make()];
    const start = [await a.parameters('max'), await a.parameters('augmented')];
    start[0].forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(start[1][i])));
    a.train(3);
    b.train(3);
    await Promise.all([a.sync(), b.sync()]);
    for (const id of NET_IDS) {
      const [pa, pb] = [await a.parameters(id), await b.parameters(id)];
      pa.forEach((p, i) => expect(Array.from(p)).toEqual(Array.from(pb[i])));
    }
    const [max, aug] = [await a.parameters('max'), await a.parameters('augmented')];
    expect(max[0].some((v, i) => v !== aug[0][i])).toBe(true);
    expect(a.step).toBe(3);
    expect(a.trainingSeconds().gap).toBeGreaterThan(0);
    a.dispose();
    b.dispose();
  });
});

describe('ShiftProbeRun (retrained here)', () => {
  const config = { ...SHIFT_PROBE_DEFAULTS, ...retrain, curveDigits: 12, digit: 4 };

  it('evaluates the five nets at every shift; train, update and dispose; plain data; the same seed twice gives the same numbers', async () => {
    const run = await ShiftProbeRun.create(config, source, noModels);
    expect(run.step).toBe(0);
    const r = await run.train(2);
    expect(r.step).toBe(2);
    expect(Number.isFinite(r.loss)).toBe(true);
    const m: ShiftProbeMetrics = await run.evaluate();
    expect(structuredClone(m)).toEqual(m);
    expect(m.nets).toEqual([...NET_IDS]);
    expect(m.probabilities).toHaveLength(5);
    m.probabilities.forEach((p) => expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5));
    expect(m.sweep.shifts).toEqual(SWEEP);
    expect(m.sweep.top.every((row) => row.length === 13)).toBe(true);
    expect(m.curves.accuracy.every((row) => row.length === 13 && row.every((a) => a >= 0 && a <= 1))).toBe(true);
    expect(m.curves.digits).toBe(12);
    expect(m.probeMs).toBeGreaterThan(0);
    // the probed image at shift 0 vs shift +3: the same pixels, three columns further right
    run.update({ shift: 3, seed: 99 } as never);
    expect(run.config.seed).toBe(3);
    const moved = await run.evaluate();
    expect(moved.shift).toBe(3);
    for (let y = 0; y < 28; y++) for (let x = 3; x < 28; x++) expect(moved.image[y * 28 + x]).toBe(m.image[y * 28 + x - 3]);
    moved.probabilities.forEach((p, k) => expect(p.indexOf(Math.max(...p))).toBe(moved.sweep.top[k][SWEEP.indexOf(3)]));
    expect(moved.curveMs).toBeLessThan(m.curveMs + 1e-9);
    run.update({ drawn: Array.from({ length: 784 }, (_, i) => (i % 28 > 10 && i % 28 < 14 ? 1 : 0)) });
    expect((await run.evaluate()).label).toBeNull();
    const again = await ShiftProbeRun.create(config, source, noModels);
    await again.train(2);
    expect(withoutTimes(await again.evaluate())).toEqual(withoutTimes(m));
    run.dispose();
    again.dispose();
  });
});

describe('EquivarianceRun (retrained here)', () => {
  it('one layers × shifts grid per net; zero error at zero shift; conv layers below the pooled ones at odd shifts', async () => {
    const run = await EquivarianceRun.create({ ...EQUIVARIANCE_DEFAULTS, ...retrain, images: 16 }, source, noModels);
    await run.train(1);
    const m = run.evaluate();
    expect(structuredClone(m)).toEqual(m);
    expect(m.grids.map((g) => g.layers)).toEqual([
      ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
      ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
      ['conv 1', 'pool 1', 'conv 2', 'conv 3', 'global average', 'output'],
    ]);
    for (const g of m.grids) {
      g.error.forEach((row) => expect(row[0]).toBe(0));
      // convolution commutes with shifts: conv 1's error stays far below pool 1's at 1 px
      expect(g.error[0][1]).toBeLessThan(0.5 * g.error[1][1]);
    }
    run.update({ wrap: true, images: 8 });
    expect(run.evaluate().images).toBe(8);
    run.dispose();
  });
});

describe('PicassoRun (retrained here)', () => {
  it('P(face) as the parts move, the swapped digit, the summary; live t', async () => {
    const run = await PicassoRun.create({ ...PICASSO_DEFAULTS, ...retrain, face: 2, digit: 5, scoreImages: 40 }, source, noModels);
    await run.train(2);
    const m = run.evaluate();
    expect(structuredClone(m)).toEqual(m);
    expect(m.face.sweep.t).toEqual(T_SWEEP);
    m.face.pFace.forEach((p, k) => {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(p).toBeCloseTo(m.face.sweep.pFace[k][0], 6);
    });
    expect(m.digit.swapped).not.toEqual(m.digit.original);
    expect(m.summary.keepsLabel).toHaveLength(5);
    run.update({ t: 1 });
    const end = run.evaluate();
    end.face.pFace.forEach((p, k) => expect(p).toBeCloseTo(end.face.sweep.pFace[k][10], 6));
    expect(end.face.image).not.toEqual(m.face.image);
    run.dispose();
  });
});

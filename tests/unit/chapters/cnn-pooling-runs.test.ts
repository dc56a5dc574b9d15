// The CNN-pooling chapter's live runs (shift probe, equivariance grid, Picasso) and the net set behind
// them: step / train / evaluate / update / dispose, plain-data metrics, determinism by seed, on nets
// retrained here from a seed at a tiny size (the shipped-weights mode is tested in
// cnn-pooling-pretrained.test.ts). The progressively measured curves, grids and tallies are checked
// against the chapter's one-shot measurements (the lib's accuracyUnderShifts and equivarianceErrors,
// scores.ts) on an identical net set trained from the same seed.
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../src/lib/data/source-node';
import { shiftImages } from '../../../src/lib/data/shift';
import { accuracyUnderShifts, softmaxRows } from '../../../src/lib/invariance/metrics';
import { equivarianceErrors } from '../../../src/lib/invariance/equivariance';
import { drawLayout, scrambledLayouts } from '../../../src/lib/data/faces';
import { createRng } from '../../../src/lib/random';
import { firstImages, galleryIndices, loadDigitSplit } from '../../../src/chapters/cnn-pooling/data';
import { faceTask } from '../../../src/chapters/cnn-pooling/experiments';
import { NetSet } from '../../../src/chapters/cnn-pooling/net-set';
import { NET_IDS } from '../../../src/chapters/cnn-pooling/nets';
import { faceScores, quadrantScores } from '../../../src/chapters/cnn-pooling/scores';
import { SHIFT_PROBE_DEFAULTS, ShiftProbeRun, SWEEP, type ShiftProbeMetrics } from '../../../src/chapters/cnn-pooling/runs/shift-probe';
import { EQUIVARIANCE_DEFAULTS, EQUIVARIANCE_NETS, EQUIVARIANCE_SHIFTS, EquivarianceRun } from '../../../src/chapters/cnn-pooling/runs/equivariance';
import { PICASSO_DEFAULTS, PicassoRun, T_SWEEP } from '../../../src/chapters/cnn-pooling/runs/picasso';

const source = nodeSource();
/** No model files are read when retraining. */
const noModels = async (name: string): Promise<Uint8Array> => {
  throw new Error(`unexpected read of ${name}`);
};
const retrain = { seed: 3, weights: 'retrain' as const, engine: 'wasm-simd' as const, trainSize: 128 };
const withoutTimes = <T extends object>(m: T) => JSON.parse(JSON.stringify(m, (k, v) => (k.endsWith('Ms') || k === 'ms' ? 0 : v))) as T;

/** The same nets as a run retrained from seed 3 for `steps` steps on the first 128 training digits. */
async function twinNets(ids: readonly (typeof NET_IDS)[number][], steps: number, classes = 10, train?: { x: Float32Array; labels: Uint8Array; n: number }) {
  const data = train ?? (await loadDigitSplit(source, 8000, 2000, 128)).train;
  const set = NetSet.fromSeed({ ids, classes, seed: 3, engine: 'wasm-simd' }, data);
  set.train(steps);
  await set.sync();
  return set;
}

/** Evaluate until nothing is pending (each call measures a little). */
async function settle<M extends { pending: boolean }>(evaluate: () => M | Promise<M>, limit = 500): Promise<M> {
  let m = await evaluate();
  for (let i = 0; m.pending && i < limit; i++) m = await evaluate();
  return m;
}

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

  it('the gallery: the first two test digits of each class, class by class', () => {
    const labels = [3, 0, 1, 0, 2, 1, 0, 2, 3, 1];
    expect(galleryIndices(labels, 2, 4)).toEqual([1, 3, 2, 5, 4, 7, 0, 8]);
  });
});

describe('ShiftProbeRun (retrained here)', () => {
  const config = { ...SHIFT_PROBE_DEFAULTS, ...retrain, curveDigits: 32, digit: 4 };

  it('sends every net’s probabilities at all 13 shifts, as the nets give them; plain data; deterministic', async () => {
    const run = await ShiftProbeRun.create(config, source, noModels);
    expect(run.step).toBe(0);
    const r = await run.train(2);
    expect(r.step).toBe(2);
    expect(Number.isFinite(r.loss)).toBe(true);
    const m: ShiftProbeMetrics = await run.evaluate();
    expect(structuredClone(m)).toEqual(m);
    expect(m.nets).toEqual([...NET_IDS]);
    expect(m.total).toBe(6); // 3 epochs of 128 digits at batch 64
    expect(m.training).toBe(0);
    expect(m.probabilities).toHaveLength(5);
    m.probabilities.forEach((net) => {
      expect(net).toHaveLength(SWEEP.length);
      net.forEach((p) => expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5));
    });
    // The gallery's fifth digit is the third class's first (0, 0, 1, 1, 2, …), and its label is sent.
    expect(m.digit.slot).toBe(4);
    expect(m.digit.label).toBe(2);
    expect(run.galleryImages().labels).toEqual(Uint8Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]));
    // Oracle: the same nets from the same seed, the digit shifted here.
    const twin = await twinNets(NET_IDS, 2);
    const image = Float32Array.from(m.digit.image);
    for (const [k, s] of SWEEP.entries()) {
      if (k % 4 !== 0) continue;
      const moved = shiftImages(image, 1, 28, s, 0, 'zero');
      NET_IDS.forEach((id, j) => {
        const p = softmaxRows(twin.logits(id)(moved, 1), 1, 10);
        p.forEach((v, c) => expect(m.probabilities[j][k][c]).toBeCloseTo(v, 5));
      });
    }
    twin.dispose();
    run.update({ drawn: Array.from({ length: 784 }, (_, i) => (i % 28 > 10 && i % 28 < 14 ? 1 : 0)), seed: 99 } as never);
    expect(run.config.seed).toBe(3);
    const drawn = await run.evaluate();
    expect(drawn.digit.label).toBeNull();
    expect(drawn.digit.slot).toBeNull();
    expect(drawn.probeMs).toBeGreaterThan(0);
    const again = await ShiftProbeRun.create(config, source, noModels);
    await again.train(2);
    expect(withoutTimes(await again.evaluate()).probabilities).toEqual(withoutTimes(m).probabilities);
    run.dispose();
    again.dispose();
  });

  it('measures the curves a batch at a time, only while the weights hold still, to the one-shot accuracy', async () => {
    const run = await ShiftProbeRun.create(config, source, noModels);
    await run.train(1);
    const first = await run.evaluate(); // the weights just moved: nothing measured
    expect(first.curves.seeds[0].done).toBe(0);
    expect(first.pending).toBe(true);
    const second = await run.evaluate();
    expect(second.curves.seeds[0].accuracy[0].some(Number.isFinite)).toBe(true);
    const done = await settle(() => run.evaluate());
    expect(done.pending).toBe(false);
    expect(done.curves.seeds[0].done).toBe(32);
    const twin = await twinNets(NET_IDS, 1);
    const { test } = await loadDigitSplit(source, 8000, 2000, 0);
    const set = firstImages(test, 32);
    NET_IDS.forEach((id, j) => expect(done.curves.seeds[0].accuracy[j]).toEqual(accuracyUnderShifts(twin.logits(id), set.x, set.labels, set.n, 28, 10, SWEEP)));
    twin.dispose();
    // Wrap-around: measured afresh; the zero-fill curves are kept for a toggle back.
    run.update({ wrap: true });
    expect((await run.evaluate()).wrap).toBe(true);
    run.update({ wrap: false });
    expect((await run.evaluate()).curves.seeds[0].done).toBe(32);
    run.dispose();
  });

  it('several seeds train one after another; the bars stay the first seed’s', async () => {
    const run = await ShiftProbeRun.create({ ...config, seeds: 2 }, source, noModels);
    await run.train(6);
    const after1 = await run.evaluate();
    expect(after1.seeds).toEqual([3, 4]);
    expect(after1.training).toBe(1);
    // The next seed's nets are built when its turn comes.
    expect(after1.curves.seeds.map((s) => s.seed)).toEqual([3]);
    await run.train(10); // only 6 more are left
    const after2 = await settle(() => run.evaluate());
    expect(after2.step).toBe(12);
    expect(after2.total).toBe(12);
    expect(after2.training).toBe(-1);
    expect(after2.probabilities).toEqual(after1.probabilities);
    expect(after2.curves.seeds.every((s) => s.done === 32 && s.step === 6)).toBe(true);
    expect(after2.curves.seeds[0].accuracy).not.toEqual(after2.curves.seeds[1].accuracy);
    run.dispose();
  });
});

describe('EquivarianceRun (retrained here)', () => {
  it('a layers × shifts grid per net, measured batch by batch to the one-shot grid; the close-up', async () => {
    const run = await EquivarianceRun.create({ ...EQUIVARIANCE_DEFAULTS, ...retrain, images: 32, detailNet: 0, detailLayer: 1, detailShift: 1, detailDigit: 5 }, source, noModels);
    await run.train(1);
    const m = await settle(() => run.evaluate());
    expect(structuredClone(m)).toEqual(m);
    expect(m.done).toBe(32);
    expect(m.grids.map((g) => g.layers)).toEqual([
      ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
      ['conv 1', 'pool 1', 'conv 2', 'pool 2', 'output'],
      ['conv 1', 'pool 1', 'conv 2', 'conv 3', 'global average', 'output'],
    ]);
    const twin = await twinNets(EQUIVARIANCE_NETS, 1);
    const { test } = await loadDigitSplit(source, 8000, 2000, 0);
    const set = firstImages(test, 32);
    EQUIVARIANCE_NETS.forEach((id, k) => {
      const oracle = equivarianceErrors(twin.maps(id)!, set.x, set.n, 28, EQUIVARIANCE_SHIFTS);
      m.grids[k].error.forEach((row, l) => row.forEach((e, s) => expect(e).toBeCloseTo(oracle.error[l][s], 4)));
    });
    // The close-up: the max-pool net's pool 1 at 1 px on test digit 5; its E is that digit's E.
    const d = m.detail!;
    expect([d.net, d.layer, d.shift, d.digit, d.label, d.width, d.stride]).toEqual([0, 1, 1, 5, 'pool 1', 12, 2]);
    expect(d.shifted).toHaveLength(144);
    expect(Number.isNaN(d.expected[0])).toBe(true); // column 0 has no source after a move of half a map pixel
    const one = equivarianceErrors(twin.maps('max')!, test.x.slice(5 * 784, 6 * 784), 1, 28, [1]);
    expect(d.error).toBeCloseTo(one.error[1][0], 5);
    run.update({ detailLayer: 4, detailShift: 3 });
    const vector = run.evaluate().detail!;
    expect([vector.label, vector.width, vector.height, vector.channel]).toEqual(['output', 10, 1, null]);
    twin.dispose();
    run.dispose();
  });
});

describe('PicassoRun (retrained here)', () => {
  it('the face at every t with P(face) of every net; the swapped digit; the tally, measured to the one-shot scores', async () => {
    const run = await PicassoRun.create({ ...PICASSO_DEFAULTS, ...retrain, face: 2, digit: 5, scoreImages: 40 }, source, noModels);
    await run.train(2);
    const m = await settle(() => run.evaluate());
    expect(structuredClone(m)).toEqual(m);
    expect(m.face.t).toEqual(T_SWEEP);
    expect(m.face.images).toHaveLength(21);
    const pair = scrambledLayouts(24, createRng(0).fork('picasso-slider'))[2];
    expect(m.face.images[0]).toEqual(Array.from(drawLayout(pair.face)));
    expect(m.face.images[20]).toEqual(Array.from(drawLayout(pair.scrambled)));
    m.face.pFace.forEach((p) => p.forEach((v) => expect(v >= 0 && v <= 1).toBe(true)));
    expect(m.digit.swapped).not.toEqual(m.digit.original);
    expect(m.digit.label).toBe(2);
    // Oracle: scores.ts on the same nets (digits: 2 steps; faces: 2 steps of their own task).
    const digitTwin = await twinNets(NET_IDS, 2);
    const faces = faceTask(128, 40);
    const faceTwin = await twinNets(NET_IDS, 2, 2, faces.train);
    const { test } = await loadDigitSplit(source, 8000, 2000, 0);
    NET_IDS.forEach((id, j) => {
      const f = faceScores(faceTwin.logits(id), faces.test, faces.pairs);
      expect(m.tally.facesAsFace[j]).toBeCloseTo(f.faces, 9);
      expect(m.tally.scrambledAsFace[j]).toBeCloseTo(f.scrambled, 9);
      expect(m.tally.keepsLabel[j]).toBeCloseTo(quadrantScores(digitTwin.logits(id), firstImages(test, 40), 10).keepsLabel, 9);
    });
    expect([m.tally.faces, m.tally.digits]).toEqual([40, 40]);
    // The face's P(face) at t = 0 is the net's on the face itself.
    NET_IDS.forEach((id, j) => expect(m.face.pFace[j][0]).toBeCloseTo(softmaxRows(faceTwin.logits(id)(drawLayout(pair.face), 1), 1, 2)[1], 5));
    run.update({ face: 3 });
    expect(run.evaluate().face.index).toBe(3);
    digitTwin.dispose();
    faceTwin.dispose();
    run.dispose();
  });
});

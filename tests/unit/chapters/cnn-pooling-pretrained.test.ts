// The shipped weights of the CNN-pooling chapter (public/models/cnn-pooling): they load as the
// chapter's architectures, score what their manifests say, and the live runs answer from them at
// once — the shift probe's per-slider-move work is timed — with the qualitative findings of the
// chapter visible in them (pooling breaks equivariance at odd shifts; the global-average net accepts
// scrambled faces and keeps swapped digits' labels more often than the flatten CNN).
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../src/lib/data/source-node';
import { DEFAULT_MODELS_DIR, nodeModelSource } from '../../../src/lib/classifiers/pretrained-node';
import { argmaxRows } from '../../../src/lib/invariance/metrics';
import { loadDigitSplit } from '../../../src/chapters/cnn-pooling/data';
import { NetSet } from '../../../src/chapters/cnn-pooling/net-set';
import { NET_IDS } from '../../../src/chapters/cnn-pooling/nets';
import { loadNetWeights, WEIGHTS_FOLDER } from '../../../src/chapters/cnn-pooling/weights';
import { SHIFT_PROBE_DEFAULTS, ShiftProbeRun } from '../../../src/chapters/cnn-pooling/runs/shift-probe';
import { EQUIVARIANCE_DEFAULTS, EquivarianceRun } from '../../../src/chapters/cnn-pooling/runs/equivariance';
import { PICASSO_DEFAULTS, PicassoRun } from '../../../src/chapters/cnn-pooling/runs/picasso';

const models = nodeModelSource(`${DEFAULT_MODELS_DIR}${WEIGHTS_FOLDER}`);
const source = nodeSource();

describe('shipped weights', () => {
  it('every digit net scores on the 2,000 test digits what its manifest says', async () => {
    const { weights, manifests } = await loadNetWeights('digits', NET_IDS, models);
    const { test } = await loadDigitSplit(source, 8000, 2000, 0);
    const set = NetSet.fromWeights(NET_IDS, 10, weights);
    for (const id of NET_IDS) {
      const top = argmaxRows(set.logits(id)(test.x, test.n), test.n, 10);
      const accuracy = top.reduce((s, t, i) => s + (t === test.labels[i] ? 1 : 0), 0) / test.n;
      expect(accuracy).toBeCloseTo(manifests[id]!.testAccuracy.stored, 9);
      expect(manifests[id]!.seed).toBe(1);
    }
    set.dispose();
  });
});

/** Evaluate until nothing is pending (each call measures a little). */
async function settle<M extends { pending: boolean }>(evaluate: () => M | Promise<M>, limit = 2000): Promise<M> {
  let m = await evaluate();
  for (let i = 0; m.pending && i < limit; i++) m = await evaluate();
  return m;
}

describe('live runs on the shipped weights', () => {
  it('shift probe: a new digit costs one sweep of 13 shifts × 5 nets; an evaluation measures the curves ≈30 ms at a time', async () => {
    const run = await ShiftProbeRun.create({ ...SHIFT_PROBE_DEFAULTS, curveDigits: 100 }, source, models);
    const first = await run.evaluate();
    expect(first.total).toBe(0);
    expect(first.training).toBe(-1);
    // Shipped weights never move: the first evaluation already measures.
    expect(first.curves.seeds[0].accuracy[1].some(Number.isFinite)).toBe(true);
    const times: number[] = [];
    for (const digit of [3, 7, 11, 15]) {
      run.update({ digit });
      const m = await run.evaluate();
      times.push(m.probeMs);
      // the curves' share of a call stays near its budget (lenient: the machine is shared)
      expect(m.curveMs).toBeLessThan(400);
    }
    // On an idle laptop a few ms to a few tens (see bench/POOLING.md). Lenient here.
    expect(Math.min(...times)).toBeLessThan(150);
    const m = await settle(() => run.evaluate());
    const acc = m.curves.seeds[0].accuracy;
    expect(acc[1][6]).toBeGreaterThan(0.85); // the max-pool CNN at shift 0
    expect(acc[0][0]).toBeLessThan(0.3); // the MLP at −6 px
    run.dispose();
  });

  it('equivariance grid: the first conv follows every shift; the max-pool net’s pooled maps break at odd shifts', async () => {
    const run = await EquivarianceRun.create({ ...EQUIVARIANCE_DEFAULTS, images: 48 }, source, models);
    const { grids } = await settle(() => run.evaluate());
    const max = grids[0];
    max.error[0].forEach((e) => expect(e).toBeLessThan(1e-5));
    const pool1 = max.error[max.layers.indexOf('pool 1')];
    expect(pool1[1]).toBeGreaterThan(3 * pool1[2]);
    const gap = grids[2];
    const avg = gap.error[gap.layers.indexOf('global average')];
    const flat = max.error[max.layers.indexOf('pool 2')];
    expect(avg[3]).toBeLessThan(flat[3]);
    run.dispose();
  });

  it('Picasso: the global-average net accepts scrambled faces and keeps swapped digits’ labels more often than the max-pool CNN', async () => {
    const run = await PicassoRun.create({ ...PICASSO_DEFAULTS, scoreImages: 200 }, source, models);
    const { tally } = await settle(() => run.evaluate());
    const [max, gap] = [NET_IDS.indexOf('max'), NET_IDS.indexOf('gap')];
    expect(tally.scrambledAsFace[gap]).toBeGreaterThan(tally.scrambledAsFace[max]);
    expect(tally.keepsLabel[gap]).toBeGreaterThan(tally.keepsLabel[max]);
    tally.facesAsFace.forEach((f) => expect(f).toBeGreaterThan(0.95));
    run.dispose();
  });
});

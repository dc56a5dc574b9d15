// The chapter's reproduce experiments at a reduced size (--quick), checking the science.md bands
// that hold there: the race (N ≤ 1024, 2,000 trials: all three), guess the map (full D = 1,000, as
// below that the measure's sampling noise blurs the 3× margin, but only the GD and EG learners: the
// right potential ≥ 3× more Gaussian, GD flips ≥ 10%, EG none) and the Dale network (one epoch of
// 2,000 digits: EG keeps Dale's law; GD's ≥ 10% needs the full run, so here only > 1%).
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../../scripts/node-tf';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { experiments } from '../../../../src/chapters/exponentiated-gradient/reproduce';
import { DALE_QUICK, daleTables, onlineTables } from '../../../../src/chapters/exponentiated-gradient/tables';

beforeAll(async () => {
  await initNodeBackend('wasm');
});

const options = { seed: 1, quick: true, flags: {}, source: nodeSource(), progress: () => {} };

describe('exponentiated-gradient reproduce', () => {
  it('names its three experiments', () => {
    expect(Object.keys(experiments).sort()).toEqual(['dale-mnist', 'eg-online', 'guess-the-map']);
  });

  it('eg-online: every band hits at N ≤ 1024, and the table says so', async () => {
    const t = onlineTables(1, [16, 64, 256, 1024], 2000);
    expect(t.bands.map((b) => b.hit)).toEqual([true, true, true]);
    expect(t.sparse.gd[0]).toBeCloseTo(16, 1);
    const text = await experiments['eg-online'].run(options);
    expect(text).toContain('| 1024 |');
    expect(text).not.toContain('MISS');
  });

  it('guess-the-map (full size, GD and EG learners only): the right potential wins by ≥ 3×; GD flips ≥ 10%, EG none', async () => {
    const text = await experiments['guess-the-map'].run(options);
    expect(text).toContain('| negative entropy (EG) |');
    expect(text).not.toContain('| 3-norm |');
    expect(text.match(/HIT/g)).toHaveLength(4);
    expect(text).not.toContain('MISS');
    // The yardstick the chapter quotes: D Gaussian draws sit a few hundredths from a Gaussian.
    const baseline = Number(text.match(/1,000 genuine Gaussian draws \(seed 1\) have a non-Gaussianity of (0\.\d{3})/)?.[1]);
    expect(baseline).toBeGreaterThan(0.005);
    expect(baseline).toBeLessThan(0.06);
  });

  it('dale-mnist (784-64-10, one epoch of 2,000 digits): EG never breaks Dale’s law, GD does, both learn', async () => {
    const t = await daleTables(DALE_QUICK, 1, nodeSource(), () => {});
    const [gd, eg] = t.rows;
    expect(eg.violationFraction).toBe(0);
    expect(t.bands[0].hit).toBe(true);
    expect(gd.violationFraction).toBeGreaterThan(0.01);
    expect(gd.testAccuracy).toBeGreaterThan(0.6);
    expect(eg.testAccuracy).toBeGreaterThan(0.6);
    expect(t.msPerStep).toBeGreaterThan(0);
  });
});

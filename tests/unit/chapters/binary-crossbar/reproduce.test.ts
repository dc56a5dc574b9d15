// The chapter's robustness experiments at a reduced size (--quick's BNN 784-512-512-10 trained one
// epoch; 1,000 test digits, 500 calibration digits, the BERs the bands name), seeds 1–3, against science.md's bands where they hold at that size: clean
// accuracy, ≤ 1 point lost up to BER 1e-2, ≥ 30 at 0.3, largest-|W_h| flips ≥ 20 points worse than
// smallest. Two bands need the full net (`npm run reproduce -- bnn-ber | ternary`, quoted in the
// chapter): the one-epoch net loses up to ~4 points at BER 0.1 (full size: ≤ 3), so here ≤ 5; and on
// 1,000 digits (±0.7 points of sampling noise) ternary ≥ binary − 1 (full size: − 0.5), with ternary
// ahead where errors are many (BER 0.2).
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { experiments } from '../../../../src/chapters/binary-crossbar/reproduce';
import { berTable, QUICK, ternaryTable, trainBoth } from '../../../../src/chapters/binary-crossbar/runs/tables';

describe('binary-crossbar reproduce', () => {
  it('names its experiments', () => {
    expect(Object.keys(experiments)).toEqual(expect.arrayContaining(['bnn-ber', 'ternary']));
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the bands at the reduced size`, async () => {
      const trained = await trainBoth(nodeSource(), seed, { ...QUICK, testSize: 1000, calibrationSize: 500 });
      const t = berTable(trained, seed, undefined, [1e-4, 1e-2, 0.1, 0.2, 0.3]);
      const drop = (ber: number) => 100 * (t.clean.standard - t.standard[t.bers.indexOf(ber)]);
      expect(t.clean.standard).toBeGreaterThan(0.88);
      for (const ber of [1e-4, 1e-2]) expect(drop(ber)).toBeLessThanOrEqual(1);
      expect(drop(0.1)).toBeLessThanOrEqual(5);
      expect(drop(0.3)).toBeGreaterThanOrEqual(30);
      expect(100 * (t.smallest - t.largest)).toBeGreaterThanOrEqual(20);
      // Error-aware training holds up better where flips are many.
      expect(t.errorAware[t.bers.indexOf(0.2)]).toBeGreaterThan(t.standard[t.bers.indexOf(0.2)]);
      const ternary = ternaryTable(trained, seed, undefined, undefined, [1e-2, 0.1, 0.2]);
      ternary.bers.forEach((_, i) => expect(100 * (ternary.ternary[i].accuracy - ternary.binary[i].accuracy)).toBeGreaterThanOrEqual(-1));
      const at = ternary.bers.indexOf(0.2);
      expect(ternary.ternary[at].accuracy).toBeGreaterThan(ternary.binary[at].accuracy);
      expect(ternary.ternary[at].errors).toBeLessThan(ternary.binary[at].errors);
    }, 120_000);
  }
});

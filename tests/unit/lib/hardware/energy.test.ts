import { describe, expect, it } from 'vitest';
import { CROSSBAR_MAC_PJ, energyLedger, formatEnergy, formatRange, HOROWITZ_45NM, hiddenSizes, ledgerRow, movementShare, networkCounts, reads32 } from '../../../../src/lib/hardware/energy';

describe('energy ledger', () => {
  it('counts the operations of MLP 784-256-256-10 and the BNN 784-512-512-10', () => {
    const mlp = networkCounts([784, 256, 256, 10]);
    expect(mlp.macs).toBe(784 * 256 + 256 * 256 + 256 * 10);
    expect(mlp.macs).toBe(268_800);
    expect(mlp.biases).toBe(522);
    expect(mlp.activations).toBe(522);
    expect(networkCounts([784, 512, 512, 10]).macs).toBe(668_672);
    expect(hiddenSizes(512, 2)).toEqual([784, 512, 512, 10]);
    expect(() => networkCounts([784])).toThrow(RangeError);
  });

  it('packs values into 32-bit reads', () => {
    expect(reads32(784, 8)).toBe(196);
    expect(reads32(33, 1)).toBe(2);
    expect(reads32(3, 32)).toBe(3);
  });

  it('multiplies the counts by the cited energies', () => {
    const sizes = [784, 256, 256, 10];
    const fp32 = ledgerRow(sizes, 'fp32');
    const e = HOROWITZ_45NM;
    expect(fp32.compute.low).toBeCloseTo(268_800 * (3.7 + 0.9) + 522 * 0.9, 6);
    expect(fp32.weights.low).toBe((268_800 + 522) * 640);
    expect(fp32.activations.low).toBe(196 * 640 + 2 * 522 * 5);
    expect(fp32.total.low).toBeCloseTo(fp32.compute.low + fp32.weights.low + fp32.activations.low, 6);
    const int8 = ledgerRow(sizes, 'int8');
    expect(int8.compute.low).toBeCloseTo(268_800 * (e.int8Mult + e.int8Add) + 522 * e.int8Add, 6);
    expect(int8.weights.low).toBe(Math.ceil(269_322 / 4) * 640);
    const xbar = ledgerRow(sizes, 'crossbar');
    expect(xbar.weights).toEqual({ low: 0, high: 0 });
    expect(xbar.compute.low).toBeCloseTo(268_800 * CROSSBAR_MAC_PJ.low, 6);
    expect(xbar.compute.high).toBeCloseTo(268_800 * CROSSBAR_MAC_PJ.high, 6);
    expect(xbar.compute.high).toBeGreaterThan(xbar.compute.low);
  });

  it('says that moving the weights dominates on digital hardware, and the crossbar saves orders of magnitude', () => {
    const [fp32, int8, xbar] = energyLedger([784, 256, 256, 10]);
    expect(movementShare(fp32).low).toBeGreaterThan(0.95);
    expect(fp32.weights.low / fp32.compute.low).toBeGreaterThan(100);
    expect(int8.total.low).toBeLessThan(fp32.total.low / 3);
    expect(fp32.total.low / xbar.total.high).toBeGreaterThan(100);
  });

  it('formats energies and ranges without false precision', () => {
    expect(formatEnergy(1_240_000)).toBe('1.2 µJ');
    expect(formatEnergy(125_440)).toBe('130 nJ');
    expect(formatEnergy(0.5)).toBe('500 fJ');
    expect(formatRange({ low: 18_816, high: 53_760 })).toBe('20 nJ – 50 nJ');
    expect(formatRange({ low: 640, high: 640 })).toBe('640 pJ');
    expect(formatEnergy(0)).toBe('0');
  });
});

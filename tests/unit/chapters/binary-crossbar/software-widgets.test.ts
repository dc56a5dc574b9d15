// @vitest-environment jsdom
// The software half's manifest entries and the pure parts of its figures: live keys the run applies,
// the chapter's place in the list, the ledger's verdicts and log axis, and the quantize verdicts.
import { describe, expect, it } from 'vitest';
import { chapters } from '../../../../src/chapters';
import { binaryCrossbar } from '../../../../src/chapters/binary-crossbar';
import { quantizePrune } from '../../../../src/chapters/binary-crossbar/run-kinds';
import { ledgerVerdicts } from '../../../../src/chapters/binary-crossbar/widgets/energy-ledger/element';
import { logAxis } from '../../../../src/chapters/binary-crossbar/widgets/energy-ledger/view';
import { quantizeVerdicts } from '../../../../src/chapters/binary-crossbar/widgets/quantize-prune/element';
import { energyLedger, hiddenSizes } from '../../../../src/lib/hardware/energy';
import type { QuantizePruneMetrics } from '../../../../src/chapters/binary-crossbar/runs/quantize-prune';

describe('binary-crossbar software widgets', () => {
  it('names its widgets and kind; the kind is tensor-free with the schema’s live keys', async () => {
    expect(Object.keys(binaryCrossbar.widgets)).toEqual(expect.arrayContaining(['energy-ledger', 'quantize-prune']));
    const schemas = await binaryCrossbar.schemas();
    expect(schemas.map((s) => [s.schema.tag, s.kind?.name])).toEqual(expect.arrayContaining([['energy-ledger', undefined], ['quantize-prune', 'quantize-prune']]));
    expect(quantizePrune.usesTfjs).toBe(false);
    expect([...quantizePrune.liveKeys].sort()).toEqual(['bits', 'fineTuneSteps', 'sparsity']);
  });

  it('sits between exponentiated gradient and the neural tangent kernel', () => {
    const slugs = chapters.map((c) => c.slug);
    expect(slugs.indexOf('binary-crossbar')).toBe(slugs.indexOf('exponentiated-gradient') + 1);
    expect(slugs.indexOf('neural-tangent-kernel')).toBe(slugs.indexOf('binary-crossbar') + 1);
  });

  it('the ledger: movement dominates FP32, the crossbar wins by about a thousand; the axis covers every bar', () => {
    const rows = energyLedger(hiddenSizes(256, 2));
    const v = ledgerVerdicts(rows);
    expect(v.movement.answer).toBe('most');
    expect(v.ratio.answer).toBe('thousand');
    expect(v.ratio.text).toContain('1,000');
    const axis = logAxis(rows);
    expect(axis.lo).toBeLessThanOrEqual(rows[2].compute.low);
    expect(axis.hi).toBeGreaterThanOrEqual(rows[0].total.high);
    expect(Math.log10(axis.lo) % 1).toBe(0);
    expect(axis.x(axis.lo)).toBeLessThan(axis.x(axis.hi));
  });

  it('the quantize verdicts read the sweeps', () => {
    const m = {
      floatAccuracy: 0.955,
      sweeps: {
        bits: [32, 8, 4, 3, 2, 1].map((x, i) => ({ x, accuracy: [0.955, 0.955, 0.95, 0.946, 0.897, 0.892][i] })),
        sparsity: [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99].map((x, i) => ({ x, accuracy: [0.955, 0.956, 0.934, 0.773, 0.48, 0.25, 0.17][i] })),
      },
    } as unknown as QuantizePruneMetrics;
    const v = quantizeVerdicts(m);
    expect(v.bits.answer).toBe('2');
    expect(v.pruned.answer).toBe('0.8');
    expect(v.pruned.text).toContain('93.4%');
  });
});

// The crossbar chapter's software half at a reduced size: the quantize-prune run the figure drives
// (200 test digits) and the reproduce tables (--quick: 1,000 test digits, 2 fine-tuning steps), and
// the energy ledger's table. No tfjs anywhere: these are typed arrays.
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { nodeModelSource } from '../../../../src/lib/classifiers/pretrained-node';
import { experiments } from '../../../../src/chapters/binary-crossbar/reproduce';
import { compressionTables, energyText, softwareExperiments } from '../../../../src/chapters/binary-crossbar/reproduce-software';
import { QuantizePruneRun, SWEEP_BITS, SWEEP_SPARSITY } from '../../../../src/chapters/binary-crossbar/runs/quantize-prune';

const source = nodeSource();

describe('binary-crossbar, software half', () => {
  it('exports its two experiments, and reproduce.ts carries them', () => {
    expect(Object.keys(softwareExperiments).sort()).toEqual(['energy-ledger', 'quantize-prune']);
    for (const key of Object.keys(softwareExperiments)) expect(experiments[key]).toBe(softwareExperiments[key]);
  });

  it('energy-ledger: both networks, three kinds of hardware, ranges for the crossbar and the sources', () => {
    const text = energyText();
    expect(text).toContain('268,800 multiply-accumulates');
    expect(text).toContain('668,672 multiply-accumulates');
    expect(text.match(/\| FP32 \(digital\) \|/g)).toHaveLength(2);
    expect(text).toMatch(/\| Binary crossbar \| 20 nJ – 50 nJ \| 0 \|/);
    expect(text).toContain('Horowitz, ISSCC 2014');
    expect(text).toContain('Ambrogio');
    expect(text).toContain('Yao');
  });

  it('quantize-prune (quick): 8 bits lose nothing, 1 bit and 99% pruning cost, sizes shrink', async () => {
    const t = await compressionTables({ seed: 1, quick: true, steps: 2, source, progress: () => {} });
    expect(t.testImages).toBe(1000);
    expect(t.floatAccuracy).toBeGreaterThan(0.93);
    const [b8, b2, b1] = t.byBits;
    expect(b8.bits).toBe(8);
    expect(Math.abs(b8.accuracy - t.floatAccuracy)).toBeLessThanOrEqual(0.005);
    expect(b8.storedBits).toBeLessThan(t.floatBits / 3.9);
    expect(b1.storedBits).toBeLessThan(b2.storedBits);
    expect(b1.accuracy).toBeLessThan(t.floatAccuracy);
    const p99 = t.bySparsity[t.bySparsity.length - 1];
    expect(p99.sparsity).toBe(0.99);
    expect(p99.accuracy).toBeLessThan(t.floatAccuracy - 0.2);
  }, 120_000);

  it('the figure’s run: live bits and sparsity, fine-tuning steps, sweeps filled a few points per evaluation', async () => {
    const run = await QuantizePruneRun.create({ bits: 8, sparsity: 0, fineTuneSteps: 3, evalSize: 200, seed: 1, modelsUrl: '' }, source, nodeModelSource());
    const first = run.evaluate();
    expect(first.evalSize).toBe(200);
    expect(Math.abs(first.accuracy - first.floatAccuracy)).toBeLessThanOrEqual(0.01);
    expect(first.modelBytes).toBeLessThan(first.floatBytes / 3.9);
    expect(first.sweepsDone).toBe(false);
    run.update({ bits: 1, sparsity: 0.99 });
    const broken = run.evaluate();
    expect(broken.accuracy).toBeLessThan(first.accuracy - 0.2);
    const r = await run.train(10);
    expect(r.step).toBe(3);
    expect(r.diverged).toBe(false);
    const tuned = run.evaluate();
    expect(tuned.done).toBe(true);
    expect(Number.isFinite(tuned.loss)).toBe(true);
    run.update({ bits: 8 });
    expect(run.step).toBe(0);
    let m = run.evaluate();
    for (let k = 0; k < 10 && !m.sweepsDone; k++) m = run.evaluate();
    expect(m.sweeps.bits.map((p) => p.x)).toEqual([...SWEEP_BITS]);
    expect(m.sweeps.sparsity.map((p) => p.x)).toEqual([...SWEEP_SPARSITY]);
    expect(m.sweeps.bits[0].accuracy).toBe(m.floatAccuracy);
    run.dispose();
  }, 120_000);
});

// The chapter's manifest: both widget tags have a schema with their run kind; the kinds are tensor-free
// and their live keys are the settings the runs apply live (the chip's devices broken by hand too); the
// chapter sits between exponentiated gradient and the neural tangent kernel; the reproduce experiments
// merge both halves under the names the chapter quotes.
import { describe, expect, it } from 'vitest';
import { chapters } from '../../../../src/chapters';
import { binaryCrossbar } from '../../../../src/chapters/binary-crossbar';
import { berRobustness, crossbarChip } from '../../../../src/chapters/binary-crossbar/run-kinds';
import { hardwareExperiments } from '../../../../src/chapters/binary-crossbar/reproduce-hardware';
import { experiments } from '../../../../src/chapters/binary-crossbar/reproduce';

describe('binary-crossbar manifest', () => {
  it('lists four widgets, each with a schema and its run kind (the ledger computes on the page)', async () => {
    const schemas = await binaryCrossbar.schemas();
    expect(Object.keys(binaryCrossbar.widgets)).toEqual(['crossbar-chip', 'ber-robustness', 'energy-ledger', 'quantize-prune']);
    expect(schemas.map((s) => [s.schema.tag, s.kind?.name])).toEqual([
      ['crossbar-chip', 'crossbar-chip'],
      ['ber-robustness', 'ber-robustness'],
      ['energy-ledger', undefined],
      ['quantize-prune', 'quantize-prune'],
    ]);
    expect((await binaryCrossbar.runKinds['crossbar-chip']()).kind.name).toBe('crossbar-chip');
  });

  it('declares tensor-free kinds with the live keys the runs apply', () => {
    expect(berRobustness.usesTfjs).toBe(false);
    expect(crossbarChip.usesTfjs).toBe(false);
    expect(berRobustness.liveKeys).toEqual([]);
    expect([...crossbarChip.liveKeys].sort()).toEqual(['ber', 'broken', 'digit', 'margin', 'sigma', 'stuck']);
  });

  it('sits between exponentiated gradient and the neural tangent kernel', () => {
    const slugs = chapters.map((c) => c.slug);
    expect(slugs.indexOf('binary-crossbar')).toBe(slugs.indexOf('exponentiated-gradient') + 1);
    expect(slugs.indexOf('neural-tangent-kernel')).toBe(slugs.indexOf('binary-crossbar') + 1);
  });

  it('exports both halves\' experiments under the names the chapter quotes', () => {
    expect(Object.keys(hardwareExperiments)).toEqual(['bnn-ber', 'ternary']);
    expect(Object.keys(experiments)).toEqual(['bnn-ber', 'ternary', 'quantize-prune', 'energy-ledger']);
  });
});

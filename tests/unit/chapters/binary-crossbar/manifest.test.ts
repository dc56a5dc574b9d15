// The chapter's manifest: both widget tags have a schema with their run kind; the kinds are tensor-free
// and their live keys are the settings the runs apply live (the chip's devices broken by hand too); the
// chapter sits between exponentiated gradient and the neural tangent kernel; the reproduce experiments
// merge the hardware half under the names the chapter quotes.
import { describe, expect, it } from 'vitest';
import { chapters } from '../../../../src/chapters';
import { binaryCrossbar } from '../../../../src/chapters/binary-crossbar';
import { berRobustness, crossbarChip } from '../../../../src/chapters/binary-crossbar/run-kinds';
import { hardwareExperiments } from '../../../../src/chapters/binary-crossbar/reproduce-hardware';
import { experiments } from '../../../../src/chapters/binary-crossbar/reproduce';

describe('binary-crossbar manifest', () => {
  it('lists two widgets, each with a schema and its run kind', async () => {
    const schemas = await binaryCrossbar.schemas();
    expect(Object.keys(binaryCrossbar.widgets)).toEqual(['ber-robustness', 'crossbar-chip']);
    expect(schemas.map((s) => [s.schema.tag, s.kind?.name])).toEqual([
      ['ber-robustness', 'ber-robustness'],
      ['crossbar-chip', 'crossbar-chip'],
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

  it('exports the hardware experiments under the names the chapter quotes', () => {
    expect(Object.keys(hardwareExperiments)).toEqual(['bnn-ber', 'ternary']);
    for (const key of Object.keys(hardwareExperiments)) expect(experiments).toHaveProperty(key);
  });
});

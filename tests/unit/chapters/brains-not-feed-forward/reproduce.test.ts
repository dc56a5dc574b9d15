// `npm run reproduce -- dynamics --quick`: every sub-table is printed and every pass band that the
// quick sizes can check holds (the full sizes are run and reported separately, seeds 1, 2, 3).
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../../../src/lib/data/source-node';
import { experiments } from '../../../../src/chapters/brains-not-feed-forward/reproduce';

describe('reproduce dynamics (quick)', () => {
  it('prints the five sections and hits every band', async () => {
    const lines: string[] = [];
    const text = await experiments.dynamics.run({ seed: 1, quick: true, flags: {}, source: nodeSource(), progress: (l) => lines.push(l) });
    for (const heading of ['One LIF neuron', 'Spike-frequency adaptation', 'A recurrent pair', 'Echo-state reservoir', 'Game of Life', "Gosper's gun", 'Kohonen map', 'Event camera', 'Pass bands']) {
      expect(text).toContain(heading);
    }
    const bands = text.split('\n').filter((l) => /\| (HIT|MISS) \|$/.test(l));
    expect(bands.length).toBe(12);
    expect(bands.filter((l) => l.endsWith('| MISS |'))).toEqual([]);
    expect(lines.some((l) => l.startsWith('reservoir: '))).toBe(true);
  }, 120_000);

  it('runs one part with --part, and rejects an unknown one', async () => {
    const text = await experiments.dynamics.run({ seed: 2, quick: true, flags: { part: 'life' }, source: nodeSource(), progress: () => {} });
    expect(text).toContain('Game of Life');
    expect(text).not.toContain('Kohonen');
    await expect(experiments.dynamics.run({ seed: 1, quick: true, flags: { part: 'nope' }, source: nodeSource(), progress: () => {} })).rejects.toThrow(/--part/);
    // A bare `--part` reaches the experiment as a switch: refused, not run in full.
    await expect(experiments.dynamics.run({ seed: 1, quick: true, flags: { part: true }, source: nodeSource(), progress: () => {} })).rejects.toThrow(/--part VALUE/);
  });
});

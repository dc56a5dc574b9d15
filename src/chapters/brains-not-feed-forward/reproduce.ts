/**
 * `npm run reproduce -- dynamics [--seed S] [--quick] [--part lif|reservoir|life|som|events] [--size N]`:
 * the closing chapter's numbers, one sub-table per simulation (tables/), then science.md's pass bands
 * with HIT or MISS. Everything is seeded from --seed; the reservoir sweep, the map and the event
 * camera are the chapter's live runs (runs/) with the same seed, so the figures replay these numbers.
 * --size N runs the reservoir with N units instead of 500 (the finite-size check: the chapter quotes
 * --size 300 too, where seed 1's λ(1.3) stays just below zero).
 */
import type { ReproduceExperiments } from '../types';
import { bandTable, type Section } from './tables/format';
import { lifSection } from './tables/lif';
import { reservoirSection } from './tables/reservoir';
import { lifeSection } from './tables/life';
import { somSection } from './tables/som';
import { eventsSection } from './tables/events';

const PARTS = ['lif', 'reservoir', 'life', 'som', 'events'] as const;
type Part = (typeof PARTS)[number];

export const experiments: ReproduceExperiments = {
  dynamics: {
    about:
      'Brains are not feed-forward: LIF neuron with adaptation (Lapicque; Gerstner), echo-state reservoir memory capacity and Lyapunov exponent vs spectral radius (Jaeger 2001), Game of Life B3/S23 (Conway via Gardner 1970), Kohonen map on MNIST (Kohonen 1982), event camera vs frames (Lichtsteiner, Posch & Delbruck 2008). --part lif|reservoir|life|som|events runs one; --size N sets the reservoir size (default 500; 300 shows the finite-size effect).',
    async run({ seed, quick, flags, source, progress }) {
      // A bare `--part` (no value) is refused rather than read as "run every part".
      for (const name of ['part', 'size']) if (flags[name] === true) throw new Error(`--${name} needs a value: write --${name} VALUE`);
      const only = typeof flags.part === 'string' ? flags.part : undefined;
      if (only !== undefined && !PARTS.includes(only as Part)) throw new Error(`--part must be one of ${PARTS.join(', ')}, got ${only}`);
      const wanted = (part: Part) => only === undefined || only === part;
      const size = typeof flags.size === 'string' ? Number(flags.size) : undefined;
      if (size !== undefined && !(Number.isInteger(size) && size >= 10)) throw new Error(`--size must be an integer ≥ 10, got ${String(flags.size)}`);
      const sections: Section[] = [];
      const timed = async (part: Part, make: () => Section | Promise<Section>) => {
        if (!wanted(part)) return;
        const t0 = performance.now();
        progress(`${part}…`);
        const section = await make();
        progress(`${part}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        sections.push(section);
      };
      await timed('lif', () => lifSection(seed, quick));
      await timed('reservoir', () => reservoirSection(seed, quick, progress, size));
      await timed('life', () => lifeSection(seed, quick));
      await timed('som', () => somSection(seed, quick, source, progress));
      await timed('events', () => eventsSection(seed, quick, source));
      const bands = sections.flatMap((s) => s.bands);
      return [...sections.map((s) => s.markdown), `### Pass bands (seed ${seed}${quick ? ', quick sizes' : ''})\n`, bandTable(bands)].join('\n\n');
    },
  },
};

// `npm run reproduce -- ntk-width | ntk-lazy-rich | ntk-speed` at reduced size: the same code as the
// full run. ntk-width --quick keeps the 10 initialisations and widths 100, 1,000, 10,000 but trains
// 100 steps instead of 1,000 (already converged: the slowest mode decays by 0.68 per step), so every
// science.md band can be checked here.
import { describe, expect, it } from 'vitest';
import { experiments } from '../../../../src/chapters/neural-tangent-kernel/reproduce';
import { WIDTH_TABLE_DEFAULTS, widthTable } from '../../../../src/chapters/neural-tangent-kernel/width-table';
import { LAZY_RICH_TABLE_DEFAULTS, lazyRichTable } from '../../../../src/chapters/neural-tangent-kernel/lazy-rich-table';
import type { ReproduceOptions } from '../../../../src/chapters/types';

const options = (overrides: Partial<ReproduceOptions> = {}): ReproduceOptions => ({
  seed: 1,
  quick: true,
  flags: {},
  source: { read: () => Promise.reject(new Error('the NTK experiments read no data')) } as unknown as ReproduceOptions['source'],
  progress: () => {},
  ...overrides,
});

describe('ntk-width', () => {
  it('hits every science.md band at reduced length (seed 1)', async () => {
    const text = await experiments['ntk-width'].run(options());
    const bands = text.split('\n').filter((line) => /^- (HIT|MISS)/.test(line));
    expect(bands).toHaveLength(4); // two 10× deviation ratios, kernel change and gap at 10⁴
    expect(bands.filter((line) => line.startsWith('- MISS'))).toEqual([]);
    expect(text).toMatch(/\| 10,000 \| /);
  });

  it('the deviation, kernel change and weight change fall with width; training converges', () => {
    const rows = widthTable({ ...WIDTH_TABLE_DEFAULTS, widths: [10, 100, 1000], members: 6, steps: 200 });
    for (const key of ['deviation', 'kernelChange', 'weightChange'] as const) {
      expect(rows[1][key].mean).toBeLessThan(rows[0][key].mean);
      expect(rows[2][key].mean).toBeLessThan(rows[1][key].mean);
    }
    expect(rows.every((r) => r.finalLoss < 1e-12)).toBe(true);
  });
});

describe('ntk-lazy-rich', () => {
  it('the kernel and the hidden features move far more at the mean-field α than at α = 1', () => {
    const rows = lazyRichTable({ ...LAZY_RICH_TABLE_DEFAULTS, width: 400, alphas: [1, 1 / Math.sqrt(400)], members: 2, steps: 400 });
    const [lazy, rich] = rows;
    expect(rich.kernelChange.mean).toBeGreaterThan(10 * lazy.kernelChange.mean);
    expect(rich.featureKernelChange.mean).toBeGreaterThan(10 * lazy.featureKernelChange.mean);
    expect(rich.hiddenChange.mean).toBeGreaterThan(5 * lazy.hiddenChange.mean);
    // The lazy network keeps its features spread round the circle (0.83 → 0.90 at this width, closer
    // still when wider); the rich one gathers them into a few directions (0.83 → 0.29).
    expect(Math.abs(lazy.spreadEnd.mean - lazy.spreadStart.mean)).toBeLessThan(0.1);
    expect(rich.spreadEnd.mean).toBeLessThan(0.5 * rich.spreadStart.mean);
    expect(rows.every((r) => r.finalLoss < 1e-10)).toBe(true);
  });

  it('prints its table', async () => {
    const text = await experiments['ntk-lazy-rich'].run(options({ steps: 50, flags: { members: '1' } }));
    expect(text.split('\n').filter((l) => /^\| \d/.test(l))).toHaveLength(LAZY_RICH_TABLE_DEFAULTS.alphas.length);
  });
});

describe('ntk-speed', () => {
  it('prints a positive time per step for widths 1,000 and 10,000', async () => {
    const text = await experiments['ntk-speed'].run(options({ steps: 2 }));
    const rows = text.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Number(row.split('|')[3])).toBeGreaterThan(0);
  });
});

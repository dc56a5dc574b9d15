/**
 * The Game of Life tables (B3/S23 on a torus): the glider's first generations, the period and motion
 * of every pattern in the library, the Gosper gun's output, and a random soup settling.
 */
import { findPeriod, isTranslate, liveCells, population, randomGrid, stepLife, type LifeGrid } from '../../../lib/dynamics/life';
import { LIFE_PATTERNS, LIFE_PATTERN_NAMES, patternGrid } from '../../../lib/dynamics/life-patterns';
import { createRng } from '../../../lib/random';
import { markdownTable, type Section } from './format';

function boundingBox(grid: LifeGrid): string {
  const cells = liveCells(grid);
  const xs = cells.map(([x]) => x);
  const ys = cells.map(([, y]) => y);
  return `(${Math.min(...xs)}, ${Math.min(...ys)})–(${Math.max(...xs)}, ${Math.max(...ys)})`;
}

export function lifeSection(seed: number, quick: boolean): Section {
  const parts: string[] = [];
  parts.push('### Game of Life (B3/S23: survive with 2 or 3 live neighbours, born with exactly 3; 20×20 torus): a glider\n');
  const glider = patternGrid('glider', 20, 20);
  let grid = glider;
  const rows: Array<Array<string | number>> = [];
  for (let g = 0; g <= 8; g++) {
    const shift = g % 4 === 0 ? (isTranslate(glider, grid, g / 4, g / 4) ? `(+${g / 4}, +${g / 4})` : 'no') : '';
    rows.push([g, population(grid), boundingBox(grid), shift]);
    grid = stepLife(grid);
  }
  parts.push(markdownTable(['generation', 'live cells', 'bounding box (x, y)', 'same shape moved by'], rows, [0, 1]));

  parts.push('\n### Every pattern of the library: smallest period and displacement found (up to 40 generations, 40×40 torus)\n');
  const found = LIFE_PATTERN_NAMES.map((name) => {
    const p = LIFE_PATTERNS[name];
    const result = p.kind === 'gun' || p.kind === 'methuselah' ? null : findPeriod(patternGrid(name, 40, 40), 40);
    const cells = population(patternGrid(name, 40, 40));
    return { name, kind: p.kind, cells, result, expected: 'period' in p ? p.period : undefined };
  });
  parts.push(
    markdownTable(
      ['pattern', 'kind', 'cells', 'period found', 'moves by'],
      found.map((f) => [f.name, f.kind, f.cells, f.result ? f.result.period : '–', f.result ? `(${f.result.dx}, ${f.result.dy})` : '–']),
      [2, 3],
    ),
  );

  parts.push("\n### Gosper's gun on an 80×60 torus: live cells every 30 generations\n");
  let gun = patternGrid('gosper-gun', 80, 60);
  const gunCounts: number[] = [];
  for (let g = 0; g <= 150; g++) {
    if (g % 30 === 0) gunCounts.push(population(gun));
    gun = stepLife(gun);
  }
  parts.push(markdownTable(['generation', ...gunCounts.map((_, i) => String(30 * i))], [['live cells', ...gunCounts]], gunCounts.map((_, i) => i + 1)));

  const size = quick ? 48 : 96;
  const horizon = quick ? 500 : 2000;
  parts.push(`\n### A random soup (${size}×${size} torus, 30% alive, seed ${seed})\n`);
  let soup = randomGrid(size, size, 0.3, createRng(seed).fork('soup'));
  const checkpoints = [0, 10, 100, 500, 1000, 2000].filter((c) => c <= horizon);
  const soupRows: Array<Array<string | number>> = [];
  for (let g = 0; g <= horizon; g++) {
    if (checkpoints.includes(g)) soupRows.push([g, population(soup), `${((100 * population(soup)) / (size * size)).toFixed(1)}%`]);
    soup = stepLife(soup);
  }
  parts.push(markdownTable(['generation', 'live cells', 'density'], soupRows, [0, 1, 2]));

  const gliderResult = found.find((f) => f.name === 'glider')?.result;
  const blinkerResult = found.find((f) => f.name === 'blinker')?.result;
  let moved = stepLife(stepLife(stepLife(stepLife(glider))));
  const everyFour = [1, 2, 3].every((k) => {
    const ok = isTranslate(glider, moved, k, k);
    moved = stepLife(stepLife(stepLife(stepLife(moved))));
    return ok;
  });
  return {
    markdown: parts.join('\n'),
    bands: [
      {
        name: 'glider moves one cell diagonally every 4 generations',
        measured: gliderResult ? `period ${gliderResult.period}, shift (${gliderResult.dx}, ${gliderResult.dy}); at generations 4, 8, 12: (+1, +1), (+2, +2), (+3, +3) ${everyFour ? 'yes' : 'no'}` : 'no period found',
        hit: !!gliderResult && gliderResult.period === 4 && gliderResult.dx === 1 && gliderResult.dy === 1 && everyFour,
      },
      {
        name: 'blinker has period 2',
        measured: blinkerResult ? `period ${blinkerResult.period}, shift (${blinkerResult.dx}, ${blinkerResult.dy})` : 'no period found',
        hit: !!blinkerResult && blinkerResult.period === 2 && blinkerResult.dx === 0 && blinkerResult.dy === 0,
      },
    ],
  };
}

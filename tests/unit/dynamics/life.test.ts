// Game of Life: the rule cell by cell (B3/S23), a whole step against a plain oracle on a torus,
// and the behaviours the chapter quotes (glider, blinker, still lifes, the Gosper gun).
import { describe, expect, it } from 'vitest';
import { emptyGrid, findPeriod, isTranslate, neighbourCount, nextState, population, randomGrid, stepLife, toggleCell } from '../../../src/lib/dynamics/life';
import { LIFE_PATTERNS, LIFE_PATTERN_NAMES, patternGrid } from '../../../src/lib/dynamics/life-patterns';
import { createRng } from '../../../src/lib/random';
import { oracleLifeStep } from '../oracles/dynamics';

describe('Game of Life rules', () => {
  it('a live cell survives with exactly 2 or 3 neighbours; a dead cell is born with exactly 3', () => {
    for (let n = 0; n <= 8; n++) {
      expect(nextState(1, n)).toBe(n === 2 || n === 3 ? 1 : 0);
      expect(nextState(0, n)).toBe(n === 3 ? 1 : 0);
    }
  });

  it('each cell of a 5×5 neighbourhood set-up obeys the rule (centre with 0..8 live neighbours, alive and dead)', () => {
    const offsets = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];
    for (const centre of [0, 1]) {
      for (let n = 0; n <= 8; n++) {
        const grid = emptyGrid(7, 7);
        grid.cells[3 * 7 + 3] = centre;
        for (const [dx, dy] of offsets.slice(0, n)) grid.cells[(3 + dy) * 7 + 3 + dx] = 1;
        expect(neighbourCount(grid, 3, 3)).toBe(n);
        expect(stepLife(grid).cells[3 * 7 + 3]).toBe(centre ? Number(n === 2 || n === 3) : Number(n === 3));
      }
    }
  });

  it('a whole step matches the oracle on random toroidal grids, edges included', () => {
    const rng = createRng(1);
    for (const density of [0.2, 0.35, 0.5]) {
      let grid = randomGrid(23, 17, density, rng);
      for (let g = 0; g < 20; g++) {
        const next = stepLife(grid);
        expect(Array.from(next.cells)).toEqual(Array.from(oracleLifeStep(grid)));
        grid = next;
      }
    }
  });

  it('a glider moves one cell diagonally every 4 generations, and wraps around the torus', () => {
    let grid = patternGrid('glider', 12, 12);
    const start = grid;
    for (let g = 1; g <= 4; g++) {
      grid = stepLife(grid);
      if (g < 4) expect(population(grid)).toBe(5);
    }
    expect(isTranslate(start, grid, 1, 1)).toBe(true);
    expect(findPeriod(start, 8)).toEqual({ period: 4, dx: 1, dy: 1 });
    for (let g = 4; g < 48; g++) grid = stepLife(grid); // 12 cells diagonally: once round the 12×12 torus
    expect(Array.from(grid.cells)).toEqual(Array.from(start.cells));
  });

  it('a blinker has period 2 and still lifes have period 1', () => {
    const blinker = patternGrid('blinker', 9, 9);
    expect(Array.from(stepLife(blinker).cells)).not.toEqual(Array.from(blinker.cells));
    expect(findPeriod(blinker, 6)).toEqual({ period: 2, dx: 0, dy: 0 });
    for (const name of LIFE_PATTERN_NAMES) {
      const p = LIFE_PATTERNS[name];
      if (p.kind === 'still') expect(findPeriod(patternGrid(name, 12, 12), 3)).toEqual({ period: 1, dx: 0, dy: 0 });
      if (p.kind === 'oscillator') expect(findPeriod(patternGrid(name, 21, 21), 6)?.period).toBe(p.period);
      if (p.kind === 'spaceship') expect(findPeriod(patternGrid(name, 20, 20), 6)?.period).toBe(p.period);
    }
  });

  it("Gosper's gun adds one glider (5 cells) every 30 generations", () => {
    let grid = patternGrid('gosper-gun', 80, 60);
    const counts: number[] = [];
    for (let g = 0; g <= 150; g++) {
      if (g % 30 === 0) counts.push(population(grid));
      grid = stepLife(grid);
    }
    for (let i = 2; i < counts.length; i++) expect(counts[i] - counts[i - 1]).toBe(5);
  });

  it('toggling a cell flips it, with wrap-around coordinates', () => {
    const grid = emptyGrid(4, 3);
    toggleCell(grid, -1, 3); // = (3, 0)
    expect(grid.cells[3]).toBe(1);
    toggleCell(grid, 3, 0);
    expect(population(grid)).toBe(0);
  });
});

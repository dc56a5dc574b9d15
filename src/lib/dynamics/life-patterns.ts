/**
 * A small library of Game of Life patterns (life.ts), drawn as rows of 'O' (alive) and '.' (dead),
 * with what each does under B3/S23. Names and shapes as catalogued in the LifeWiki (conwaylife.com).
 */
import { emptyGrid, type LifeGrid } from './life';

export interface LifePattern {
  /** One line: what the reader will see. */
  about: string;
  /** 'still' (never changes), 'oscillator', 'spaceship', 'gun' (emits gliders), 'methuselah' (small start, long life). */
  kind: 'still' | 'oscillator' | 'spaceship' | 'gun' | 'methuselah';
  /** Period for oscillators, spaceships and guns. */
  period?: number;
  rows: readonly string[];
}

export const LIFE_PATTERNS = {
  block: { about: 'a 2×2 square: every live cell has 3 neighbours, so nothing changes', kind: 'still', rows: ['OO', 'OO'] },
  beehive: { about: 'a still life of six cells', kind: 'still', rows: ['.OO.', 'O..O', '.OO.'] },
  blinker: { about: 'three in a row, flipping between horizontal and vertical: period 2', kind: 'oscillator', period: 2, rows: ['OOO'] },
  toad: { about: 'two offset rows of three: period 2', kind: 'oscillator', period: 2, rows: ['.OOO', 'OOO.'] },
  beacon: { about: 'two blocks touching at a corner, the inner cells blinking: period 2', kind: 'oscillator', period: 2, rows: ['OO..', 'OO..', '..OO', '..OO'] },
  pulsar: {
    about: 'a period-3 oscillator with fourfold symmetry',
    kind: 'oscillator',
    period: 3,
    rows: [
      '..OOO...OOO..',
      '.............',
      'O....O.O....O',
      'O....O.O....O',
      'O....O.O....O',
      '..OOO...OOO..',
      '.............',
      '..OOO...OOO..',
      'O....O.O....O',
      'O....O.O....O',
      'O....O.O....O',
      '.............',
      '..OOO...OOO..',
    ],
  },
  glider: { about: 'five cells that move one cell diagonally every 4 generations', kind: 'spaceship', period: 4, rows: ['.O.', '..O', 'OOO'] },
  lwss: { about: 'the lightweight spaceship: moves two cells sideways every 4 generations', kind: 'spaceship', period: 4, rows: ['.O..O', 'O....', 'O...O', 'OOOO.'] },
  'r-pentomino': { about: 'five cells that churn for over a thousand generations (1,103 on an unbounded plane) before settling', kind: 'methuselah', rows: ['.OO', 'OO.', '.O.'] },
  'gosper-gun': {
    about: "Gosper's glider gun: a period-30 machine that fires a glider every 30 generations",
    kind: 'gun',
    period: 30,
    rows: [
      '........................O...........',
      '......................O.O...........',
      '............OO......OO............OO',
      '...........O...O....OO............OO',
      'OO........O.....O...OO..............',
      'OO........O...O.OO....O.O...........',
      '..........O.....O.......O...........',
      '...........O...O....................',
      '............OO......................',
    ],
  },
} satisfies Record<string, LifePattern>;

export type LifePatternName = keyof typeof LIFE_PATTERNS;

export const LIFE_PATTERN_NAMES = Object.keys(LIFE_PATTERNS) as LifePatternName[];

/** Pattern size in cells. */
export function patternSize(name: LifePatternName): { width: number; height: number } {
  const rows = LIFE_PATTERNS[name].rows;
  return { width: Math.max(...rows.map((r) => r.length)), height: rows.length };
}

/** Set the pattern's live cells into `grid` with its top-left corner at (x, y) (wrapping); other cells are left as they are. */
export function placePattern(grid: LifeGrid, name: LifePatternName, x: number, y: number): LifeGrid {
  const rows = LIFE_PATTERNS[name].rows;
  rows.forEach((row, dy) => {
    for (let dx = 0; dx < row.length; dx++) {
      if (row[dx] !== 'O') continue;
      const cx = (((x + dx) % grid.width) + grid.width) % grid.width;
      const cy = (((y + dy) % grid.height) + grid.height) % grid.height;
      grid.cells[cy * grid.width + cx] = 1;
    }
  });
  return grid;
}

/** A width × height grid holding the pattern alone, centred. */
export function patternGrid(name: LifePatternName, width: number, height: number): LifeGrid {
  const size = patternSize(name);
  return placePattern(emptyGrid(width, height), name, Math.floor((width - size.width) / 2), Math.floor((height - size.height) / 2));
}

/**
 * Conway's Game of Life (Conway 1970, described by Gardner 1970, Scientific American 223(4):120–123).
 * Each cell is dead (0) or alive (1) and has 8 neighbours (Moore neighbourhood). One generation:
 *   a live cell with 2 or 3 live neighbours survives, otherwise it dies;
 *   a dead cell with exactly 3 live neighbours is born; otherwise it stays dead.  (rule B3/S23)
 * The grid is a torus: the right edge wraps to the left, the bottom to the top, so a glider that
 * leaves one side comes back on the other and the rules are the same for every cell.
 * Shapes: width × height cells, row-major Uint8Array (index y·width + x). Plain arrays, nothing to dispose.
 */
import type { Rng } from '../random';

export interface LifeGrid {
  width: number;
  height: number;
  cells: Uint8Array;
}

export function emptyGrid(width: number, height: number): LifeGrid {
  return { width, height, cells: new Uint8Array(width * height) };
}

/** Each cell alive with probability `density`. */
export function randomGrid(width: number, height: number, density: number, rng: Rng): LifeGrid {
  const grid = emptyGrid(width, height);
  for (let i = 0; i < grid.cells.length; i++) grid.cells[i] = rng.next() < density ? 1 : 0;
  return grid;
}

/** The rule for one cell: next state from its state and its count of live neighbours. */
export function nextState(alive: number, neighbours: number): number {
  return neighbours === 3 || (alive === 1 && neighbours === 2) ? 1 : 0;
}

/** Live neighbours of (x, y) on the torus. */
export function neighbourCount(grid: LifeGrid, x: number, y: number): number {
  const { width, height, cells } = grid;
  let count = 0;
  for (let dy = -1; dy <= 1; dy++) {
    const row = ((y + dy + height) % height) * width;
    for (let dx = -1; dx <= 1; dx++) {
      if (dx === 0 && dy === 0) continue;
      count += cells[row + ((x + dx + width) % width)];
    }
  }
  return count;
}

/** One generation, written into `out` (a new grid by default); `grid` is not modified. */
export function stepLife(grid: LifeGrid, out: LifeGrid = emptyGrid(grid.width, grid.height)): LifeGrid {
  const { width, height, cells } = grid;
  const next = out.cells;
  for (let y = 0; y < height; y++) {
    const up = ((y - 1 + height) % height) * width;
    const row = y * width;
    const down = ((y + 1) % height) * width;
    for (let x = 0; x < width; x++) {
      const left = (x - 1 + width) % width;
      const right = (x + 1) % width;
      const n =
        cells[up + left] + cells[up + x] + cells[up + right] + cells[row + left] + cells[row + right] + cells[down + left] + cells[down + x] + cells[down + right];
      next[row + x] = nextState(cells[row + x], n);
    }
  }
  return out;
}

export function population(grid: LifeGrid): number {
  let count = 0;
  for (let i = 0; i < grid.cells.length; i++) count += grid.cells[i];
  return count;
}

/** Flip cell (x, y) (coordinates wrap). */
export function toggleCell(grid: LifeGrid, x: number, y: number): void {
  const i = (((y % grid.height) + grid.height) % grid.height) * grid.width + (((x % grid.width) + grid.width) % grid.width);
  grid.cells[i] = grid.cells[i] ? 0 : 1;
}

/** Live cells as [x, y] pairs, row by row. */
export function liveCells(grid: LifeGrid): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let y = 0; y < grid.height; y++) for (let x = 0; x < grid.width; x++) if (grid.cells[y * grid.width + x]) out.push([x, y]);
  return out;
}

/** True when b is a with every cell moved by (dx, dy) on the torus. */
export function isTranslate(a: LifeGrid, b: LifeGrid, dx: number, dy: number): boolean {
  const { width, height } = a;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const moved = (((y + dy) % height) + height) % height * width + ((((x + dx) % width) + width) % width);
      if (a.cells[y * width + x] !== b.cells[moved]) return false;
    }
  }
  return true;
}

/**
 * The smallest p ≤ maxPeriod and shift (dx, dy) with |dx|, |dy| ≤ p such that p generations reproduce
 * the grid moved by (dx, dy): an oscillator has shift (0, 0), a spaceship moves. Null if none.
 */
export function findPeriod(grid: LifeGrid, maxPeriod: number): { period: number; dx: number; dy: number } | null {
  let current = grid;
  for (let p = 1; p <= maxPeriod; p++) {
    current = stepLife(current);
    for (let dy = -p; dy <= p; dy++) for (let dx = -p; dx <= p; dx++) if (isTranslate(grid, current, dx, dy)) return { period: p, dx, dy };
  }
  return null;
}

/**
 * Live run "Game of Life" (src/lib/dynamics/life.ts: B3/S23 on a torus): one step = one generation.
 * The grid starts empty, from a pattern of the library (centred), or as a random soup (density,
 * seed). The reader edits it through `update`: `toggles` flips the listed cells, `place` stamps a
 * pattern with its top-left corner at a cell, `clear` empties the grid. These three are commands,
 * applied once when they arrive, not settings. `loss` is the live-cell count.
 */
import { emptyGrid, population, randomGrid, stepLife, toggleCell, type LifeGrid } from '../../../lib/dynamics/life';
import { LIFE_PATTERN_NAMES, patternGrid, placePattern, type LifePatternName } from '../../../lib/dynamics/life-patterns';
import { createRng } from '../../../lib/random';
import { typedMemory, type LiveRun, type TrainResult } from './types';
import { LIFE_DEFAULTS } from './defaults';

export { LIFE_DEFAULTS };

export interface LifeConfig {
  seed: number;
  width: number;
  height: number;
  /** The starting grid. */
  start: LifePatternName | 'random' | 'empty';
  /** Live-cell probability of the random soup. */
  density: number;
  /** Edit: cells [x, y] to flip now. */
  toggles?: Array<[number, number]>;
  /** Edit: stamp a pattern now, top-left corner at (x, y). */
  place?: { pattern: LifePatternName; x: number; y: number };
  /** Edit: empty the grid now. */
  clear?: boolean;
}


export const LIFE_LIVE_KEYS = ['toggles', 'place', 'clear'] as const satisfies readonly (keyof LifeConfig)[];

export interface LifeMetrics {
  step: number;
  generation: number;
  width: number;
  height: number;
  /** width × height, row-major, 1 = alive. */
  cells: Uint8Array;
  population: number;
  /** Live-cell count per generation, the last `historyLength` generations, oldest first. */
  populationHistory: number[];
}

const HISTORY = 500;

export class LifeRun implements LiveRun<LifeConfig, LifeMetrics> {
  step = 0;
  private grid: LifeGrid;
  private spare: LifeGrid;
  private history: number[] = [];

  constructor(config: LifeConfig) {
    const { width, height, start } = config;
    if (start === 'random') this.grid = randomGrid(width, height, config.density, createRng(config.seed).fork('soup'));
    else if (start === 'empty') this.grid = emptyGrid(width, height);
    else if (LIFE_PATTERN_NAMES.includes(start)) this.grid = patternGrid(start, width, height);
    else throw new Error(`LifeRun: unknown start ${String(start)}`);
    this.spare = emptyGrid(width, height);
    this.history.push(population(this.grid));
    this.update(config);
  }

  train(steps: number): TrainResult {
    for (let s = 0; s < steps; s++) {
      const next = stepLife(this.grid, this.spare);
      this.spare = this.grid;
      this.grid = next;
      this.step++;
      this.history.push(population(this.grid));
    }
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    return { step: this.step, loss: this.history[this.history.length - 1], diverged: false };
  }

  evaluate(): LifeMetrics {
    return {
      step: this.step,
      generation: this.step,
      width: this.grid.width,
      height: this.grid.height,
      cells: Uint8Array.from(this.grid.cells),
      population: population(this.grid),
      populationHistory: this.history.slice(),
    };
  }

  /** Applies the edit commands; the generation count carries on. */
  update(partial: Partial<LifeConfig>): void {
    if (partial.clear) this.grid.cells.fill(0);
    if (partial.place) {
      const { pattern, x, y } = partial.place;
      if (!LIFE_PATTERN_NAMES.includes(pattern)) throw new Error(`LifeRun: unknown pattern ${String(pattern)}`);
      placePattern(this.grid, pattern, x, y);
    }
    for (const [x, y] of partial.toggles ?? []) toggleCell(this.grid, x, y);
    if (partial.clear || partial.place || partial.toggles?.length) this.history[this.history.length - 1] = population(this.grid);
  }

  memory(): { arrays: number; bytes: number } {
    return typedMemory([this.grid.cells, this.spare.cells]);
  }

  dispose(): void {
    this.history = [];
  }
}

export function lifeRun(config: LifeConfig): LifeRun {
  return new LifeRun(config);
}

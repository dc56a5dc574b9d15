import type { WidgetSchema } from '../../../../settings/schema';

const PATTERNS = [
  { value: 'glider', label: 'Glider' },
  { value: 'lwss', label: 'Lightweight spaceship' },
  { value: 'blinker', label: 'Blinker' },
  { value: 'toad', label: 'Toad' },
  { value: 'beacon', label: 'Beacon' },
  { value: 'pulsar', label: 'Pulsar' },
  { value: 'block', label: 'Block' },
  { value: 'beehive', label: 'Beehive' },
  { value: 'r-pentomino', label: 'R-pentomino' },
  { value: 'gosper-gun', label: 'Gosper glider gun' },
] as const;

/** Conway's Game of Life (B3/S23) on a 64 × 48 torus, editable with the mouse, touch or keyboard. */
export const gameOfLifeSchema = {
  tag: 'game-of-life',
  reserve: { wide: 70, narrow: 74 },
  title: 'Conway’s Game of Life: two local rules, and order nobody designed',
  settings: [
    {
      type: 'select',
      key: 'start',
      label: 'Start from',
      help: 'The grid a reset returns to: one pattern in the middle, a random soup (from the seed), or nothing.',
      options: [...PATTERNS, { value: 'random', label: 'Random soup' }, { value: 'empty', label: 'Empty grid' }],
      default: 'glider',
    },
    {
      type: 'select',
      key: 'brush',
      label: 'Click or Enter places',
      help: 'What a click (or Enter on the grid) does: flip one cell, or stamp a pattern with its top-left corner there.',
      options: [{ value: 'cell', label: 'One cell (toggle)' }, ...PATTERNS],
      default: 'cell',
      live: 'page',
    },
    { type: 'number', key: 'speed', label: 'Generations per second', help: 'How fast Play runs.', min: 1, max: 60, step: 1, default: 8, format: 'int', live: 'page' },
    { type: 'number', key: 'density', label: 'Soup density', help: 'Share of cells alive in a random soup.', min: 0.05, max: 0.8, step: 0.05, default: 0.3, format: 'percent' },
  ],
} as const satisfies WidgetSchema;

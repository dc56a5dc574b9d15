/**
 * The Life figure's grid on a canvas, and the arithmetic of editing it (pure, for tests): which cell
 * a pointer is over, where the keyboard cursor moves (wrapping, as the torus does), and which
 * toggles a stroke of the pointer needs so every cell it crosses ends in the state it started painting.
 */
import { LIFE_PATTERNS, type LifePatternName } from '../../../../lib/dynamics/life-patterns';
import { fitCanvas, palette } from '../shared/canvas';

export interface GridLayout {
  cell: number;
  width: number;
  height: number;
}

/** Cell size (CSS px) that fits `cols` cells in `available` px, at least 4 and at most 16. */
export function gridLayout(available: number, cols: number, rows: number): GridLayout {
  const cell = Math.max(4, Math.min(16, Math.floor(available / cols)));
  return { cell, width: cell * cols, height: cell * rows };
}

/** The cell under a point of the canvas (CSS px from its top-left), or null outside it. */
export function cellAt(px: number, py: number, layout: GridLayout, cols: number, rows: number): [number, number] | null {
  const x = Math.floor(px / layout.cell);
  const y = Math.floor(py / layout.cell);
  return x >= 0 && y >= 0 && x < cols && y < rows ? [x, y] : null;
}

/** The cursor after an arrow key, wrapping round the edges like the grid. */
export function moveCursor(cursor: [number, number], key: string, cols: number, rows: number): [number, number] | null {
  const [dx, dy] = key === 'ArrowLeft' ? [-1, 0] : key === 'ArrowRight' ? [1, 0] : key === 'ArrowUp' ? [0, -1] : key === 'ArrowDown' ? [0, 1] : [0, 0];
  if (dx === 0 && dy === 0) return null;
  return [(cursor[0] + dx + cols) % cols, (cursor[1] + dy + rows) % rows];
}

/** The live cells of a pattern stamped with its top-left corner at (x, y), wrapped onto the grid. */
export function patternCells(name: LifePatternName, x: number, y: number, cols: number, rows: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  LIFE_PATTERNS[name].rows.forEach((row, dy) => {
    for (let dx = 0; dx < row.length; dx++) if (row[dx] === 'O') out.push([(x + dx) % cols, (y + dy) % rows]);
  });
  return out;
}

export interface GridView {
  cells: Uint8Array;
  cols: number;
  rows: number;
  layout: GridLayout;
  cursor: [number, number] | null;
  /** Cells a pattern brush would fill at the pointer or cursor. */
  ghost: Array<[number, number]>;
}

export function drawGrid(canvas: HTMLCanvasElement, v: GridView): void {
  const ctx = fitCanvas(canvas, v.layout.width, v.layout.height);
  if (!ctx) return;
  const colours = palette(canvas);
  const c = v.layout.cell;
  ctx.fillStyle = colours.surface;
  ctx.fillRect(0, 0, v.layout.width, v.layout.height);
  if (c >= 7) {
    ctx.strokeStyle = colours.border;
    ctx.lineWidth = 1;
    ctx.globalAlpha = 0.5;
    ctx.beginPath();
    for (let x = 1; x < v.cols; x++) {
      ctx.moveTo(x * c + 0.5, 0);
      ctx.lineTo(x * c + 0.5, v.layout.height);
    }
    for (let y = 1; y < v.rows; y++) {
      ctx.moveTo(0, y * c + 0.5);
      ctx.lineTo(v.layout.width, y * c + 0.5);
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  ctx.fillStyle = colours.fg;
  const inset = c >= 7 ? 1 : 0;
  for (let y = 0; y < v.rows; y++) {
    for (let x = 0; x < v.cols; x++) if (v.cells[y * v.cols + x]) ctx.fillRect(x * c + inset, y * c + inset, c - inset, c - inset);
  }
  ctx.fillStyle = colours.c[0];
  ctx.globalAlpha = 0.55;
  for (const [x, y] of v.ghost) ctx.fillRect(x * c + inset, y * c + inset, c - inset, c - inset);
  ctx.globalAlpha = 1;
  if (v.cursor) {
    ctx.strokeStyle = colours.c[1];
    ctx.lineWidth = 2;
    ctx.strokeRect(v.cursor[0] * c + 1, v.cursor[1] * c + 1, c - 2, c - 2);
  }
}

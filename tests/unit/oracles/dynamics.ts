/**
 * Float64 (and integer) oracles of the dynamics chapter's simulations, written without the lib
 * (plain loops over number[] and typed arrays): ridge regression from the raw data by Gauss–Jordan
 * elimination of the normal equations, and one Game of Life step on a torus. Test-only.
 */
import type { LifeGrid } from '../../../src/lib/dynamics/life';

/** Oracle: solve (XᵀX + λI) W = XᵀY by Gauss–Jordan elimination with partial pivoting, from the raw data. */
export function oracleRidge(x: number[][], y: number[][], lambda: number): number[][] {
  const d = x[0].length;
  const m = y[0].length;
  const a = Array.from({ length: d }, (_, i) => [
    ...Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + row[i] * row[j], 0) + (i === j ? lambda : 0)),
    ...Array.from({ length: m }, (_, c) => x.reduce((s, row, t) => s + row[i] * y[t][c], 0)),
  ]);
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let c = col; c < d + m; c++) a[r][c] -= f * a[col][c];
    }
  }
  return a.map((row, i) => row.slice(d).map((v) => v / a[i][i]));
}

/** Oracle: Conway's rule written out, neighbours counted with explicit wrap-around. */
export function oracleLifeStep(grid: LifeGrid): Uint8Array {
  const { width: w, height: h, cells } = grid;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let n = 0;
      for (const [dx, dy] of [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]]) n += cells[((y + dy + h) % h) * w + ((x + dx + w) % w)];
      const alive = cells[y * w + x] === 1;
      out[y * w + x] = alive ? (n === 2 || n === 3 ? 1 : 0) : n === 3 ? 1 : 0;
    }
  }
  return out;
}

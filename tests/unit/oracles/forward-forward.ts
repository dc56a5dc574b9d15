/**
 * Float64 oracle of forward-forward (Hinton 2022): the loss of one layer alone, its input the
 * length-normalised output of the layers below (held fixed); goodness g = mean square of the ReLU
 * outputs; softplus(θ − g) on positive rows, softplus(g − θ) on negative ones, summed and divided by
 * the number of positive rows. Written without the lib or tfjs (nested loops over number[][]).
 * Test-only.
 */
import type { Mat } from './linear-algebra';

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** Float64 loss of layer `layer` alone, its input computed from the layers below (held fixed). */
export function oracleLayerLoss(W: Mat[], b: number[][], x: Mat, positives: number, threshold: number, layer: number): number {
  let h = x;
  let loss = 0;
  for (let l = 0; l <= layer; l++) {
    const xin = h.map((row) => {
      const norm = Math.hypot(...row);
      return row.map((v) => v / (norm + 1e-4));
    });
    h = xin.map((row) => W[l][0].map((_, j) => Math.max(0, row.reduce((s, v, i) => s + v * W[l][i][j], b[l][j]))));
    if (l === layer) {
      h.forEach((row, r) => {
        const g = row.reduce((s, v) => s + v * v, 0) / row.length;
        loss += softplus(r < positives ? threshold - g : g - threshold);
      });
    }
  }
  return loss / positives;
}

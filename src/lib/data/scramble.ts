/**
 * "Picasso" scrambles: the same parts, in the wrong places. For square single-channel images (rows
 * of side² floats), each of the four side/2 × side/2 quadrants is moved whole to another quadrant's
 * place: out quadrant q = in quadrant order[q], quadrants numbered top-left 0, top-right 1,
 * bottom-left 2, bottom-right 3. The default swaps the diagonals (0 ↔ 3, 1 ↔ 2), the protocol of
 * science.md's Picasso test; it equals a wrap-around shift by side/2 in x and in y (./shift.ts).
 */

export type QuadrantOrder = readonly [number, number, number, number];

export const DIAGONAL_SWAP: QuadrantOrder = [3, 2, 1, 0];

export function permuteQuadrants(x: ArrayLike<number>, n: number, side: number, order: QuadrantOrder = DIAGONAL_SWAP, out: Float32Array = new Float32Array(n * side * side)): Float32Array {
  if (side % 2 !== 0) throw new Error(`permuteQuadrants: side ${side} is odd`);
  if ([...order].sort().join() !== '0,1,2,3') throw new Error(`permuteQuadrants: [${order}] is not a permutation of the four quadrants`);
  const half = side / 2;
  const d = side * side;
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < 4; q++) {
      const src = order[q];
      const [oy, ox] = [Math.floor(q / 2) * half, (q % 2) * half];
      const [sy, sx] = [Math.floor(src / 2) * half, (src % 2) * half];
      for (let y = 0; y < half; y++) {
        for (let xx = 0; xx < half; xx++) out[i * d + (oy + y) * side + ox + xx] = x[i * d + (sy + y) * side + sx + xx];
      }
    }
  }
  return out;
}

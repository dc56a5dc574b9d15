/**
 * Per-layer equivariance error: how far a layer's feature map of the shifted input is from the
 * shifted feature map. For a map F (m×m×C, NHWC) whose pixels lie r input pixels apart (r, the
 * stride: 2 per pool so far), a horizontal input shift T_s of s px should move F by u = s / r columns:
 *
 *   E(s) = √( Σ_images Σ_V (F(T_s x) − S_u F(x))²  /  Σ_images Σ_V (S_u F(x))² )
 *
 * S_u moves a map u columns to the right; a fractional u mixes the two nearest whole moves,
 * (S_u F)[j] = (1 − φ) F[j − k] + φ F[j − k − 1] with k = ⌊u⌋, φ = u − k (linear interpolation:
 * the best a map sampled every r pixels can do for a move of less than r). V: every row, channel and
 * column j whose source columns lie inside the map. E = 0 is perfect equivariance; maps as unrelated
 * as two different images of the same size give about √2. A vector (side 0: a global-average pool,
 * the softmax output) has no place to move, so for it S_u is the identity and E is its relative
 * change: invariance. Shifts use zero fill (../data/shift.ts).
 */
import { shiftImages, type ShiftFill } from '../data/shift';

export interface FeatureMap {
  label: string;
  /** Side of the map, or 0 for a vector (no spatial layout). */
  side: number;
  channels: number;
  /** Input pixels per map pixel. */
  stride: number;
  /** [n × side²·channels] (vectors: [n × channels]). */
  data: Float32Array;
}

/** The model's maps of images x [n × side²], in a fixed order. */
export type MapsFn = (x: Float32Array, n: number) => FeatureMap[];

export interface EquivarianceGrid {
  layers: string[];
  shifts: number[];
  /** error[layer][k]: E at shifts[k]. */
  error: number[][];
}

/** Σ over V of (a − S_u b)² and of (S_u b)², for one map of n images. */
function shiftedDistance(a: FeatureMap, b: FeatureMap, n: number, u: number): [number, number] {
  if (a.side === 0) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < a.data.length; i++) {
      num += (a.data[i] - b.data[i]) ** 2;
      den += b.data[i] ** 2;
    }
    return [num, den];
  }
  const { side: m, channels: c } = a;
  const k = Math.floor(u);
  const phi = u - k;
  const first = Math.max(0, k + (phi > 0 ? 1 : 0));
  const last = Math.min(m - 1, m - 1 + k);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < m; y++) {
      const row = (i * m + y) * m;
      for (let j = first; j <= last; j++) {
        for (let ch = 0; ch < c; ch++) {
          const near = b.data[(row + j - k) * c + ch];
          const expected = phi > 0 ? (1 - phi) * near + phi * b.data[(row + j - k - 1) * c + ch] : near;
          num += (a.data[(row + j) * c + ch] - expected) ** 2;
          den += expected ** 2;
        }
      }
    }
  }
  return [num, den];
}

/**
 * E's two sums for every map, for one shift of s px: [Σ (F(T_s x) − S_u F(x))², Σ (S_u F(x))²] from the
 * maps of the shifted images and of the originals (n images each). Both sums add up over batches of
 * images, so E can be measured a few images at a time: E = √(Σ num / Σ den).
 */
export function equivarianceParts(shifted: readonly FeatureMap[], base: readonly FeatureMap[], n: number, s: number): [number, number][] {
  return base.map((b, l) => shiftedDistance(shifted[l], b, n, s / b.stride));
}

/** E from summed parts (0 where the reference map is all zero). */
export const errorFromParts = ([num, den]: readonly [number, number]): number => (den > 0 ? Math.sqrt(num / den) : 0);

/** E for every map and every horizontal shift in `shifts` (px), over the n images x. */
export function equivarianceErrors(maps: MapsFn, x: Float32Array, n: number, side: number, shifts: readonly number[], fill: ShiftFill = 'zero'): EquivarianceGrid {
  const base = maps(x, n);
  const moved = new Float32Array(n * side * side);
  const columns = shifts.map((s) => equivarianceParts(maps(shiftImages(x, n, side, s, 0, fill, moved), n), base, n, s).map(errorFromParts));
  return { layers: base.map((b) => b.label), shifts: [...shifts], error: base.map((_, l) => columns.map((col) => col[l])) };
}

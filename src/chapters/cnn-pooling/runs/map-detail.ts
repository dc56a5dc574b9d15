/**
 * The equivariance figure's close-up: for one digit and one layer, the map of the shifted digit,
 * F(T_s x), beside the original's map moved as the layer should move it, S_u F(x) (u = s / stride,
 * a fractional u interpolating between the two nearest whole moves, as in
 * src/lib/invariance/equivariance.ts), for the channel most active in the original. Columns the
 * move brings in from outside the map are NaN (not compared). A vector layer (global average,
 * output) is shown as one row of its values: nothing to move.
 */
import type { FeatureMap } from '../../../lib/invariance/equivariance';

export interface MapDetail {
  /** Which net, layer, shift and test digit (as asked, clamped), and the shifted digit itself. */
  net: number;
  layer: number;
  shift: number;
  digit: number;
  image: number[];
  label: string;
  /** The map's width and height (a vector: channels × 1). */
  width: number;
  height: number;
  /** The channel shown (null for a vector: all of them). */
  channel: number | null;
  channels: number;
  stride: number;
  shifted: number[];
  expected: number[];
  /** This digit's E at this layer and shift (all channels). */
  error: number;
}

/** S_u F(x) for one channel of one image's map (NaN where the move has no source), row-major m × m. */
export function movedChannel(map: FeatureMap, channel: number, u: number): Float64Array {
  const { side: m, channels: c } = map;
  const k = Math.floor(u);
  const phi = u - k;
  const out = new Float64Array(m * m).fill(NaN);
  for (let y = 0; y < m; y++) {
    for (let j = 0; j < m; j++) {
      const a = j - k;
      const b = j - k - 1;
      if (a < 0 || a >= m || (phi > 0 && (b < 0 || b >= m))) continue;
      const near = map.data[(y * m + a) * c + channel];
      out[y * m + j] = phi > 0 ? (1 - phi) * near + phi * map.data[(y * m + b) * c + channel] : near;
    }
  }
  return out;
}

type Which = Pick<MapDetail, 'net' | 'layer' | 'shift' | 'digit' | 'image'>;

export function expectedMap(base: FeatureMap, moved: FeatureMap, shift: number, which: Which): MapDetail {
  const common = { ...which, label: base.label, channels: base.channels, stride: base.stride };
  if (base.side === 0) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < base.channels; i++) {
      num += (moved.data[i] - base.data[i]) ** 2;
      den += base.data[i] ** 2;
    }
    return { ...common, width: base.channels, height: 1, channel: null, shifted: Array.from(moved.data.subarray(0, base.channels)), expected: Array.from(base.data.subarray(0, base.channels)), error: den > 0 ? Math.sqrt(num / den) : 0 };
  }
  const m = base.side;
  const u = shift / base.stride;
  // The channel most active in the original map.
  let channel = 0;
  let best = -1;
  for (let ch = 0; ch < base.channels; ch++) {
    let e = 0;
    for (let p = 0; p < m * m; p++) e += base.data[p * base.channels + ch] ** 2;
    if (e > best) [best, channel] = [e, ch];
  }
  // E over all channels, on the columns where the move has a source.
  let num = 0;
  let den = 0;
  for (let ch = 0; ch < base.channels; ch++) {
    const want = movedChannel(base, ch, u);
    for (let p = 0; p < m * m; p++) {
      if (Number.isNaN(want[p])) continue;
      num += (moved.data[p * base.channels + ch] - want[p]) ** 2;
      den += want[p] ** 2;
    }
  }
  const expected = movedChannel(base, channel, u);
  const shifted = Array.from({ length: m * m }, (_, p) => (Number.isNaN(expected[p]) ? NaN : moved.data[p * base.channels + channel]));
  return { ...common, width: m, height: m, channel, shifted, expected: Array.from(expected), error: den > 0 ? Math.sqrt(num / den) : 0 };
}

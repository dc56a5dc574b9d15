/**
 * The shapes of the CNN family (./cnn.ts and the typed engine's ../engine/cnn.ts): per conv block
 *   conv k×k (valid, stride 1) → ReLU → pool,   then a head: flatten, or global average pooling,
 * then one dense layer to the logits. Pools (a block's `pool`; default 'max', the small CNN's):
 *   'max'      2×2 max, stride 2: side m → m/2 (m must be even)
 *   'maxblur'  MaxBlurPool (Zhang 2019): 2×2 max at stride 1 (m → m − 1), then the [1,2,1]ᵀ[1,2,1]/16
 *              blur with reflect padding 1, sampled at stride 2: m − 1 → ⌊(m − 2)/2⌋ + 1 (= m/2 for even m)
 *   'none'     no pooling: side m stays m
 * Heads: 'flatten' (default) hands all H·W·C pooled values to the dense layer; 'global-average'
 * hands it the C channel means (Lin, Chen & Yan 2014), whatever the map's size. `padding` (default 0)
 * puts the image on a larger zero canvas first (that many px of background on every side), so that
 * valid convolutions still see a feature near the edge through as many windows as one in the middle.
 * Pure: no tensors, no allocation beyond the returned plan.
 */
import type { CnnSpec } from './cnn';

export type PoolKind = 'max' | 'maxblur' | 'none';
export type HeadKind = 'flatten' | 'global-average';

export const POOL_KINDS: readonly PoolKind[] = ['max', 'maxblur', 'none'];
export const HEAD_KINDS: readonly HeadKind[] = ['flatten', 'global-average'];

export interface LayerShape {
  /** Input side and channels. */
  side: number;
  channels: number;
  kernel: number;
  filters: number;
  /** Side of the conv (and ReLU) output. */
  convSide: number;
  pool: PoolKind;
  /** Side of the stride-1 max stage ('maxblur' only; convSide − 1). */
  maxSide: number;
  /** Side of the pooled output. */
  outSide: number;
}

export interface CnnShapes {
  layers: LayerShape[];
  head: HeadKind;
  /** Length of the vector entering the dense layer. */
  features: number;
}

/** Side after a pool of `kind` on an m×m map. */
export function pooledSide(kind: PoolKind, m: number): number {
  if (kind === 'none') return m;
  if (kind === 'max') {
    if (m < 2 || m % 2 !== 0) throw new Error(`CNN: conv output ${m}×${m} cannot be pooled by 2`);
    return m / 2;
  }
  // Reflect padding needs at least 2 values on the stride-1 max output's side.
  if (m < 3) throw new Error(`CNN: conv output ${m}×${m} is too small for MaxBlurPool`);
  return Math.floor((m - 2) / 2) + 1;
}

export function cnnShapes(spec: CnnSpec): CnnShapes {
  const padding = spec.padding ?? 0;
  if (!Number.isInteger(padding) || padding < 0) throw new Error(`CNN: padding ${padding} must be a non-negative integer`);
  let side = spec.imageSize + 2 * padding;
  let channels = spec.inputChannels;
  const layers = spec.conv.map(({ filters, kernel, pool = 'max' }) => {
    const convSide = side - kernel + 1;
    if (convSide < 1) throw new Error(`CNN: a ${kernel}×${kernel} kernel does not fit a ${side}×${side} map`);
    const outSide = pooledSide(pool, convSide);
    const layer: LayerShape = { side, channels, kernel, filters, convSide, pool, maxSide: pool === 'maxblur' ? convSide - 1 : convSide, outSide };
    side = outSide;
    channels = filters;
    return layer;
  });
  const head = spec.head ?? 'flatten';
  return { layers, head, features: head === 'flatten' ? side * side * channels : channels };
}

/** True when the spec is the original family member: every pool 'max', flatten head, no padding. */
export function isPlainCnn(spec: CnnSpec): boolean {
  return (spec.head ?? 'flatten') === 'flatten' && (spec.padding ?? 0) === 0 && spec.conv.every((c) => (c.pool ?? 'max') === 'max');
}

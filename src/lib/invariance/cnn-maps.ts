/**
 * The typed CNN engine's feature maps as ./equivariance.ts wants them: per block "conv ℓ" (after the
 * ReLU) and, when the block pools, "pool ℓ" (its stride doubled); then the global-average vector
 * when the head has one, and the softmax output. Strides count input pixels per map pixel.
 */
import type { TypedCnn } from '../engine/cnn';
import type { CnnSpec } from '../nets/cnn';
import { softmaxRows } from './metrics';
import type { FeatureMap, MapsFn } from './equivariance';

export function cnnMapsFn(engine: TypedCnn): MapsFn {
  const spec = (engine.model as { kind: 'cnn'; spec: CnnSpec }).spec;
  return (x, n) => {
    const { blocks, features, logits } = engine.featureMaps(x, n);
    const maps: FeatureMap[] = [];
    let stride = 1;
    blocks.forEach((b, l) => {
      maps.push({ label: `conv ${l + 1}`, side: b.convSide, channels: b.channels, stride, data: b.conv });
      if ((spec.conv[l].pool ?? 'max') === 'none') return;
      stride *= 2;
      maps.push({ label: `pool ${l + 1}`, side: b.outSide, channels: b.channels, stride, data: b.pooled });
    });
    if (spec.head === 'global-average') maps.push({ label: 'global average', side: 0, channels: blocks[blocks.length - 1].channels, stride, data: features });
    maps.push({ label: 'output', side: 0, channels: spec.classes, stride, data: softmaxRows(logits, n, spec.classes) });
    return maps;
  };
}

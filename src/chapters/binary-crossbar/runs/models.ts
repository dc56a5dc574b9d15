/**
 * The chapter's shipped nets (public/models/binary-crossbar: standard and error-aware BNN 784-512-512-10,
 * scripts/train-crossbar-models.ts) and the digits its figures score them on, loaded once per source.
 */
import type { ByteSource } from '../../../lib/data';
import type { BinaryNet } from '../../../lib/hardware/binary-net';
import type { LabelledImages } from '../../../lib/hardware/train';
import { loadBinaryNet } from '../../../lib/hardware/weights';
import { head, loadDigits } from './data';

export type NetName = 'standard' | 'error-aware';

const nets = new WeakMap<ByteSource, Map<NetName, Promise<BinaryNet>>>();

export function shippedNet(models: ByteSource, name: NetName): Promise<BinaryNet> {
  let byName = nets.get(models);
  if (!byName) nets.set(models, (byName = new Map()));
  let hit = byName.get(name);
  if (!hit) {
    hit = loadBinaryNet(models, name).then((r) => r.net);
    byName.set(name, hit);
    hit.catch(() => byName.delete(name));
  }
  return hit;
}

/** The first `testSize` test digits and the first `calibrationSize` training digits. */
export async function figureDigits(data: ByteSource, testSize: number, calibrationSize: number): Promise<{ test: LabelledImages; calibration: LabelledImages }> {
  const { train, test } = await loadDigits(data, calibrationSize, testSize);
  return { test, calibration: head(train, calibrationSize) };
}

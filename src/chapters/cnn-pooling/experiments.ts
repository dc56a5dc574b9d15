/**
 * The chapter's experiments as functions of a seed and a size, shared by `npm run reproduce`
 * (./reproduce.ts), the weights script and the unit tests: the digit and face data, and a set of
 * nets trained side by side (./net-set.ts) with each net's training time.
 */
import { createRng } from '../../lib/random';
import type { ByteSource } from '../../lib/data';
import { FACE_SIDE, faceDataset, scrambledFaces } from '../../lib/data/faces';
import type { EngineName } from '../../lib/engine/types';
import { loadDigitSplit, type LabeledImages } from './data';
import { NetSet } from './net-set';
import { PROTOCOL, type NetId } from './nets';

/** The face sets do not depend on a run's seed (as the digit split does not). */
export const FACE_SEED = 0;

export interface FaceTask {
  train: LabeledImages;
  test: LabeledImages;
  /** Faces and, image for image, their scrambled twins. */
  pairs: { faces: Float32Array; scrambled: Float32Array; n: number };
}

/** The face sets (each from its own fork, so one may be left out: `withTest` false draws no held-out faces vs non-faces). */
export function faceTask(trainSize: number, testSize: number, withTest = true): FaceTask {
  if (FACE_SIDE !== 28) throw new Error('faceTask: the nets read 28×28 images');
  const rng = createRng(FACE_SEED);
  return { train: faceDataset(trainSize, rng.fork('train')), test: faceDataset(withTest ? testSize : 0, rng.fork('test')), pairs: scrambledFaces(testSize, rng.fork('scrambled')) };
}

export const digitTask = (source: ByteSource, trainSize: number, testSize: number) => loadDigitSplit(source, trainSize, testSize);

/** Steps for `epochs` passes over `trainSize` examples (the last batch of each pass may be short). */
export const epochSteps = (trainSize: number, epochs = PROTOCOL.epochs, batchSize = PROTOCOL.batchSize): number => Math.ceil(trainSize / batchSize) * epochs;

export interface TrainedNets {
  set: NetSet;
  /** Seconds each net spent in its training steps. */
  seconds: Partial<Record<NetId, number>>;
}

/** Nets `ids` trained side by side from `seed` for `steps` steps, ready to probe. */
export async function trainNets(ids: readonly NetId[], classes: number, seed: number, engine: EngineName, train: LabeledImages, steps: number, progress: (line: string) => void = () => {}): Promise<TrainedNets> {
  const set = NetSet.fromSeed({ ids, classes, seed, engine }, train);
  const chunk = Math.max(1, Math.ceil(steps / 6));
  for (let done = 0; done < steps; done += chunk) {
    const r = set.train(Math.min(chunk, steps - done));
    progress(`  step ${r.step}/${steps}: mean loss ${r.loss.toFixed(3)}`);
  }
  await set.sync();
  return { set, seconds: set.trainingSeconds() };
}

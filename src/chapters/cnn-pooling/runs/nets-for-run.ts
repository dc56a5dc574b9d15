/**
 * What every live run of the chapter starts from: a task's nets, either the shipped seed-1 weights
 * (they answer at once) or fresh nets from the run's seed that the run trains ("retrain here"), and
 * the task's data. Config fields shared by the runs, and the engine default.
 */
import type { ByteSource } from '../../../lib/data';
import { wasmSimdAvailable, type EngineName } from '../../../lib/engine';
import { loadDigitSplit, type LabeledImages } from '../data';
import { faceTask, type FaceTask } from '../experiments';
import { NetSet } from '../net-set';
import { PROTOCOL, type NetId } from '../nets';
import { loadNetWeights, TASK_CLASSES, type Task } from '../weights';

export interface RunBase {
  seed: number;
  /** 'pretrained': the shipped seed-1 weights; 'retrain': fresh nets from `seed`, trained by train(). */
  weights: 'pretrained' | 'retrain';
  /** The engine that trains when retraining (the runtime's fastest); default wasm-simd, else js. */
  engine?: EngineName;
  /** Training digits / face images when retraining (default: the protocol's 8,000 / 4,000). */
  trainSize?: number;
}

export const defaultEngine = (): EngineName => (wasmSimdAvailable() ? 'wasm-simd' : 'js');

/** Test digits the runs read (the split's held-out 2,000), and face images. */
export const TEST_DIGITS = PROTOCOL.testSize;
export const FACE_TRAIN = 4000;
export const FACE_TEST = 500;

export async function openNets(task: Task, ids: readonly NetId[], base: RunBase, train: LabeledImages, models: ByteSource): Promise<NetSet> {
  if (base.weights === 'pretrained') {
    const { weights } = await loadNetWeights(task, ids, models);
    return NetSet.fromWeights(ids, TASK_CLASSES[task], weights);
  }
  const set = NetSet.fromSeed({ ids, classes: TASK_CLASSES[task], seed: base.seed, engine: base.engine ?? defaultEngine() }, train);
  await set.sync();
  return set;
}

/** The split's 2,000 test digits, and (retraining) its first trainSize training digits. */
export async function openDigits(base: RunBase, source: ByteSource): Promise<{ train: LabeledImages; test: LabeledImages }> {
  const keep = base.weights === 'retrain' ? Math.min(base.trainSize ?? PROTOCOL.trainSize, PROTOCOL.trainSize) : 0;
  return loadDigitSplit(source, PROTOCOL.trainSize, TEST_DIGITS, keep);
}

/** The face sets: training images only when retraining; `testSize` scrambled pairs (no held-out faces vs non-faces: the figure does not score them). */
export function openFaces(base: RunBase, testSize = FACE_TEST): FaceTask {
  return faceTask(base.weights === 'retrain' ? (base.trainSize ?? FACE_TRAIN) : 0, testSize, false);
}

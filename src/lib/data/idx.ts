/**
 * IDX, the file format of MNIST and Fashion-MNIST (LeCun et al., http://yann.lecun.com/exdb/mnist/):
 *
 *   bytes 0-1   0x00 0x00            magic
 *   byte  2     type code            0x08 = unsigned byte (the only type these datasets use)
 *   byte  3     number of dims d
 *   4 * d bytes the dims, big-endian uint32
 *   then        prod(dims) values, row-major (last dim fastest)
 *
 * Pure byte work: runs unchanged in Node, a worker and a page.
 */

const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

const UBYTE = 0x08;

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/**
 * Parse an (uncompressed) IDX file of unsigned bytes. `data` is a view into `bytes` (no copy).
 * Throws an Error naming the problem for a bad magic, a type other than 0x08, a zero dim count,
 * a truncated header or body, or trailing bytes.
 */
export function parseIdx(bytes: Uint8Array): { dims: number[]; data: Uint8Array } {
  if (bytes.length < 4) {
    throw new Error(`IDX: file too short for a header (${bytes.length} bytes; need at least 4)`);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (this looks like gzip data: gunzip it first)' : '';
    throw new Error(`IDX: bad magic ${hex(bytes[0])} ${hex(bytes[1])}, expected 0x00 0x00${gz}`);
  }
  const type = bytes[2];
  if (type !== UBYTE) {
    const name = TYPE_NAMES[type] ?? 'unknown type';
    throw new Error(`IDX: data type ${hex(type)} (${name}) is not supported; only 0x08 (unsigned byte)`);
  }
  const ndim = bytes[3];
  if (ndim === 0) throw new Error('IDX: header declares 0 dimensions');
  const headerLength = 4 + 4 * ndim;
  if (bytes.length < headerLength) {
    throw new Error(`IDX: truncated header: ${ndim} dim${ndim === 1 ? '' : 's'} need ${headerLength} bytes, file has ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, headerLength);
  const dims: number[] = [];
  let size = 1;
  for (let i = 0; i < ndim; i++) {
    const d = view.getUint32(4 + 4 * i, false);
    dims.push(d);
    size *= d;
  }
  const expected = headerLength + size;
  if (bytes.length < expected) {
    throw new Error(
      `IDX: truncated data: dims [${dims.join(', ')}] need ${expected} bytes, file has ${bytes.length}`,
    );
  }
  if (bytes.length > expected) {
    throw new Error(
      `IDX: ${bytes.length - expected} trailing bytes after dims [${dims.join(', ')}] (${expected} bytes expected)`,
    );
  }
  return { dims, data: bytes.subarray(headerLength, expected) };
}

/** Encode unsigned bytes as an IDX file (type 0x08): the inverse of parseIdx. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  if (dims.length === 0 || dims.length > 255) throw new Error(`IDX: cannot encode ${dims.length} dims`);
  let size = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) throw new Error(`IDX: bad dim ${d}`);
    size *= d;
  }
  if (size !== data.length) {
    throw new Error(`IDX: dims [${dims.join(', ')}] hold ${size} values, data has ${data.length}`);
  }
  const headerLength = 4 + 4 * dims.length;
  const out = new Uint8Array(headerLength + size);
  const view = new DataView(out.buffer);
  out[2] = UBYTE;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, headerLength);
  return out;
}

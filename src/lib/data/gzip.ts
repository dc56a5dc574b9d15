/**
 * Gunzip only when needed. The shipped files are .gz, but a server may already have decoded them
 * (it sent `Content-Encoding: gzip` and fetch inflated the body), so sniff the gzip magic 0x1f 0x8b
 * (RFC 1952) instead of trusting the file name. Inflation uses the platform's DecompressionStream,
 * a global in browsers, workers and Node >= 18: no library.
 */

/** True when `bytes` starts with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflate gzip data; return any other bytes unchanged (same object). */
export async function maybeGunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  // Blob wants ArrayBuffer-backed views; copy the rare SharedArrayBuffer-backed one.
  const part = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const stream = new Blob([part]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new Error(`gzip: cannot inflate ${bytes.length} bytes: ${(err as Error).message}`, { cause: err });
  }
}

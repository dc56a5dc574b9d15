/**
 * Node-only ByteSource reading the data folder from disk (scripts, reproduce, unit tests).
 * Never import this from page or worker code: it pulls in node:fs. It is left out of the barrel.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByteSource } from './datasets';

/** <repo>/public/data, found from this file's place in the repository. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../public/data/', import.meta.url));

const sources = new Map<string, ByteSource>();

/**
 * A ByteSource reading files of `dir` (default: <repo>/public/data). The same directory gives the
 * same function, so loadDataset's memo is shared across callers.
 */
export function nodeSource(dir: string = DEFAULT_DATA_DIR): ByteSource {
  const root = resolve(dir);
  const cached = sources.get(root);
  if (cached) return cached;
  const source: ByteSource = async (fileName) => {
    if (basename(fileName) !== fileName) throw new Error(`nodeSource: ${fileName} is not a plain file name`);
    const path = join(root, fileName);
    try {
      return new Uint8Array(await readFile(path));
    } catch (err) {
      throw new Error(`nodeSource: cannot read ${path} (${(err as Error).message}); rebuild with npm run data`, {
        cause: err,
      });
    }
  };
  sources.set(root, source);
  return source;
}

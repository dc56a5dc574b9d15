/**
 * Node-only ByteSource for the shipped weights in <repo>/public/models (scripts, reproduce, tests).
 * Never import this from page or worker code: it pulls in node:fs through nodeSource.
 */
import { fileURLToPath } from 'node:url';
import type { ByteSource } from '../data';
import { nodeSource } from '../data/source-node';

export const DEFAULT_MODELS_DIR = fileURLToPath(new URL('../../../public/models/', import.meta.url));

export function nodeModelSource(dir: string = DEFAULT_MODELS_DIR): ByteSource {
  return nodeSource(dir);
}

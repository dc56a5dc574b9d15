/**
 * A static server for the benchmark: the built site (dist/) at /, the benchmark page (bench/out/)
 * at /bench/, and both again under /coi/ with the cross-origin isolation headers (COOP + COEP) that
 * tfjs-wasm's threads and SharedArrayBuffer need — headers a plain static host does not send.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface BenchServer {
  url: string;
  close(): Promise<void>;
}

export async function startBenchServer(siteDir: string, benchDir: string): Promise<BenchServer> {
  const server: Server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const isolated = path.startsWith('/coi/');
    if (isolated) path = path.slice(4);
    const inBench = path.startsWith('/bench/');
    const root = inBench ? benchDir : siteDir;
    let rel = normalize(inBench ? path.slice('/bench'.length) : path);
    if (rel.endsWith('/')) rel += 'index.html';
    if (rel.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    try {
      const body = await readFile(join(root, rel));
      const headers: Record<string, string> = { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' };
      if (isolated) {
        headers['cross-origin-opener-policy'] = 'same-origin';
        headers['cross-origin-embedder-policy'] = 'require-corp';
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

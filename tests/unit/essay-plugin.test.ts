/**
 * The Vite plugin end to end: a production build of the real site, and the dev server's
 * rendering and reloading. Slower than the other essay tests (a full `vite build`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { build, createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { essay } from '../../src/essay/plugin.ts';

const root = path.resolve(new URL('../..', import.meta.url).pathname);

describe('vite build', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essay-build-'));
  beforeAll(async () => {
    await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  }, 240_000);
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  const read = (file: string) => fs.readFileSync(path.join(outDir, file), 'utf8');
  const assets = () => fs.readdirSync(path.join(outDir, 'assets'));

  it('writes one HTML page per chapter plus the landing page', () => {
    expect(fs.existsSync(path.join(outDir, 'index.html'))).toBe(true);
    expect(fs.existsSync(path.join(outDir, 'introduction.html'))).toBe(true);
  });

  it('links hashed, relative JS and CSS assets that exist', () => {
    for (const page of ['index.html', 'introduction.html']) {
      const doc = new JSDOM(read(page)).window.document;
      const urls = [...doc.querySelectorAll('script[src], link[rel="stylesheet"]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href')!);
      expect(urls.some((u) => /^\.\/assets\/[\w.-]+-[\w-]{8}\.js$/.test(u))).toBe(true);
      expect(urls.some((u) => /^\.\/assets\/[\w.-]+-[\w-]{8}\.css$/.test(u))).toBe(true);
      for (const url of urls) expect(fs.existsSync(path.join(outDir, url)), url).toBe(true);
    }
  });

  it('self-hosts the KaTeX fonts and ships no KaTeX JavaScript', () => {
    const css = assets().filter((f) => f.endsWith('.css')).map((f) => read(`assets/${f}`)).join('\n');
    const fonts = [...css.matchAll(/url\(([^)]+KaTeX[^)]+\.woff2)\)/g)].map((m) => m[1].replace(/^["']|["']$/g, ''));
    expect(fonts.length).toBeGreaterThan(10);
    for (const font of fonts) expect(fs.existsSync(path.join(outDir, 'assets', font)), font).toBe(true);
    expect(css).not.toMatch(/url\(["']?https?:/);
    for (const js of assets().filter((f) => f.endsWith('.js'))) {
      expect(read(`assets/${js}`), js).not.toMatch(/KaTeX parse error|renderToString/);
    }
  });

  it('keeps the typeset math and the references in the static HTML', () => {
    const doc = new JSDOM(read('introduction.html')).window.document;
    expect(doc.querySelectorAll('.katex').length).toBeGreaterThan(10);
    expect(doc.querySelector('section.references ol li')).not.toBeNull();
    expect(doc.querySelector('figure.widget-figure > overfit-mlp')).not.toBeNull();
  });
});

describe('vite dev server', () => {
  let server: ViteDevServer;
  let base: string;
  beforeAll(async () => {
    server = await createServer({ root, logLevel: 'error', server: { port: 0, host: '127.0.0.1', ws: false } });
    await server.listen();
    const address = server.httpServer!.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('renders pages on request, through Vite’s HTML transforms', async () => {
    for (const url of ['/', '/index.html', '/introduction.html', '/introduction']) {
      const res = await fetch(base + url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('/@vite/client');
    }
    expect(await (await fetch(`${base}/introduction.html`)).text()).toContain('class="katex"');
    expect((await fetch(`${base}/no-such-chapter.html`)).status).toBe(404);
  });

  it('sends a full reload when content changes', () => {
    const send = vi.spyOn(server.ws, 'send').mockImplementation(() => {});
    server.watcher.emit('change', path.join(root, 'content', '01-introduction.md'));
    expect(send).toHaveBeenCalledWith({ type: 'full-reload', path: '*' });
    send.mockClear();
    server.watcher.emit('change', path.join(root, 'src', 'lib', 'random.ts'));
    expect(send).not.toHaveBeenCalledWith({ type: 'full-reload', path: '*' });
    send.mockRestore();
  });
});

describe('vite dev server, on a broken chapter', () => {
  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'essay-content-'));
  const chapter = path.join(contentDir, '01-broken.md');
  let server: ViteDevServer;
  let base: string;
  beforeAll(async () => {
    fs.writeFileSync(chapter, '---\ntitle: Broken\norder: 1\nsummary: S.\n---\n\nSee [@nobody].\n');
    server = await createServer({ root, configFile: false, logLevel: 'silent', plugins: [essay({ contentDir })], server: { port: 0, host: '127.0.0.1', ws: false } });
    await server.listen();
    const address = server.httpServer!.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    fs.rmSync(contentDir, { recursive: true, force: true });
  });

  it('shows the error with its file and line, then the page once the source is fixed', async () => {
    const broken = await (await fetch(`${base}/broken.html`)).text();
    expect(broken).toContain('The essay does not build');
    expect(broken).toMatch(/01-broken\.md:7: unknown citation key @nobody/);
    expect(broken).toContain('/@vite/client');
    fs.writeFileSync(chapter, '---\ntitle: Broken\norder: 1\nsummary: S.\n---\n\nFixed: $x$.\n');
    const fixed = await (await fetch(`${base}/broken.html`)).text();
    expect(fixed).toContain('<h1>Broken</h1>');
    expect(fixed).toContain('class="katex"');
  });
});

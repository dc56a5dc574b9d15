/**
 * `npm run bench`: opens the built site in headless Chromium and measures the Introduction's widget
 * (MLP 784-256-10, batch 64, 2,000 training digits) on each tfjs backend the machine offers:
 * training steps/s (median of three windows), time from scrolling the widget into view to its first
 * training step, main-thread frame time p50/p95 while it trains, and the page's JavaScript + WASM
 * transfer (gzip). Writes bench/results.json and bench/RESULTS.md.
 *
 * Numbers are for comparing backends within one run on one machine; the machine is described in the
 * output. Options: --backends=wasm,cpu  --seconds=3 (per window)  --out=bench
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
];

interface BackendResult {
  requested: string;
  used: string | null;
  isGpu: boolean | null;
  stepsPerSec: number | null;
  windows: number[];
  firstStepMs: number | null;
  frameP50Ms: number | null;
  frameP95Ms: number | null;
  note?: string;
}

// Page scripts are strings: tsx's transform would otherwise inject helpers the page lacks.
const FRAME_RECORDER = `(() => {
  window.__frames = [];
  let last = performance.now();
  const tick = (now) => { window.__frames.push(now - last); last = now; if (window.__frames.length < 100000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

async function stepOf(page: Page): Promise<number> {
  return Number((await page.locator('overfit-mlp').getAttribute('data-step')) ?? '0');
}

async function measureBackend(baseUrl: string, backend: string, seconds: number): Promise<BackendResult> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const result: BackendResult = { requested: backend, used: null, isGpu: null, stepsPerSec: null, windows: [], firstStepMs: null, frameP50Ms: null, frameP95Ms: null };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const query = backend === 'auto' ? '' : `?backend=${backend}`;
    await page.goto(`${baseUrl}/introduction.html${query}#overfit.train-size=2000`);
    const widget = page.locator('overfit-mlp');
    const t0 = Date.now();
    await widget.scrollIntoViewIfNeeded();
    await widget.locator('[data-testid="play"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => /ready|playing/.test(document.querySelector('overfit-mlp')?.getAttribute('data-status') ?? ''), null, { timeout: 120_000 });
    await widget.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('overfit-mlp')?.getAttribute('data-step') ?? '0') > 0, null, { timeout: 120_000, polling: 10 });
    result.firstStepMs = Date.now() - t0;
    const info = (await page.evaluate('window.__localMinimum && window.__localMinimum.backend')) as { name: string; isGpu: boolean } | null;
    result.used = info?.name ?? null;
    result.isGpu = info?.isGpu ?? null;
    if (backend !== 'auto' && info?.name !== backend) result.note = `fell back to ${info?.name}`;
    // Frame times on the main thread while training, recorded in the page.
    await page.evaluate(FRAME_RECORDER);
    await page.waitForTimeout(1000); // warm-up
    for (let i = 0; i < 3; i++) {
      const s0 = await stepOf(page);
      const ta = Date.now();
      await page.waitForTimeout(seconds * 1000);
      const s1 = await stepOf(page);
      const status = await widget.getAttribute('data-status');
      if (status !== 'playing') {
        result.note = `stopped (${status}) during measurement`;
        break;
      }
      result.windows.push(((s1 - s0) * 1000) / (Date.now() - ta));
    }
    const frames = (await page.evaluate('window.__frames.slice(5)')) as number[];
    result.stepsPerSec = result.windows.length ? median(result.windows) : null;
    result.frameP50Ms = quantile(frames, 0.5);
    result.frameP95Ms = quantile(frames, 0.95);
  } catch (err) {
    result.note = `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  } finally {
    await browser.close();
  }
  return result;
}

/** JavaScript and WASM the Introduction page downloads (auto backend), gzip-compressed as a server would send them. */
async function pageBudget(baseUrl: string, distDir: string): Promise<{ files: { path: string; gzipBytes: number }[]; totalGzipBytes: number }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const urls = new Set<string>();
  try {
    const page = await browser.newPage();
    page.on('request', (r) => urls.add(r.url()));
    await page.goto(`${baseUrl}/introduction.html`);
    await page.locator('overfit-mlp').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => /ready|playing/.test(document.querySelector('overfit-mlp')?.getAttribute('data-status') ?? ''), null, { timeout: 120_000 });
  } finally {
    await browser.close();
  }
  const files: { path: string; gzipBytes: number }[] = [];
  for (const url of urls) {
    const path = new URL(url).pathname;
    if (!/\.(js|mjs|wasm)$/.test(path)) continue;
    const bytes = await readFile(join(distDir, path));
    files.push({ path, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  return { files, totalGzipBytes: files.reduce((s, f) => s + f.gzipBytes, 0) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: 'auto,wasm,cpu,webgl,webgpu' },
      seconds: { type: 'string', default: '3' },
      out: { type: 'string', default: 'bench' },
    },
  });
  const server = await preview({ preview: { port: 4180, strictPort: false, host: '127.0.0.1' }, logLevel: 'error' });
  const baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://127.0.0.1:4180';
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'})`;
  try {
    const results: BackendResult[] = [];
    for (const backend of values.backends!.split(',')) {
      process.stderr.write(`bench: ${backend}… `);
      const r = await measureBackend(baseUrl, backend, Number(values.seconds));
      process.stderr.write(`${r.stepsPerSec?.toFixed(1) ?? '—'} steps/s${r.note ? ` (${r.note})` : ''}\n`);
      results.push(r);
    }
    const budget = await pageBudget(baseUrl, 'dist');
    const base = results.find((r) => r.requested === 'auto')?.stepsPerSec ?? null;
    const fmt = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));
    const lines = [
      '# Benchmark: the Introduction widget (MLP 784-256-10, batch 64)',
      '',
      `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      'Steps/s is the median of three windows while the widget trains in its Web Worker; "vs auto" is the same-run ratio against the backend the page chose by itself. First step: from scrolling the widget into view to its first completed training step (includes data and backend start-up). Frames: main-thread requestAnimationFrame intervals while training.',
      '',
      '| backend asked | backend used | steps/s | vs auto | first step (ms) | frame p50 (ms) | frame p95 (ms) | note |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
      ...results.map((r) => `| ${r.requested} | ${r.used ?? '—'}${r.isGpu ? ' (GPU)' : ''} | ${fmt(r.stepsPerSec)} | ${base && r.stepsPerSec ? (r.stepsPerSec / base).toFixed(2) + '×' : '—'} | ${fmt(r.firstStepMs, 0)} | ${fmt(r.frameP50Ms)} | ${fmt(r.frameP95Ms)} | ${r.note ?? ''} |`),
      '',
      `Page budget (Introduction, JavaScript + WASM actually downloaded, gzip -9): **${(budget.totalGzipBytes / 1024).toFixed(1)} KiB** (limit 300 KB).`,
      '',
      ...budget.files.map((f) => `- \`${f.path}\`: ${(f.gzipBytes / 1024).toFixed(1)} KiB`),
      '',
    ];
    await mkdir(values.out!, { recursive: true });
    await writeFile(join(values.out!, 'results.json'), JSON.stringify({ machine, date: new Date().toISOString(), results, budget }, null, 2));
    await writeFile(join(values.out!, 'RESULTS.md'), lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

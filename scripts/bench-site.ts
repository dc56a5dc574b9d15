/**
 * The site's own numbers, in the built essay: the Introduction's widget (MLP 784-256-10, batch 64)
 * training in its Web Worker — time from scrolling it into view to its first training step (a
 * first visit, then a warm one: HTTP cache and the engine's calibration cache filled), the engine
 * it chose as its badge says, steps/s, and main-thread frame times while it trains; and the page's
 * JavaScript + WASM transfer (gzip).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';

export interface SiteResult {
  requested: string;
  visit: 'first' | 'warm';
  engine: string | null;
  badge: string | null;
  stepsPerSec: number | null;
  windows: number[];
  firstStepMs: number | null;
  /** From the scroll: the worker's backend chosen (the page's debug hook), and the widget ready (run created, first evaluation drawn). */
  backendMs: number | null;
  readyMs: number | null;
  frameP50Ms: number | null;
  frameP95Ms: number | null;
  /** The same page's frames before training started: what the machine's load alone costs. */
  idleFrameP95Ms: number | null;
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

async function visit(page: Page, url: string, requested: string, kind: 'first' | 'warm', windows: number, windowMs: number): Promise<SiteResult> {
  const result: SiteResult = { requested, visit: kind, engine: null, badge: null, stepsPerSec: null, windows: [], firstStepMs: null, backendMs: null, readyMs: null, frameP50Ms: null, frameP95Ms: null, idleFrameP95Ms: null };
  try {
    // A real navigation each time (the same URL with a hash would only scroll).
    await page.goto('about:blank');
    await page.goto(url);
    const widget = page.locator('overfit-mlp');
    const t0 = Date.now();
    await widget.scrollIntoViewIfNeeded();
    await page.waitForFunction('!!(window.__localMinimum && window.__localMinimum.backend)', null, { timeout: 120_000, polling: 10 });
    result.backendMs = Date.now() - t0;
    await widget.locator('[data-testid="play"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction('/ready|playing/.test(document.querySelector("overfit-mlp")?.getAttribute("data-status") ?? "")', null, { timeout: 120_000, polling: 10 });
    result.readyMs = Date.now() - t0;
    await widget.getByTestId('play').click();
    await page.waitForFunction('Number(document.querySelector("overfit-mlp")?.getAttribute("data-step") ?? "0") > 0', null, { timeout: 120_000, polling: 10 });
    result.firstStepMs = Date.now() - t0;
    if (kind === 'warm') {
      // Control: the frames of a paused widget, same page, same moment's load.
      await widget.getByTestId('play').click();
      await page.evaluate(FRAME_RECORDER);
      await page.waitForTimeout(1500);
      result.idleFrameP95Ms = quantile((await page.evaluate('window.__frames.slice(5)')) as number[], 0.95);
      await widget.getByTestId('play').click();
    }
    await page.evaluate(FRAME_RECORDER);
    await page.waitForTimeout(500);
    for (let i = 0; i < windows; i++) {
      const s0 = await stepOf(page);
      const ta = Date.now();
      await page.waitForTimeout(windowMs);
      const s1 = await stepOf(page);
      const status = await widget.getAttribute('data-status');
      if (status !== 'playing') {
        result.note = `stopped (${status}) during measurement`;
        break;
      }
      result.windows.push(((s1 - s0) * 1000) / (Date.now() - ta));
    }
    const frames = (await page.evaluate('window.__frames.slice(5)')) as number[];
    const badge = page.getByTestId('badge');
    result.badge = await badge.textContent();
    result.engine = (await badge.getAttribute('data-engine')) ?? (await badge.getAttribute('data-backend'));
    result.stepsPerSec = result.windows.length ? median(result.windows) : null;
    result.frameP50Ms = quantile(frames, 0.5);
    result.frameP95Ms = quantile(frames, 0.95);
  } catch (err) {
    result.note = `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
  return result;
}

/**
 * For each requested backend ('auto' = the site's own choice): a first visit in a fresh context,
 * then a warm visit in the same one. The widget's steps/s include its evaluations (every 10–50
 * steps it scores 4,000 examples), so it is below the engine's raw steps/s.
 */
export async function measureSite(browser: Browser, baseUrl: string, requested: string[], windows: number, windowMs: number, log: (line: string) => void): Promise<SiteResult[]> {
  const out: SiteResult[] = [];
  for (const backend of requested) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const query = backend === 'auto' ? '' : `?backend=${backend}`;
      const url = `${baseUrl}/introduction.html${query}#overfit.train-size=2000`;
      // The site's own choice is visited warm three times (the target takes the median).
      const visits: ('first' | 'warm')[] = backend === 'auto' ? ['first', 'warm', 'warm', 'warm'] : ['first', 'warm'];
      for (const [i, kind] of visits.entries()) {
        log(`bench: site, ${backend}, ${kind} visit…`);
        const r = await visit(page, url, backend, kind, i === 1 ? windows : 1, windowMs);
        log(`  ${r.engine ?? '—'}: first step ${r.firstStepMs ?? '—'} ms, ${r.stepsPerSec?.toFixed(1) ?? '—'} steps/s, frame p95 ${r.frameP95Ms?.toFixed(1) ?? '—'} ms${r.note ? ` (${r.note})` : ''}`);
        out.push(r);
      }
    } finally {
      await context.close();
    }
  }
  return out;
}

/** JavaScript and WASM the Introduction page downloads (auto backend), gzip-compressed as a server would send them. */
export async function pageBudget(browser: Browser, baseUrl: string, distDir: string): Promise<{ files: { path: string; gzipBytes: number }[]; totalGzipBytes: number }> {
  const context = await browser.newContext();
  const urls = new Set<string>();
  try {
    const page = await context.newPage();
    page.on('request', (r) => urls.add(r.url()));
    await page.goto(`${baseUrl}/introduction.html`);
    await page.locator('overfit-mlp').scrollIntoViewIfNeeded();
    await page.waitForFunction('/ready|playing/.test(document.querySelector("overfit-mlp")?.getAttribute("data-status") ?? "")', null, { timeout: 120_000 });
  } finally {
    await context.close();
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

/**
 * `npm run bench:first`: time to first numbers for every figure of every chapter, in headless
 * Chromium on the built site (run `npm run build` first).
 *
 * A warm visit, as a reader's second one: each page is first opened and every figure on it scrolled
 * into view and left to load (HTTP cache, the worker's engine calibration, the decoded datasets'
 * cache filled, each run's first evaluation remembered: src/runtime/snapshots.ts). Then, per figure,
 * the page is opened afresh at its top and the figure measured four ways:
 *   near     the figure put 300 px below the fold (inside the scheduler's pre-warm margin,
 *            src/runtime/scheduler.ts) and left there: time to its first numbers;
 *   computed the same with the remembered first evaluations deleted first: the worker builds the
 *            run and evaluates it before the figure has numbers (a first visit, HTTP cache warm);
 *   in view  a reader's approach: the figure put 1.2 screen heights below the fold, scrolled into
 *            view a second later; time from then to its first numbers (0: they were there already);
 *   jump     the page opened at the figure's link (`#id`), as a lecturer or a shared link does:
 *            time from navigation start to its first numbers.
 * "First numbers": the figure's status leaves `loading` (ready, playing or finished: its first
 * evaluation drawn). Target (issue 17): first numbers within 1,000 ms of the
 * figure nearing the viewport; reported as `near` ≤ 1,000 ms, and `in view` (0 is the aim).
 * Writes bench/FIRST.md and bench/first.json.
 *
 * Options: --pages=introduction,feedback-alignment  --out=bench
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chapters } from '../src/chapters';
import { startBenchServer } from './bench-server';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const TARGET_MS = 1000;
/** A reader's scroll from 1.2 screen heights below the fold to the figure in view. */
const APPROACH_MS = 1000;

interface FirstNumbers {
  page: string;
  id: string;
  tag: string;
  nearMs: number | null;
  /** As nearMs, with no remembered first evaluation. */
  computedMs: number | null;
  /** From the figure scrolled into view (after the approach) to its first numbers; 0: there already. */
  inViewMs: number | null;
  jumpMs: number | null;
  note?: string;
}

// Page scripts are strings: tsx's transform would otherwise inject helpers the page lacks.
const FIGURES = `[...document.querySelectorAll('article *')].filter((el) => el.tagName.includes('-') && el.id).map((el) => ({ id: el.id, tag: el.tagName.toLowerCase() }))`;
const loaded = (id: string) => `(() => { const s = document.getElementById(${JSON.stringify(id)})?.getAttribute('data-status') ?? 'loading'; return s !== 'loading' && s !== ''; })()`;

async function waitLoaded(page: Page, id: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction(loaded(id), null, { timeout, polling: 'raf' });
}

async function warm(page: Page, url: string): Promise<{ id: string; tag: string }[]> {
  await page.goto(url);
  const figures = (await page.evaluate(FIGURES)) as { id: string; tag: string }[];
  for (const f of figures) {
    await page.locator(`#${f.id}`).scrollIntoViewIfNeeded();
    await waitLoaded(page, f.id).catch(() => undefined);
  }
  // A reader who has been here stayed a moment: the last figure's first evaluation is written to
  // IndexedDB before the page is left (an immediate goto cut eqprop's write off: near 1.9–2.4 s).
  await page.waitForTimeout(2000);
  return figures;
}

/** Open the page at its top, put the figure's top `below` px under the viewport's bottom edge; t0 there. */
async function placeBelowFold(page: Page, url: string, id: string, below: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.evaluate(`(() => { const el = document.getElementById(${JSON.stringify(id)}); const top = el.getBoundingClientRect().top + scrollY; scrollTo({ top: Math.max(0, top - innerHeight - (${below})), behavior: 'instant' }); })()`);
  return Date.now();
}

/** The figure 300 px below the fold, left there: time to its first numbers. */
async function near(page: Page, url: string, id: string): Promise<number> {
  const t0 = await placeBelowFold(page, url, id, '300');
  await waitLoaded(page, id);
  return Date.now() - t0;
}

/** As `near`, the remembered first evaluations deleted first (from a same-origin page with no figures). */
async function computed(page: Page, base: string, url: string, id: string): Promise<number> {
  await page.goto(`${base}/index.html`);
  await page.evaluate(`new Promise((resolve, reject) => { const req = indexedDB.deleteDatabase('local-minimum-snapshots'); req.onsuccess = resolve; req.onerror = reject; req.onblocked = resolve; })`);
  return near(page, url, id);
}

/** A reader's approach: the figure 1.2 screen heights below the fold, scrolled into view 1 s later; time from then to its numbers (0: there already). */
async function approach(page: Page, url: string, id: string): Promise<number> {
  await placeBelowFold(page, url, id, '1.2 * innerHeight');
  await page.waitForTimeout(APPROACH_MS);
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  const t1 = Date.now();
  const already = (await page.evaluate(loaded(id))) as boolean;
  if (already) return 0;
  await waitLoaded(page, id);
  return Date.now() - t1;
}

async function jump(page: Page, url: string, id: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${url}#${id}`, { waitUntil: 'commit' });
  await waitLoaded(page, id);
  return (await page.evaluate(`performance.now()`)) as number;
}

function report(rows: FirstNumbers[], meta: { date: string; cpus: number; load: number }): string {
  const fmt = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms)}`);
  const near = rows.map((r) => r.nearMs).filter((v): v is number => v !== null);
  const within = near.filter((v) => v <= TARGET_MS).length;
  const computedAll = rows.map((r) => r.computedMs).filter((v): v is number => v !== null);
  const computedWithin = computedAll.filter((v) => v <= TARGET_MS).length;
  const lines = [
    '# Time to first numbers',
    '',
    `Measured by \`npm run bench:first\` (scripts/bench-first-numbers.ts) on ${meta.date}: headless Chromium, ${meta.cpus} cores, load average ${meta.load.toFixed(1)} at the start, warm visits (each page loaded once before, every figure in view).`,
    '',
    `- **near**: the figure put 300 px below the fold (inside the scheduler's pre-warm margin of 1.5 screen heights) and left there: time to its first numbers. Target ≤ ${TARGET_MS} ms.`,
    '- **computed**: the same with the remembered first evaluations (src/runtime/snapshots.ts) deleted first: the worker builds the run and evaluates it before the figure has numbers, as on a first visit.',
    `- **in view**: a reader's approach: the figure put 1.2 screen heights below the fold and scrolled into view ${APPROACH_MS} ms later; time from then to its first numbers (0: they were there already).`,
    '- **jump**: opening the page at the figure\'s link (`#id`), from navigation start to its first numbers.',
    '',
    `${within} of ${near.length} figures reach their first numbers within ${TARGET_MS} ms of nearing the viewport (${computedWithin} of ${computedAll.length} when they compute them); ${rows.filter((r) => r.inViewMs === 0).length} have them before they are scrolled into view.`,
    '',
    '| page | figure | near (ms) | computed (ms) | in view (ms) | jump (ms) | note |',
    '|---|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.page} | ${r.id} (\`${r.tag}\`) | ${fmt(r.nearMs)} | ${fmt(r.computedMs)} | ${fmt(r.inViewMs)} | ${fmt(r.jumpMs)} | ${r.note ?? ''} |`),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pages: { type: 'string' }, out: { type: 'string', default: 'bench' } } });
  const pages = values.pages ? values.pages.split(',') : chapters.map((c) => c.slug);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const meta = { date: new Date().toISOString().slice(0, 10), cpus: cpus().length, load: loadavg()[0] };
  const server = await startBenchServer('dist', 'bench/out');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const rows: FirstNumbers[] = [];
  try {
    for (const name of pages) {
      // Each page in its own context: a reader who has been to that page before.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        const url = `${server.url}/${name}.html`;
        log(`first numbers: warming ${name}…`);
        const figures = await warm(page, url);
        const failed = (row: FirstNumbers, err: unknown) => (row.note = `failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        const pageRows: FirstNumbers[] = [];
        for (const f of figures) {
          const row: FirstNumbers = { page: name, id: f.id, tag: f.tag, nearMs: null, computedMs: null, inViewMs: null, jumpMs: null };
          try {
            row.nearMs = await near(page, url, f.id);
            row.inViewMs = await approach(page, url, f.id);
            row.jumpMs = await jump(page, url, f.id);
          } catch (err) {
            failed(row, err);
          }
          pageRows.push(row);
        }
        // Last: deleting the remembered evaluations forgets every figure's, not only the one measured.
        for (const row of pageRows) {
          try {
            if (!row.note) row.computedMs = await computed(page, server.url, url, row.id);
          } catch (err) {
            failed(row, err);
          }
          log(`  ${name} ${row.id}: near ${row.nearMs ?? '—'} ms, computed ${row.computedMs ?? '—'} ms, in view ${row.inViewMs ?? '—'} ms, jump ${row.jumpMs === null ? '—' : Math.round(row.jumpMs)} ms${row.note ? ` (${row.note})` : ''}`);
          rows.push(row);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  await writeFile(join(values.out!, 'first.json'), JSON.stringify({ ...meta, targetMs: TARGET_MS, rows }, null, 2));
  await writeFile(join(values.out!, 'FIRST.md'), report(rows, meta));
  const slow = rows.filter((r) => r.nearMs === null || r.nearMs > TARGET_MS);
  log(`first numbers: ${rows.length - slow.length} of ${rows.length} within ${TARGET_MS} ms of nearing the viewport${slow.length ? `; over: ${slow.map((r) => `${r.id} ${r.nearMs ?? '—'}`).join(', ')}` : ''}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

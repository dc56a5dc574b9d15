/**
 * Soak (`npm run soak`, not in CI): each chapter's heaviest figure trains for N minutes in headless
 * Chromium on the built site, restarted whenever it finishes or diverges, while the page's JS heap
 * (after a forced GC, via the DevTools protocol), the worker's JS heap and the worker's tensor bytes
 * are sampled. Pass: growth after the warm-up (the first fifth of the run, at least 20 s) below 10%
 * of the warm-up level (a 1 MB floor, so a page of 3 MB does not fail on 0.3 MB of noise). Writes
 * bench/SOAK.md.
 *
 *   npm run soak                       10 minutes per chapter (needs `npm run build` first)
 *   npm run soak -- --minutes 1        a short run
 *   npm run soak -- --only feedback-alignment
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startBenchServer } from './bench-server';

/** Each chapter's heaviest figure, and the link that makes it heavy. */
const HEAVIEST: { chapter: string; tag: string; hash: string }[] = [
  { chapter: 'introduction', tag: 'overfit-mlp', hash: 'overfit.train-size=10000&overfit.hidden=512' },
  { chapter: 'cnn-pooling', tag: 'shift-probe', hash: 'probe.weights=retrain&probe.seeds=3' },
  { chapter: 'adversarial-attacks', tag: 'robustness-curves', hash: '' },
  { chapter: 'catastrophic-forgetting', tag: 'forgetting-live', hash: 'forgetting.plain=1&forgetting.replay=1&forgetting.ewc=1&forgetting.metaplastic=1' },
  { chapter: 'feedback-alignment', tag: 'fa-compare', hash: 'bp-vs-fa.hidden=512&bp-vs-fa.depth=3&bp-vs-fa.seeds=5' },
  { chapter: 'exponentiated-gradient', tag: 'eg-weights', hash: 'dale.hidden=512' },
  { chapter: 'neural-tangent-kernel', tag: 'ntk-kernel-motion', hash: 'ntk-kernel-motion.networks=5' },
  { chapter: 'brains-not-feed-forward', tag: 'kohonen-map', hash: '' },
];

interface Sample {
  t: number;
  pageMb: number;
  workerMb: number | null;
  tensorMb: number;
  step: number;
}

interface Result {
  chapter: string;
  tag: string;
  minutes: number;
  samples: Sample[];
  restarts: number;
  warm: { page: number; worker: number | null; tensor: number };
  end: { page: number; worker: number | null; tensor: number };
  growth: { page: number; worker: number | null; tensor: number };
  pass: boolean;
  note: string;
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const MINUTES = Number(flag('minutes') ?? 10);
const ONLY = flag('only');
const SAMPLE_MS = Math.max(2000, Math.min(15_000, (MINUTES * 60_000) / 40));

const mb = (bytes: number) => bytes / 1e6;

async function pageHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/**
 * The training worker's JS heap after a forced GC, through the browser's DevTools protocol: attach to
 * the worker target and talk to it by messages (Playwright's CDP sessions cover pages only).
 */
async function workerHeap(browser: Browser): Promise<number | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'worker');
    if (!worker) return null;
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
    let next = 0;
    const call = (method: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const id = ++next;
        const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 10_000);
        const listener = (event: { sessionId: string; message: string }) => {
          const msg = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
          if (event.sessionId !== sessionId || msg.id !== id) return;
          clearTimeout(timer);
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(msg.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return typeof usage.usedSize === 'number' ? usage.usedSize : null;
  } catch {
    return null;
  } finally {
    await cdp.detach();
  }
}

/** Keep the figure training: Play when paused, Reset then Play when finished or diverged. Returns true on a restart. */
async function keepTraining(page: Page, tag: string): Promise<boolean> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate((t) => {
    const w = document.querySelector<HTMLElement>(t);
    if (!w) return false;
    const status = w.dataset.status;
    const id = status === 'finished' ? 'reset' : status === 'diverged' ? 'diverged-reset' : status === 'error' ? 'retry' : status === 'ready' ? 'play' : null;
    if (id) w.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)?.click();
    return id !== null && id !== 'play';
  }, tag);
}

async function soak(browser: Browser, page: Page, base: string, target: (typeof HEAVIEST)[number]): Promise<Result> {
  await page.goto(`${base}/${target.chapter}.html${target.hash ? `#${target.hash}` : ''}`);
  const widget = page.locator(target.tag).first();
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction((t) => /ready|playing|finished/.test(document.querySelector<HTMLElement>(t)?.dataset.status ?? ''), target.tag, { timeout: 120_000 });
  const samples: Sample[] = [];
  let restarts = 0;
  const start = Date.now();
  const end = start + MINUTES * 60_000;
  while (Date.now() < end) {
    if (await keepTraining(page, target.tag)) restarts++;
    await page.waitForTimeout(Math.min(SAMPLE_MS, Math.max(0, end - Date.now())));
    const tensors = await page.evaluate(async () => (await window.__localMinimum?.memory())?.numBytes ?? 0);
    samples.push({
      t: (Date.now() - start) / 1000,
      pageMb: mb(await pageHeap(page)),
      workerMb: ((w) => (w === null ? null : mb(w)))(await workerHeap(browser)),
      tensorMb: mb(tensors),
      step: Number((await widget.getAttribute('data-step')) ?? 0),
    });
  }
  const warmT = Math.max(20, (MINUTES * 60) / 5);
  const warmSamples = samples.filter((s) => s.t >= warmT);
  const warm = warmSamples[0] ?? samples[0];
  const last = samples.at(-1)!;
  // Growth from the warm-up sample to the median of the last three (one sample's GC timing is noise).
  const tail = samples.slice(-3);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const endPage = median(tail.map((s) => s.pageMb));
  const endTensor = median(tail.map((s) => s.tensorMb));
  const endWorker = tail.every((s) => s.workerMb !== null) ? median(tail.map((s) => s.workerMb!)) : null;
  const growth = (from: number, to: number) => (to - from) / Math.max(from, 1);
  const g = { page: growth(warm.pageMb, endPage), worker: warm.workerMb !== null && endWorker !== null ? growth(warm.workerMb, endWorker) : null, tensor: growth(warm.tensorMb, endTensor) };
  const pass = g.page < 0.1 && (g.worker ?? 0) < 0.1 && g.tensor < 0.1;
  return {
    chapter: target.chapter,
    tag: target.tag,
    minutes: MINUTES,
    samples,
    restarts,
    warm: { page: warm.pageMb, worker: warm.workerMb, tensor: warm.tensorMb },
    end: { page: endPage, worker: endWorker, tensor: endTensor },
    growth: g,
    pass,
    note: `${samples.length} samples, steps ${samples[0]?.step ?? 0} → ${last.step}`,
  };
}

function report(results: Result[], machine: string): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`);
  const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(1));
  const rows = results.map(
    (r) =>
      `| ${r.chapter} | \`${r.tag}\` | ${r.minutes} | ${r.restarts} | ${f(r.warm.page)} → ${f(r.end.page)} (${pct(r.growth.page)}) | ${f(r.warm.worker)} → ${f(r.end.worker)} (${pct(r.growth.worker)}) | ${f(r.warm.tensor)} → ${f(r.end.tensor)} (${pct(r.growth.tensor)}) | ${r.note} | ${r.pass ? 'pass' : '**FAIL**'} |`,
  );
  return [
    '# Soak',
    '',
    `\`npm run soak -- --minutes ${MINUTES}\` on ${machine}, ${new Date().toISOString().slice(0, 10)}. Each chapter's heaviest figure trains`,
    `(restarted when it finishes or diverges); memory is sampled every ${(SAMPLE_MS / 1000).toFixed(0)} s: the page's JS heap after a forced GC,`,
    "the worker's JS heap after a forced GC, and the worker's tensor bytes (tfjs plus typed-array engines).",
    'Growth is from the first sample after the warm-up (a fifth of the run, at least 20 s) to the median of the last three;',
    'pass: under 10% of the warm-up level (1 MB floor) for each.',
    MINUTES < 10 ? `\n**A short run (${MINUTES} min per chapter, not the 10 the issue asks for)**: read it as a smoke test of the soak, not as its verdict.\n` : '',
    '| chapter | figure | min | restarts | page heap MB | worker heap MB | worker tensors MB | samples | verdict |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const root = process.cwd();
  const server = await startBenchServer(join(root, 'dist'), join(root, 'bench', 'out'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
  });
  const results: Result[] = [];
  try {
    for (const target of HEAVIEST.filter((t) => !ONLY || t.chapter === ONLY)) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const r = await soak(browser, page, server.url, target);
      if (errors.length) {
        r.pass = false;
        r.note += `; ${errors.length} console/page errors: ${errors[0].slice(0, 80)}`;
      }
      results.push(r);
      process.stderr.write(`${r.chapter}: page ${r.warm.page.toFixed(1)} → ${r.end.page.toFixed(1)} MB, worker ${r.warm.worker?.toFixed(1)} → ${r.end.worker?.toFixed(1)} MB, tensors ${r.warm.tensor.toFixed(1)} → ${r.end.tensor.toFixed(1)} MB, ${r.restarts} restarts, ${r.note}: ${r.pass ? 'pass' : 'FAIL'}\n`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, headless Chromium`;
  const md = report(results, machine);
  await writeFile(join(root, 'bench', 'SOAK.md'), md);
  await writeFile(join(root, 'bench', 'soak.json'), JSON.stringify(results, null, 1));
  process.stdout.write(md);
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}

await main();

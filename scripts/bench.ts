/**
 * `npm run bench`: the training engines, measured in headless Chromium on the built site.
 *
 * 1. Builds the benchmark page (bench/, apart from the essay) into bench/out.
 * 2. The engine matrix (scripts/bench-engines.ts): each chapter's standard model × every path —
 *    plain tfjs autodiff (the baseline), the lib on each tfjs backend, the typed-array engines
 *    (js, wasm-simd), and the chooser ('auto') — one fresh worker per backend, with the 20-step
 *    loss curve of each engine path checked against tfjs-cpu (GPU paths on SwiftShader included).
 * 3. The site (scripts/bench-site.ts): the Introduction's widget, first and warm visit.
 * Writes bench/results.json and bench/RESULTS.md (scripts/bench-report.ts) and prints the targets.
 *
 * Options: --models=mlp,cnn  --pages=cpu,wasm,…  --seconds=0.6 (per window)  --site=auto,wasm
 *          --no-site  --full (every model on WebGPU too: ~+1 min)  --out=bench
 *          --report-only (rewrite RESULTS.md from results.json)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { defaultPlan, runPlan } from './bench-engines';
import { buildReport, type BenchRun } from './bench-report';
import { startBenchServer } from './bench-server';
import { measureSite, pageBudget } from './bench-site';

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string' },
      pages: { type: 'string' },
      seconds: { type: 'string', default: '0.6' },
      site: { type: 'string', default: 'auto,wasm' },
      'no-site': { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench' },
    },
  });
  if (values['report-only']) {
    // Rewrite RESULTS.md from the last run's results.json (after editing the report's wording).
    const { targets: _old, ...run } = JSON.parse(await readFile(join(values.out!, 'results.json'), 'utf8')) as BenchRun & { targets: unknown };
    const { markdown, targets } = buildReport(run);
    await writeFile(join(values.out!, 'results.json'), JSON.stringify({ ...run, targets }, null, 2));
    await writeFile(join(values.out!, 'RESULTS.md'), markdown);
    return;
  }
  const started = Date.now();
  const loadAtStart = loadavg()[0];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log('bench: building the benchmark page…');
  await build({ configFile: 'bench/vite.config.ts', logLevel: 'error' });
  const server = await startBenchServer('dist', 'bench/out');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'})`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const only = values.models ? new Set(values.models.split(',')) : undefined;
    let plan = defaultPlan(Number(values.seconds) * 1000, only, values.full);
    if (values.pages) {
      const wanted = new Set(values.pages.split(','));
      plan = plan.filter((p) => wanted.has(p.label) || (wanted.has('coi') && p.isolated));
    }
    const pages = await runPlan(browser, server.url, plan, log);
    const site = values['no-site'] ? [] : await measureSite(browser, server.url, values.site!.split(','), 3, 2000, log);
    const budget = values['no-site'] ? null : await pageBudget(browser, server.url, 'dist');
    const run: BenchRun = { machine, cores: cpus().length, load: [loadAtStart, loadavg()[0]], date: new Date().toISOString().slice(0, 10), wallSeconds: (Date.now() - started) / 1000, pages, site, budget };
    const { markdown, targets } = buildReport(run);
    await mkdir(values.out!, { recursive: true });
    await writeFile(join(values.out!, 'results.json'), JSON.stringify({ ...run, targets }, null, 2));
    await writeFile(join(values.out!, 'RESULTS.md'), markdown);
    for (const t of targets) log(`${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.measured}`);
    log(`bench: done in ${Math.round(run.wallSeconds)} s; wrote ${join(values.out!, 'RESULTS.md')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

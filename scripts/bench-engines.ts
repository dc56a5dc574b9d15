/**
 * The engine matrix: each chapter's standard model × each engine path, one fresh page (and worker)
 * per tfjs backend, on the benchmark page (bench/). See bench/jobs.ts for the models and paths.
 */
import type { Browser } from '@playwright/test';
import { MODELS, type BenchJob, type BenchPageOptions, type BenchPageResult, type BenchPath } from '../bench/jobs';

export interface PagePlan {
  /** Label in the report. */
  label: string;
  /** Serve with COOP/COEP (threads, SharedArrayBuffer). */
  isolated: boolean;
  options: BenchPageOptions;
}

const job = (model: string, path: BenchPath, windows: number, windowMs: number, curve = false, against?: BenchPath): BenchJob => ({ model, path, windows, windowMs, curve, against });

/**
 * The default plan: every model × every path on every backend this machine offers. The baseline
 * and the chooser ('auto') run as pairs, their windows alternating, so that their ratio is taken
 * under the same load; on the cpu page the chooser sees tfjs-cpu (it still picks a typed engine),
 * on the wasm page tfjs-wasm (what the site runs here).
 */
export function defaultPlan(windowMs: number, only?: Set<string>, full = false): PagePlan[] {
  const models = MODELS.map((m) => m.id).filter((id) => !only || only.has(id));
  // WebGPU on SwiftShader takes ~25 s a model (shader compilation, ~1 step/s): by default the
  // Introduction's MLP, the CNN and the toy; --full (or --models) adds the rest.
  const core = (m: string) => full || !!only || ['mlp', 'cnn', 'toy'].includes(m);
  const webgpuModels = models.filter(core);
  // The fused WebGPU engine on SwiftShader (correctness, dispatches, submits, buffers per step):
  // every model but the toy (too small for a GPU to be tried).
  const fused = (m: string) => m !== 'toy';
  return [
    {
      label: 'cpu',
      isolated: false,
      options: {
        backend: 'cpu',
        jobs: models.flatMap((m) => [
          job(m, 'baseline', 5, windowMs, false, 'auto'),
          job(m, 'tfjs-cpu', 2, windowMs, true),
          job(m, 'js', m === 'bnn' ? 1 : 2, windowMs, true),
          job(m, 'wasm-simd', 3, windowMs, true),
        ]),
      },
    },
    {
      label: 'wasm',
      isolated: false,
      // The BNN's target: its WASM SIMD engine vs the lib on tfjs-wasm, in alternating windows.
      options: { backend: 'wasm', jobs: models.flatMap((m) => [job(m, 'baseline', 5, windowMs, false, 'auto'), job(m, 'tfjs-wasm', 3, windowMs, true), ...(m === 'bnn' ? [job(m, 'wasm-simd', 5, windowMs, false, 'tfjs-wasm')] : [])]) },
    },
    {
      label: 'wasm, cross-origin isolated',
      isolated: true,
      // Threads matter for tfjs-wasm: the Introduction's MLP (the target) and the BNN (tfjs-wasm trains it).
      options: { backend: 'wasm', jobs: models.filter((m) => m === 'mlp' || m === 'bnn' || (full && m !== 'toy')).map((m) => job(m, 'tfjs-wasm', 3, windowMs, false, 'auto')) },
    },
    {
      label: 'webgl',
      isolated: false,
      // treatAsGpu: the chooser is told this is a real GPU, to show calibration still measures it.
      // (The BNN has no engine but the GPU's, so there is nothing for 'auto' to choose there.)
      // Plain tfjs on the GPUs for the core models (--full: all).
      options: { backend: 'webgl', treatAsGpu: true, jobs: models.flatMap((m) => [...(core(m) ? [job(m, 'baseline', 1, windowMs)] : []), job(m, 'tfjs-webgl', 1, windowMs, true), job(m, 'auto', 1, windowMs)]) },
    },
    {
      label: 'webgpu',
      isolated: false,
      // (Plain tfjs trains the CNN at ~0.2 steps/s here: skipped unless --full.) The fused engine on
      // every model; told SwiftShader is a real GPU, the chooser times it against the CPU engines.
      options: {
        backend: 'webgpu',
        treatAsGpu: true,
        jobs: models.flatMap((m) => [
          ...(webgpuModels.includes(m) ? [...(m !== 'cnn' || full ? [job(m, 'baseline', 1, windowMs)] : []), job(m, 'tfjs-webgpu', 1, windowMs, true)] : []),
          ...(fused(m) ? [job(m, 'webgpu', 2, windowMs, true), ...(m === 'mlp' || m === 'bnn' ? [job(m, 'auto', 1, windowMs)] : [])] : []),
        ]),
      },
    },
  ];
}

export interface PageRun extends BenchPageResult {
  label: string;
  wallMs: number;
}

export async function runPlan(browser: Browser, baseUrl: string, plan: PagePlan[], log: (line: string) => void): Promise<PageRun[]> {
  const out: PageRun[] = [];
  for (const p of plan) {
    const t0 = Date.now();
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') log(`  [${p.label}] console: ${msg.text().slice(0, 200)}`);
    });
    let result: BenchPageResult;
    try {
      await page.goto(`${baseUrl}${p.isolated ? '/coi' : ''}/bench/index.html`);
      await page.waitForFunction('document.body.dataset.ready === "true"', null, { timeout: 30_000 });
      log(`bench: ${p.label} (${p.options.jobs.length} jobs)…`);
      result = (await page.evaluate(`window.__bench.run(${JSON.stringify(p.options)})`)) as BenchPageResult;
    } catch (err) {
      result = { backend: p.options.backend, backendMs: 0, isolated: p.isolated, results: [], error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
    } finally {
      await context.close();
    }
    const run: PageRun = { ...result, label: p.label, wallMs: Date.now() - t0 };
    for (const r of run.results) {
      const speed = r.stepsPerSec === null ? '—' : r.stepsPerSec.toFixed(1);
      log(`  ${r.model.padEnd(5)} ${String(r.path).padEnd(12)} ${speed.padStart(9)} steps/s${r.chosen ? ` → ${r.chosen}` : ''}${r.error ? `  (${r.error})` : ''}`);
    }
    if (run.error) log(`  page failed: ${run.error}`);
    out.push(run);
  }
  return out;
}

/**
 * The benchmark page (built by bench/vite.config.ts into bench/out; never part of the essay):
 * `window.__bench.run(options)` starts a fresh worker on one tfjs backend, runs its jobs, and
 * records main-thread frame intervals (requestAnimationFrame) during each job's timed windows.
 */
import type { BenchJobResult, BenchPageOptions, BenchPageResult } from './jobs';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

function run(options: BenchPageOptions): Promise<BenchPageResult> {
  const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
  let frames: number[] | null = null;
  let last = performance.now();
  const perJob: number[][] = [];
  const tick = (now: number) => {
    if (frames) frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return new Promise((resolve) => {
    worker.onerror = (event) => resolve({ backend: options.backend, backendMs: 0, isolated: crossOriginIsolated, results: [], error: event.message || 'worker failed' });
    worker.onmessage = (event: MessageEvent) => {
      const msg = event.data as { type: string; action?: string; count?: number; page?: BenchPageResult; result?: BenchJobResult };
      if (msg.type === 'frames') {
        if (msg.action === 'start') frames = [];
        else {
          for (let i = 0; i < (msg.count ?? 1); i++) perJob.push((frames ?? []).slice(2));
          frames = null;
        }
      } else if (msg.type === 'done' && msg.page) {
        msg.page.results.forEach((r, i) => {
          const f = perJob[i] ?? [];
          r.frameP50Ms = f.length ? quantile(f, 0.5) : null;
          r.frameP95Ms = f.length ? quantile(f, 0.95) : null;
        });
        worker.terminate();
        resolve(msg.page);
      }
    };
    worker.postMessage({ type: 'run', options });
  });
}

declare global {
  interface Window {
    __bench: { run: typeof run; isolated: boolean };
  }
}

window.__bench = { run, isolated: crossOriginIsolated };
document.body.dataset.ready = 'true';

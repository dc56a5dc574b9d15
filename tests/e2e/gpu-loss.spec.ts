import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';

/**
 * A lost GPU context mid-training, on SwiftShader: WEBGL_lose_context with ?backend=webgl, and
 * device.destroy() with ?backend=webgpu, in the worker. The worker moves to the fallback backend and
 * replays the run to the step it had reached; the figure goes on from there, its badge on the new
 * backend, with a notice and no error.
 */
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--no-first-run', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--enable-unsafe-webgpu'] } });

const CASES = [
  { backend: 'webgl', name: 'WebGL', lost: 'WebGL context lost' },
  { backend: 'webgpu', name: 'WebGPU', lost: 'WebGPU device lost' },
] as const;

for (const c of CASES) test(`a lost ${c.name} context mid-training: the run goes on from the same step on the fallback, badge updated, no error`, async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watchPage(page);
  await page.goto(`/introduction.html?backend=${c.backend}#overfit.hidden=16&overfit.train-size=100&overfit.batch-size=8`);
  const w = page.locator('overfit-mlp');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  // Forced WebGL on SwiftShader (a software renderer: the badge says so).
  expect(await page.evaluate(() => window.__localMinimum?.backend?.name ?? null)).toBe(c.backend);
  await expect(w.getByTestId('badge')).toHaveText(new RegExp(`^forced: ${c.backend} \\(software\\)`));
  await w.getByTestId('play').click();
  await expect.poll(async () => Number((await w.getAttribute('data-step')) ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await w.getByTestId('play').click(); // pause, so the step is known when the context goes
  await expect(w).toHaveAttribute('data-status', 'ready');
  const before = Number(await w.getAttribute('data-step'));

  const t0 = Date.now();
  expect(await page.evaluate(() => window.__localMinimum!.loseGpuContext())).toBe(c.backend);
  const notice = w.getByTestId('backend-notice');
  await expect(notice).toHaveText(new RegExp(`^${c.lost}( \\([^)]*\\))?: continued on (WebGL|WASM|CPU) from step \\d+\\.$`), { timeout: 60_000 });
  const recoveryMs = Date.now() - t0;
  await expect(w.getByTestId('badge')).not.toHaveAttribute('data-backend', c.backend);
  expect(await w.getAttribute('data-status')).toBe('ready');
  await expect(w.getByTestId('state')).toBeHidden();
  // From the step it had reached (a chunk still in flight when Pause was pressed may add a step or two), not from 0.
  const resumed = Number(await w.getAttribute('data-step'));
  expect(resumed).toBeGreaterThanOrEqual(before);

  // It trains on from there.
  await w.getByTestId('step').click();
  await expect.poll(async () => Number((await w.getAttribute('data-step')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(resumed);
  await expect(w.getByTestId('state')).toBeHidden();
  console.log(`gpu-loss ${c.backend}: lost at step ${before} (worker: ${resumed}), recovered in ${recoveryMs} ms on ${await w.getByTestId('badge').getAttribute('data-backend')}`);
  expect(seen.errors).toEqual([]);
});

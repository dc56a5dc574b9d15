// Offline, as a lecturer in a hall without Wi-Fi uses the essay: one visit installs the service
// worker, which precaches the whole site (every page, script, stylesheet, WASM file, font, dataset
// and model); then, with the network cut, every chapter page reloads and a widget on it trains on
// real data, and so does a figure on the embed page. Small settings (URL hash) keep the file to about a minute.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { chapterPages } from './pages';

test.use({ serviceWorkers: 'allow' });

/** The widget each chapter trains offline (one that reads MNIST or a shipped model where the chapter has one), and its URL state. */
const WIDGET: Record<string, [tag: string, hash: string]> = {
  introduction: ['overfit-mlp', ''],
  'cnn-pooling': ['shift-probe', '#probe.weights=retrain&probe.curve-digits=100'],
  'adversarial-attacks': ['robustness-curves', ''],
  'catastrophic-forgetting': ['metaplastic-synapse', ''],
  'feedback-alignment': ['fa-compare', ''],
  'exponentiated-gradient': ['eg-weights', ''],
  'binary-crossbar': ['quantize-prune', '#quantize.bits=2&quantize.eval-size=500'],
  'neural-tangent-kernel': ['ntk-width', ''],
  'brains-not-feed-forward': ['kohonen-map', ''],
};

/** The step a widget shows: its data-step, else the status line's "Training · step N". */
const stepOf = (w: Locator) =>
  w.evaluate((el) => {
    const text = el.querySelector('[data-testid="status"]')?.textContent ?? '';
    const n = (el as HTMLElement).dataset.step ?? /step ([\d,]+)/.exec(text)?.[1] ?? '0';
    return Number(n.replace(/,/g, ''));
  });

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

test('one visit installs the site; offline, every chapter reloads from the cache and trains a widget', async ({ page, context }) => {
  test.setTimeout(180_000);
  expect(Object.keys(WIDGET).sort()).toEqual([...chapterPages].sort());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(`${msg.text()} ${msg.location().url}`));

  await page.goto('/index.html');
  // Active means installed, and installing means every precache entry was fetched and stored.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });
  // Every dataset, model, page, script, stylesheet, WASM file and woff2 font of the build.
  const expected = filesUnder('dist')
    .map((f) => `/${relative('dist', f).split('\\').join('/')}`)
    .filter((p) => /^\/data\/.*\.gz$|^\/models\/.*\.(json|bin)$|\.(html|js|css|wasm|woff2)$/.test(p) && !/^\/(sw|workbox-[\w-]+)\.js$/.test(p));
  expect(expected.filter((p) => p.startsWith('/data/')).length).toBeGreaterThanOrEqual(8);
  expect(expected.filter((p) => p.startsWith('/models/')).length).toBeGreaterThanOrEqual(10);
  expect(expected.filter((p) => !cached.includes(p))).toEqual([]);

  await context.setOffline(true);
  // The network is really gone: what the service worker does not hold fails.
  expect(await page.evaluate(() => fetch(`./not-cached-${Date.now()}.txt`).then(() => 'fetched', () => 'failed'))).toBe('failed');
  const fromNetwork: string[] = [];
  page.on('response', (r) => !r.fromServiceWorker() && !r.url().startsWith('data:') && fromNetwork.push(r.url()));

  for (const slug of chapterPages) {
    await test.step(slug, async () => {
      const [tag, hash] = WIDGET[slug];
      await page.goto(`/${slug}.html${hash}`);
      const w = page.locator(tag).first();
      await w.scrollIntoViewIfNeeded();
      await expect(w).toHaveAttribute('data-status', /ready|finished/, { timeout: 60_000 });
      const before = await stepOf(w);
      await w.getByTestId('play').first().click();
      await expect(w).toHaveAttribute('data-status', /playing|finished/);
      await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThan(before);
      await expect(w.locator('[data-testid="state"]:not([hidden])')).toHaveCount(0);
    });
  }
  // The embed page too (a lecture hall's slides): its address has a query, which the cache ignores.
  await test.step('embed.html', async () => {
    await page.goto('/embed.html?w=overfit&scene=1');
    const w = page.locator('overfit-mlp');
    await expect(w).toHaveAttribute('data-status', /ready|finished/, { timeout: 60_000 });
    await expect(w.getByTestId('scene-note')).toBeVisible();
    await page.keyboard.press('Space');
    await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThan(0);
  });
  expect(fromNetwork).toEqual([]);
  // (The one error allowed: the probe above, which had to fail.)
  expect(errors.filter((e) => !e.includes('/not-cached-'))).toEqual([]);
});

// The Feedback-alignment chapter in Chromium: the comparison trains in the worker from identical
// starting weights, FA's error signal turns below 90°, a mid-run learning-rate change lands without a
// reset, several seeds draw bands, per-layer and W-vs-Bᵀ angles plot, keyboard, projector and URL
// restore work; the linear figure shows FA beating output-only with its angle below 90°.
// Small networks (URL hash) keep the whole file to about a minute and a half on a 2-core machine.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/feedback-alignment.html';
const SMALL = 'bp-vs-fa.hidden=32';

const widgetStep = async (w: Locator) => Number((await w.getAttribute('data-step')) ?? 0);
const summaryOf = async (w: Locator) => (await w.getByTestId('summary').textContent()) ?? '';
/** The first number of a text such as "angle to BP 41.0°" or "0.427". */
const numberIn = async (l: Locator) => Number(((await l.textContent()) ?? '').match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/)?.[0] ?? NaN);
const tensors = (page: Page) => page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);

test('BP vs FA: identical starts, FA turns below 90°, a live learning-rate change, flat memory, no errors', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#${SMALL}`);
  await openWidget(page, 'fa-compare');
  const w = page.locator('fa-compare');
  await expect(w.getByTestId('badge')).toHaveAttribute('data-backend', /wasm|cpu|webgl|webgpu/);

  // Every rule's network starts from the same weights: the worker's checksums agree.
  const check = w.getByTestId('same-start');
  await expect(check).toHaveAttribute('data-same', 'true');
  const sums = JSON.parse((await check.getAttribute('data-checksums')) ?? '[]') as string[][];
  expect(sums).toHaveLength(1);
  expect(sums[0]).toHaveLength(4); // BP, FA, SS, output-only by default
  expect(new Set(sums[0]).size).toBe(1);
  // At the random start FA's error signal is about orthogonal to backprop's.
  expect(await numberIn(w.getByTestId('meta-fa'))).toBeGreaterThan(75);

  await expect(w).toHaveAttribute('data-learning-rate', '0.05');
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'playing');
  await expect.poll(() => widgetStep(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(100);
  await expect.poll(() => numberIn(w.getByTestId('meta-fa')), { timeout: 30_000 }).toBeLessThan(80);
  // Training happens in the worker, and its tensors stay bounded while it trains.
  const mem1 = await tensors(page);
  await page.waitForTimeout(1500);
  const mem2 = await tensors(page);
  expect(mem1).toBeGreaterThan(0);
  expect(mem2).toBe(mem1);
  expect(await w.getAttribute('data-status')).toBe('playing');

  // Lower the learning rate tenfold mid-run (20 slider positions = one decade): no reset, logged, in the summary.
  const before = await widgetStep(w);
  const slider = w.getByTestId('setting-learning-rate').locator('input');
  await slider.focus();
  for (let i = 0; i < 20; i++) await slider.press('ArrowLeft');
  await expect.poll(() => summaryOf(w), { timeout: 20_000 }).toMatch(/learning rate 0\.005\b/);
  await expect(w.getByTestId('changes')).toContainText(/learning rate 0\.05 → .*0\.005/);
  // The worker's own report at the next evaluation: its networks train at the new rate.
  await expect(w).toHaveAttribute('data-learning-rate', '0.005', { timeout: 30_000 });
  await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBeGreaterThan(before + 50);
  // The change is marked on the accuracy chart, and the run went on from where it was.
  await expect(w.getByTestId('chart-accuracy').locator('.legend')).toContainText('setting changed');
  const at = Number(((await w.getByTestId('changes').textContent()) ?? '').match(/step ([\d,]+)/)?.[1].replace(/,/g, ''));
  expect(at).toBeGreaterThanOrEqual(before);
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/bp-vs-fa\.learning-rate=0\.005/);

  await w.getByTestId('play').click();
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('several seeds draw bands; deeper nets plot an angle per layer and W vs Bᵀ for FA and DFA', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#bp-vs-fa.hidden=16&bp-vs-fa.depth=2&bp-vs-fa.seeds=2&bp-vs-fa.dfa=1&bp-vs-fa.sign-symmetry=0&bp-vs-fa.output-only=0&bp-vs-fa.view=difference`);
  await openWidget(page, 'fa-compare');
  const w = page.locator('fa-compare');
  const check = w.getByTestId('same-start');
  await expect(check).toHaveAttribute('data-same', 'true');
  const sums = JSON.parse((await check.getAttribute('data-checksums')) ?? '[]') as string[][];
  expect(sums).toHaveLength(2); // one row per seed: equal within a seed, different across seeds
  expect(sums[0][0]).not.toBe(sums[1][0]);
  await w.getByTestId('step').click();
  await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBe(25);
  await w.getByTestId('step').click();
  await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBe(50);
  // Mean ± range across the two seeds, in every chart.
  for (const chart of ['chart-accuracy', 'chart-loss', 'chart-angle', 'chart-feedback']) {
    await expect(w.getByTestId(chart).locator('path.band').first()).toBeVisible();
  }
  await expect(w.getByTestId('chart-accuracy')).toContainText('points vs BP');
  await expect(w.getByTestId('chart-angle').locator('.legend')).toContainText('DFA · layer 2');
  await expect(w.getByTestId('chart-feedback').locator('.legend')).toContainText('FA · layer 1');
  await expect(w.getByTestId('chart-feedback').locator('path.series')).toHaveCount(5); // FA, DFA × 2 layers, and 90°
  expect(await numberIn(w.getByTestId('meta-fa'))).toBeLessThan(90);
  expect(seen.errors).toEqual([]);
});

test('keyboard, projector mode and a URL that restores the same run, seed included', async ({ page, browser }) => {
  const url = `${PAGE}#bp-vs-fa.hidden=16&bp-vs-fa.seed=7&bp-vs-fa.batch-size=64`;
  const run = async (p: Page) => {
    await p.goto(url);
    await openWidget(p, 'fa-compare');
    const w = p.locator('fa-compare');
    await expect(w.getByTestId('seed')).toHaveValue('7');
    await expect(w.getByTestId('setting-hidden').locator('input')).toHaveValue('16');
    await w.locator('.lm-figure').focus();
    await p.keyboard.press('ArrowRight');
    await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBe(25);
    return [await w.getByTestId('acc-backprop').textContent(), await w.getByTestId('acc-fa').textContent(), await w.getByTestId('meta-fa').textContent()];
  };
  const first = await run(page);
  const other = await browser.newPage();
  expect(await run(other)).toEqual(first);
  await other.close();

  const w = page.locator('fa-compare');
  await page.keyboard.press('Space');
  await expect(w.getByTestId('play')).toHaveAttribute('data-state', 'playing');
  await page.keyboard.press('Space');
  await expect(w.getByTestId('play')).toHaveAttribute('data-state', 'paused');
  await page.keyboard.press('f');
  await expect(w).toHaveClass(/lm-projector/);
  const box = await w.boundingBox();
  expect(box!.width).toBeGreaterThan(page.viewportSize()!.width * 0.9);
  // All four charts are there at projector size.
  await expect(w.getByTestId('chart-feedback').locator('svg.viz')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(w).not.toHaveClass(/lm-projector/);
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('r');
  await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBe(0);
});

test('the linear figure: FA learns where output-only cannot, and its angle to BP falls below 90°', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'fa-linear');
  const w = page.locator('fa-linear');
  await expect(w.getByTestId('chart-error').locator('path.series')).toHaveCount(3);
  expect(await numberIn(w.getByTestId('angle-fa'))).toBeGreaterThan(80);
  await w.getByTestId('play').click();
  await expect.poll(() => widgetStep(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(500);
  await w.getByTestId('play').click();
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  const fa = await numberIn(w.getByTestId('error-fa'));
  const out = await numberIn(w.getByTestId('error-output-only'));
  expect(fa).toBeLessThan(0.05);
  expect(out).toBeGreaterThan(0.9);
  expect(await numberIn(w.getByTestId('angle-fa'))).toBeLessThan(60);
  expect(await numberIn(w.getByTestId('angle-feedback'))).toBeLessThan(90);
  await expect(w.getByTestId('summary')).toContainText(/sample [\d,]+/);
  expect(seen.errors).toEqual([]);
});

test('the chapter’s “Try this”: two hidden layers, then DFA switched on mid-run, trains on with no error', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#bp-vs-fa.hidden=16`);
  await openWidget(page, 'fa-compare');
  const w = page.locator('fa-compare');
  await w.getByTestId('play').click();
  await expect.poll(() => widgetStep(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(25);
  // Two hidden layers: a restart that keeps playing.
  const depth = w.getByTestId('setting-depth').locator('input');
  await depth.focus();
  await depth.press('ArrowRight');
  await expect(w).toHaveAttribute('data-status', 'playing', { timeout: 30_000 });
  await expect.poll(() => widgetStep(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(25);
  // DFA on (a fifth network), then a rule off and back on again.
  for (const key of ['dfa', 'sign-symmetry', 'sign-symmetry']) {
    await w.getByTestId(`setting-${key}`).locator('input').click();
    await expect(w).toHaveAttribute('data-status', 'playing', { timeout: 30_000 });
    await expect.poll(() => widgetStep(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(25);
  }
  await expect(w.getByTestId('acc-dfa')).toHaveText(/\d+\.\d%/);
  await expect(w.getByTestId('meta-dfa')).toContainText('by layer');
  await expect(w.getByTestId('state')).toBeHidden();
  // Sign symmetry off and on again within the restart's debounce: the run with all five comes after it.
  await expect.poll(async () => JSON.parse((await w.getByTestId('same-start').getAttribute('data-checksums')) ?? '[[]]')[0].length, { timeout: 30_000 }).toBe(5);
  expect(seen.errors).toEqual([]);
});

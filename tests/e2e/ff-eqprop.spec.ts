import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWidget, readPercent, watchPage } from './helpers';

// The Feedback-alignment chapter's forward-forward and equilibrium-propagation figures, on small
// settings from the URL hash (100 and 64 hidden units) so the whole file runs in about a minute.
const PAGE = '/feedback-alignment.html';

const tensors = (page: Page) => page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);
const text = async (l: Locator) => (await l.textContent()) ?? '';
const degrees = async (w: Locator, id: string) => Number((await text(w.getByTestId(id))).replace('°', ''));

/** Per layer, the goodness of real and fake digits, read from the live summary. */
async function goodness(w: Locator): Promise<{ real: number; fake: number }[]> {
  const summary = await text(w.getByTestId('summary'));
  return [...summary.matchAll(/layer \d goodness real ([\d.]+) vs fake ([\d.]+)/g)].map((m) => ({ real: Number(m[1]), fake: Number(m[2]) }));
}

test('forward-forward trains on MNIST in the worker: accuracy leaves chance, real goodness parts from fake, no leaks', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#ff.hidden=100`);
  await openWidget(page, 'ff-layers');
  const w = page.locator('ff-layers');
  await expect(w.getByTestId('setting-hidden').locator('input')).toHaveValue('100');
  await w.getByTestId('play').click();
  await expect(w.getByTestId('play')).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => readPercent(page, 'test-acc'), { timeout: 60_000, intervals: [1000] }).toBeGreaterThan(50);
  await expect.poll(async () => Math.min(...(await goodness(w)).map((g) => g.real - g.fake)), { timeout: 30_000, intervals: [1000] }).toBeGreaterThan(0.15);
  expect(await goodness(w)).toHaveLength(2);
  // Training happens in the worker, and its tensors stay bounded while it runs.
  const before = await tensors(page);
  await page.waitForTimeout(1500);
  expect(await w.getAttribute('data-status')).toBe('playing');
  expect(await tensors(page)).toBe(before);
  await w.getByTestId('play').click();
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  // What each layer likes: a row of unit images per layer, each with its label strip and caption.
  await expect(w.locator('.lm-ff-row')).toHaveCount(2);
  await expect(w.locator('.lm-ff-tile-caption').first()).toHaveText(/^likes \d$/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('forward-forward: a URL restores the same run, seed included', async ({ page, browser }) => {
  const run = async (p: Page) => {
    await p.goto(`${PAGE}#ff.hidden=100&ff.layers=1&ff.seed=7`);
    await openWidget(p, 'ff-layers');
    const w = p.locator('ff-layers');
    await expect(w.getByTestId('seed')).toHaveValue('7');
    await expect(w.getByTestId('setting-layers').locator('input')).toHaveValue('1');
    await w.getByTestId('step').click();
    await expect(w).toHaveAttribute('data-step', '20', { timeout: 30_000 });
    await w.getByTestId('step').click();
    await expect(w).toHaveAttribute('data-step', '40', { timeout: 30_000 });
    // The live summary speaks at most every 2 s: wait for it to reach step 40.
    await expect(w.getByTestId('summary')).toContainText(/^step 40, /, { timeout: 10_000 });
    return text(w.getByTestId('summary'));
  };
  const first = await run(page);
  const other = await browser.newPage();
  expect(await run(other)).toBe(first);
  expect(first).toMatch(/^step 40, test accuracy [\d.]+%, layer 1 goodness/);
  await other.close();
});

test('equilibrium propagation: phases, the angle to the gradient vs β, keyboard, projector, no leaks', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#eqprop.hidden=64&eqprop.seed=2`);
  await openWidget(page, 'eqprop-phases');
  const w = page.locator('eqprop-phases');
  await expect(w.getByTestId('seed')).toHaveValue('2');
  await w.getByTestId('step').click();
  await expect(w).toHaveAttribute('data-step', '20', { timeout: 30_000 });
  expect(await readPercent(w, 'test-acc')).toBeGreaterThan(20);
  // The worker measured the whole sweep at this step; at β = 0.1 symmetric nudging is the closer one.
  const chart = w.getByTestId('angle-chart');
  await expect(chart.locator('desc')).toContainText('Measured at step 20');
  await expect(chart.locator('desc')).toContainText('β 1: ');
  expect(await degrees(w, 'angle-symmetric')).toBeLessThan(await degrees(w, 'angle-one-sided'));
  expect(await degrees(w, 'angle-one-sided')).toBeLessThan(20);
  // At β = 1 it is the other way round (End moves the slider to its maximum; β is live: no reset).
  await w.getByTestId('setting-beta').locator('input').focus();
  await page.keyboard.press('End');
  await expect(w.getByTestId('summary')).toContainText('at β = 1 the EP update', { timeout: 30_000 });
  expect(await degrees(w, 'angle-symmetric')).toBeGreaterThan(await degrees(w, 'angle-one-sided'));
  expect(await w.getAttribute('data-step')).toBe('20');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('eqprop.beta=1');
  // The phase scrubber walks free phase → nudged phase → update.
  const scrub = w.getByTestId('phase-scrub');
  await scrub.focus();
  await page.keyboard.press('Home');
  await expect(w.getByTestId('phase-label')).toHaveText(/^Free phase · iteration 0 of 30/);
  await page.keyboard.press('End');
  await expect(w.getByTestId('phase-label')).toHaveText(/^Update: /);
  await expect(w.locator('svg.lm-ep-network .edges-out line[stroke^="rgb("]').first()).toBeAttached();
  // Keyboard on the figure: Space plays (the tensors in the worker stay bounded), Space pauses, R resets.
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'playing');
  await expect(w).toHaveAttribute('data-step', /^([4-9]\d|\d{3})$/, { timeout: 30_000 });
  const before = await tensors(page);
  await page.waitForTimeout(1500);
  expect(await tensors(page)).toBe(before);
  await page.keyboard.press('Space');
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  await page.keyboard.press('r');
  await expect(w.getByTestId('summary')).toContainText(/^step 0,/, { timeout: 30_000 });
  // Projector mode: F and Escape.
  await page.keyboard.press('f');
  await expect(w).toHaveClass(/lm-projector/);
  const box = await w.boundingBox();
  expect(box!.width).toBeGreaterThan(page.viewportSize()!.width * 0.9);
  await page.keyboard.press('Escape');
  await expect(w).not.toHaveClass(/lm-projector/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

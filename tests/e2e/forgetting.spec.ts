import { expect, test } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const TAG = 'forgetting-live';
/** Small and fast: narrow networks, two short permuted-MNIST tasks, plain and EWC side by side. */
const SMALL = '#forgetting.hidden=32&forgetting.tasks=2&forgetting.steps-per-task=150&forgetting.replay=0&forgetting.metaplastic=0';

const firstTaskAfter = async (page: import('@playwright/test').Page) =>
  ((await page.locator(TAG).getAttribute('data-first-task-after')) ?? '').split(',').filter(Boolean).map(Number);

test('two tasks in a row: the plain network forgets task 1, the figure shows it, memory stays flat', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`/catastrophic-forgetting.html${SMALL}`);
  await openWidget(page, TAG);
  const widget = page.locator(TAG);
  await expect(widget.locator('.lm-fg-map')).toHaveCount(2);
  await expect(page.locator(TAG).getByTestId('current-task')).toContainText('task 1 of 2');
  await page.locator(TAG).getByTestId('play').click();
  // Task 1 ends at step 150 and the run switches to task 2 by itself.
  await expect(widget).toHaveAttribute('data-task', '1', { timeout: 60_000 });
  await expect(page.locator(TAG).getByTestId('current-task')).toContainText('task 2 of 2');
  const mem1 = await page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);
  await expect(widget).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  const mem2 = await page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);
  expect(mem1).toBeGreaterThan(0);
  expect(mem2).toBe(mem1);
  const [afterOne, afterTwo] = await firstTaskAfter(page);
  // Learnt, then forgotten: the plain network's task-1 accuracy falls once it trains on task 2.
  expect(afterOne).toBeGreaterThan(70);
  expect(afterTwo).toBeLessThan(afterOne - 3);
  // The heatmap has both columns filled for task 1 (4 cells with values: T1 after T1, T1 & T2 after T2).
  const cells = await widget.locator('.lm-fg-map').first().locator('svg text').allTextContents();
  expect(cells.filter((t) => /^\d+$/.test(t.trim())).length).toBeGreaterThanOrEqual(3);
  await expect(page.locator(TAG).getByTestId('task1-plain')).toContainText('%');
  await expect(page.locator(TAG).getByTestId('summary')).toContainText(/task 2 of 2/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the lecturer moves on: Next task and the N key switch tasks; the same URL gives the same numbers', async ({ page, browser }) => {
  const url = `/catastrophic-forgetting.html${SMALL}&forgetting.tasks=3&forgetting.auto-switch=0&forgetting.ewc=0`;
  const run = async (p: typeof page) => {
    await p.goto(url);
    await openWidget(p, TAG);
    const widget = p.locator(TAG);
    for (let i = 0; i < 3; i++) await p.locator(TAG).getByTestId('step').click();
    await expect(widget).toHaveAttribute('data-step', '75', { timeout: 30_000 });
    await p.locator(TAG).getByTestId('next-task').click();
    await expect(widget).toHaveAttribute('data-task', '1');
    await p.locator(TAG).getByTestId('step').click();
    await expect(widget).toHaveAttribute('data-step', '100', { timeout: 30_000 });
    await p.locator(`${TAG} .lm-figure`).focus();
    await p.keyboard.press('n');
    await expect(widget).toHaveAttribute('data-task', '2');
    await expect(p.locator(TAG).getByTestId('next-task')).toBeDisabled();
    return firstTaskAfter(p);
  };
  const first = await run(page);
  expect(first.length).toBe(2);
  const other = await browser.newPage();
  const second = await run(other);
  expect(second).toEqual(first);
  await other.close();
});

test('screenshots: desktop, phone and projector', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/catastrophic-forgetting.html${SMALL}&forgetting.metaplastic=1&forgetting.replay=1&forgetting.tasks=3&forgetting.steps-per-task=50`);
  await openWidget(page, TAG);
  const widget = page.locator(TAG);
  await page.locator(TAG).getByTestId('play').click();
  await expect(widget).toHaveAttribute('data-status', 'finished', { timeout: 80_000 });
  await widget.screenshot({ path: 'test-results/forgetting-desktop.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  await widget.screenshot({ path: 'test-results/forgetting-phone.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator(`${TAG} .lm-figure`).focus();
  await page.keyboard.press('f');
  await expect(widget).toHaveClass(/lm-projector/);
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/forgetting-projector.png' });
});

test('the metaplastic synapse: the f_meta curve, a live |W_h| histogram and the share of consolidated synapses', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/catastrophic-forgetting.html#synapse.hidden=64&synapse.tasks=2&synapse.steps-per-task=50&synapse.meta=8');
  await openWidget(page, 'metaplastic-synapse');
  const widget = page.locator('metaplastic-synapse');
  await widget.getByTestId('play').click();
  await expect(widget).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(widget.getByTestId('consolidated')).toContainText('%');
  await expect(widget.getByTestId('meta-newest')).toContainText('task 2');
  expect(await widget.locator('svg.viz-histogram rect').count()).toBeGreaterThan(5);
  await widget.screenshot({ path: 'test-results/metaplastic-desktop.png' });
  expect(seen.errors).toEqual([]);
});

import { expect, test } from '@playwright/test';
import { openWidget, readPercent, watchPage } from './helpers';

test('the intro widget trains on MNIST in a worker and test accuracy passes 80%', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto('/introduction.html#overfit.train-size=2000');
  await openWidget(page);
  const widget = page.locator('overfit-mlp');
  await expect(page.getByTestId('badge')).toHaveAttribute('data-backend', /wasm|cpu|webgl|webgpu/);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => readPercent(page, 'test-acc'), { timeout: 90_000, intervals: [1000] }).toBeGreaterThan(80);
  await expect(page.getByTestId('summary')).toContainText(/step \d+/i);
  // Training happens off the main thread: the tensors live in the worker, and they stay bounded.
  const mem1 = await page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);
  await page.waitForTimeout(1500);
  const mem2 = await page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);
  expect(mem1).toBeGreaterThan(0);
  expect(mem2).toBe(mem1);
  await page.getByTestId('play').click();
  await expect(widget).not.toHaveAttribute('data-status', 'playing');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('pause, step and reset drive the run; keyboard works too', async ({ page }) => {
  await page.goto('/introduction.html');
  await openWidget(page);
  const stepOf = async () => {
    const text = (await page.getByTestId('summary').textContent()) ?? '';
    const m = text.match(/step\s+([\d,]+)/i);
    return m ? Number(m[1].replace(/,/g, '')) : 0;
  };
  await page.getByTestId('step').click();
  await expect.poll(stepOf, { timeout: 30_000 }).toBeGreaterThan(0);
  const afterOne = await stepOf();
  await page.getByTestId('step').click();
  await expect.poll(stepOf, { timeout: 30_000 }).toBeGreaterThan(afterOne);
  await expect(page.getByTestId('play')).toHaveAttribute('data-state', 'paused');
  // Keyboard: focus inside the widget, Space plays, Space pauses, R resets.
  // (A focused button keeps Space for itself, as it should; focus the figure.)
  await page.locator('overfit-mlp .lm-figure').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toHaveAttribute('data-state', 'playing');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('play')).toHaveAttribute('data-state', 'paused');
  await page.keyboard.press('r');
  await expect.poll(stepOf, { timeout: 30_000 }).toBe(0);
  await page.getByTestId('reset').click();
  await expect.poll(stepOf).toBe(0);
});

test('projector mode: F and the button toggle a full-window, large view; Escape leaves it', async ({ page }) => {
  await page.goto('/introduction.html');
  await openWidget(page);
  const widget = page.locator('overfit-mlp');
  await page.getByTestId('projector').click();
  await expect(widget).toHaveClass(/lm-projector/);
  const box = await widget.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.width).toBeGreaterThan(viewport.width * 0.9);
  await page.keyboard.press('Escape');
  await expect(widget).not.toHaveClass(/lm-projector/);
  await page.locator('overfit-mlp .lm-figure').focus();
  await page.keyboard.press('f');
  await expect(widget).toHaveClass(/lm-projector/);
  await page.keyboard.press('Escape');
  await expect(widget).not.toHaveClass(/lm-projector/);
});

test('a URL restores the same demo, seed included, step for step', async ({ page, browser }) => {
  const url = '/introduction.html#overfit.train-size=300&overfit.seed=7&overfit.hidden=64';
  const run = async (p: typeof page) => {
    await p.goto(url);
    await openWidget(p);
    await expect(p.getByTestId('seed')).toHaveValue('7');
    await expect(p.getByTestId('setting-train-size').locator('input')).toHaveValue('300');
    await expect(p.getByTestId('setting-hidden').locator('input')).toHaveValue('64');
    for (let i = 0; i < 3; i++) await p.getByTestId('step').click();
    await expect.poll(async () => (await p.getByTestId('summary').textContent()) ?? '', { timeout: 30_000 }).toMatch(/step 30\b/);
    return [await readPercent(p, 'train-acc'), await readPercent(p, 'test-acc')];
  };
  const first = await run(page);
  const other = await browser.newPage();
  const second = await run(other);
  expect(second).toEqual(first);
  expect(first.every(Number.isFinite)).toBe(true);
  await other.close();
});

test('changing a setting writes it to the URL', async ({ page }) => {
  await page.goto('/introduction.html');
  await openWidget(page);
  const slider = page.getByTestId('setting-train-size').locator('input');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 10_000 }).toMatch(/overfit\.train-size=200/);
});

for (const hash of ['#overfit.train-size=abc&overfit.seed=-1', '#overfit.learning-rate=1e999&overfit.hidden=99999', '#%E0%A4%A', '#overfit.activation=<img src=x onerror=alert(1)>', '#overfit']) {
  test(`a malformed URL (${hash.slice(0, 40)}) falls back to working defaults`, async ({ page }) => {
    const seen = watchPage(page);
    await page.goto(`/introduction.html${hash}`);
    await openWidget(page);
    await page.getByTestId('step').click();
    await expect.poll(async () => (await page.getByTestId('summary').textContent()) ?? '', { timeout: 30_000 }).toMatch(/step \d+/i);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const trainSize = Number(await page.getByTestId('setting-train-size').locator('input').inputValue());
    expect(trainSize).toBeGreaterThanOrEqual(100);
    expect(trainSize).toBeLessThanOrEqual(10000);
    expect(seen.errors).toEqual([]);
  });
}

test('an absurd learning rate shows "diverged", pauses, and reset recovers', async ({ page }) => {
  await page.goto('/introduction.html#overfit.learning-rate=10&overfit.optimizer=sgd');
  await openWidget(page);
  const widget = page.locator('overfit-mlp');
  await page.getByTestId('play').click();
  await expect(widget).toHaveAttribute('data-status', 'diverged', { timeout: 60_000 });
  await expect(widget).toContainText(/diverged/i);
  await expect(widget).toContainText(/learning rate/i);
  await expect(page.getByTestId('play')).toHaveAttribute('data-state', 'paused');
  await page.getByTestId('diverged-reset').click();
  await expect(widget).not.toHaveAttribute('data-status', 'diverged');
});

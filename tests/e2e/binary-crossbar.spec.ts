// The Binary-crossbar chapter in Chromium: the robustness curves computed from the shipped networks
// with the predictions checked (on 500 test digits per point, to keep the file short); the chip
// answering its sliders live, a device broken by mouse and by keyboard, R repairing it; the URL
// restoring both; projector mode; a phone's width; no console errors, nothing fetched from elsewhere.
import { expect, test } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/binary-crossbar.html';
const SMALL = 'ber.test-digits=500&chip.test-digits=500';

test('the robustness curves: computed to the end from the shipped nets, the predictions checked', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#${SMALL}`);
  await openWidget(page, 'ber-robustness');
  const w = page.locator('ber-robustness');
  await w.getByTestId('predict-one-percent-nothing').check();
  await w.getByTestId('predict-which-smallest').check();
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
  await expect(w.getByTestId('ber-heading')).toContainText('47 of 47 points');
  // A binary net loses (almost) nothing at BER 1%, and the largest |W_h| matter.
  await expect(w.getByTestId('predict-one-percent-result')).toHaveAttribute('data-verdict', 'right');
  await expect(w.getByTestId('predict-which-result')).toHaveAttribute('data-verdict', 'wrong');
  await expect(w.getByTestId('predict-which-result')).toContainText('Answer: largest hurts more.');
  await expect(w.getByTestId('chart-ber').locator('path.series')).toHaveCount(4);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the chip: sliders apply live, a device breaks by click and by keyboard, R repairs, → next digit, the URL restores it', async ({ page, browser }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#${SMALL}`);
  await openWidget(page, 'crossbar-chip');
  const w = page.locator('crossbar-chip');
  const accuracy = () => w.getAttribute('data-accuracy').then(Number);
  await expect.poll(accuracy, { timeout: 30_000 }).toBeGreaterThan(0.9);
  const clean = await accuracy();
  // A large device spread (σ = 2.5 in ln R: our model's BER ≈ 21%) costs accuracy, live.
  const sigma = w.getByTestId('setting-sigma').locator('input');
  await sigma.evaluate((el: HTMLInputElement) => {
    el.value = '2.5';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect.poll(accuracy, { timeout: 30_000 }).toBeLessThan(clean - 0.02);
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/chip\.sigma=2\.5/);
  await expect(w.getByTestId('chip-ber')).toContainText('%');
  // Break a device by click, another by keyboard; R repairs both.
  const first = w.getByTestId('device-0-bl');
  await first.click();
  await expect(w).toHaveAttribute('data-broken', '1');
  await expect(first).toHaveAttribute('data-stuck', '1');
  await w.getByTestId('device-1-blbar').focus();
  await page.keyboard.press('Enter');
  await expect(w).toHaveAttribute('data-broken', '2');
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('r');
  await expect(w).toHaveAttribute('data-broken', '0');
  await expect(first).toHaveAttribute('data-stuck', '0');
  // → reads the next digit.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/chip\.digit=2/);
  // MNIST's second test digit is a 2, and the shipped net reads it right.
  await expect(w.getByTestId('chip-digit')).toHaveText('2 → 2');
  const acc = await accuracy();
  // The same URL, in a fresh page, gives the same chip.
  const url = page.url();
  const other = await browser.newPage();
  await other.goto(url);
  await openWidget(other, 'crossbar-chip');
  const again = other.locator('crossbar-chip');
  await expect.poll(() => again.getAttribute('data-accuracy').then(Number), { timeout: 30_000 }).toBe(acc);
  await other.close();
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the chip, retrained here: the standard protocol trains in the worker from the seed, then the chip reads it', async ({ page }) => {
  test.setTimeout(240_000);
  const seen = watchPage(page);
  await page.goto(`${PAGE}#chip.net=retrain&chip.test-digits=500`);
  const w = page.locator('crossbar-chip');
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.lm-state')).toContainText('Retraining the network here from seed 1', { timeout: 60_000 });
  await expect(w).toHaveAttribute('data-status', 'ready', { timeout: 200_000 });
  expect(Number(await w.getAttribute('data-accuracy'))).toBeGreaterThan(0.9);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('projector mode fits 1920×1080, Esc leaves; at a phone’s width nothing overflows sideways', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${PAGE}#${SMALL}`);
  for (const tag of ['ber-robustness', 'crossbar-chip']) {
    await openWidget(page, tag);
    const w = page.locator(tag);
    await w.locator('.lm-figure').focus();
    await page.keyboard.press('f');
    await expect(w).toHaveClass(/lm-projector/);
    expect((await w.boundingBox())!.width).toBeGreaterThan(1920 * 0.9);
    await expect.poll(async () => { const stage = (await w.locator('.lm-stage').boundingBox())!; return stage.y + stage.height; }, { timeout: 5_000 }).toBeLessThanOrEqual(1080);
    await page.keyboard.press('Escape');
    await expect(w).not.toHaveClass(/lm-projector/);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  for (const tag of ['ber-robustness', 'crossbar-chip']) {
    await openWidget(page, tag);
    const box = (await page.locator(tag).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await page.locator('ber-robustness').getByTestId('step').click();
  await expect.poll(() => page.locator('ber-robustness').getAttribute('data-step').then(Number), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  expect(seen.errors).toEqual([]);
});

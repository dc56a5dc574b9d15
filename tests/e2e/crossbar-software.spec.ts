// The crossbar chapter's software half in Chromium: the energy ledger (predict, play, the answers;
// width and layers live and in the URL; keyboard) and quantize-and-prune (the shipped float MLP in
// the worker: the sweeps fill, the predictions are checked, bits and sparsity live, fine-tuning by
// play and →); projector mode; a phone's width; no console errors, nothing fetched from elsewhere.
// 400 test digits (URL hash) keep the file short on a 2-core machine.
import { expect, test } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/binary-crossbar.html';
const SMALL = 'quantize.eval-size=400';

test('the energy ledger: predictions checked by play; width and layers live, in the URL and restored; keyboard', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#${SMALL}`);
  await openWidget(page, 'energy-ledger');
  const w = page.locator('energy-ledger');
  await expect(w.getByTestId('ledger-text')).toContainText('MLP 784-256-256-10: 268,800 multiply-accumulates');
  await expect(w.locator('rect.xb-move')).toHaveCount(0); // hidden until play
  await w.getByTestId('predict-movement-half').check();
  await w.getByTestId('predict-ratio-thousand').check();
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 20_000 });
  await expect(w.getByTestId('predict-movement-result')).toHaveAttribute('data-verdict', 'wrong');
  await expect(w.getByTestId('predict-ratio-result')).toHaveAttribute('data-verdict', 'right');
  // `npm run reproduce -- energy-ledger`: FP32 170 µJ, the crossbar 100–200 nJ.
  await expect(w.getByTestId('ledger-text')).toContainText('FP32: 170 µJ');
  await expect(w.getByTestId('ledger-text')).toContainText('Binary crossbar: 100 nJ – 200 nJ');
  await expect(w.locator('rect.xb-move')).toHaveCount(3);
  await expect(w.locator('text.xb-source').first()).toContainText('Horowitz, ISSCC 2014');
  // The width slider, from the keyboard: 256 → larger; the ledger follows and the URL keeps it.
  const slider = w.getByTestId('setting-width').locator('input');
  await slider.focus();
  for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/ledger\.width=\d+/);
  const hash = await page.evaluate(() => location.hash);
  const width = Number(hash.match(/ledger\.width=(\d+)/)?.[1]);
  expect(width).toBeGreaterThan(256);
  await expect(w.getByTestId('ledger-text')).toContainText(`MLP 784-${width}-${width}-10`);
  // R hides the ledger again; → shows it at once.
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('r');
  await expect(w.locator('rect.xb-move')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(w.locator('rect.xb-move')).toHaveCount(3);
  // The same URL in a new page restores the setting.
  const other = await page.context().newPage();
  await other.goto(`${PAGE}${hash}`);
  await openWidget(other, 'energy-ledger');
  await expect(other.locator('energy-ledger').getByTestId('ledger-text')).toContainText(`MLP 784-${width}-${width}-10`);
  await other.close();
  // Absurd URL values fall back to the schema's range.
  await page.goto(`${PAGE}#ledger.width=abc&ledger.layers=99`);
  await openWidget(page, 'energy-ledger');
  await expect(w.getByTestId('ledger-text')).toContainText('MLP 784-256-256-256-256-256-256-10');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('quantize and prune: the sweeps fill and check the predictions; bits and sparsity live; fine-tuning recovers', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#${SMALL}`);
  await openWidget(page, 'quantize-prune');
  const w = page.locator('quantize-prune');
  await w.getByTestId('predict-bits-2').check();
  await w.getByTestId('predict-pruned-0.99').check();
  await expect(w).toHaveAttribute('data-sweeps', 'done', { timeout: 60_000 });
  await expect(w.getByTestId('predict-bits-result')).toHaveAttribute('data-verdict', /right|wrong/);
  await expect(w.getByTestId('predict-pruned-result')).toHaveAttribute('data-verdict', 'wrong');
  await expect(w.getByTestId('chart-bits').locator('path.series')).not.toHaveCount(0);
  const float = Number(await w.getAttribute('data-accuracy'));
  expect(float).toBeGreaterThan(0.9);
  await expect(w.getByTestId('qp-size')).toContainText('1.0× smaller');
  // 1 bit: live, no restart; 30× smaller; accuracy drops.
  await w.getByTestId('setting-bits').locator('select').selectOption('1');
  await expect(w.getByTestId('qp-size')).toContainText('30.', { timeout: 20_000 });
  await expect.poll(async () => Number(await w.getAttribute('data-accuracy')), { timeout: 20_000 }).toBeLessThan(float - 0.02);
  const hurt = Number(await w.getAttribute('data-accuracy'));
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/quantize\.bits=1/);
  // The same URL restores the setting in a new page.
  const other = await page.context().newPage();
  await other.goto(`${PAGE}${await page.evaluate(() => location.hash)}`);
  await openWidget(other, 'quantize-prune');
  await expect(other.locator('quantize-prune').getByTestId('qp-size')).toContainText('30.', { timeout: 30_000 });
  await other.close();
  // → fine-tunes ten steps; the pruned and quantized net gets some of it back.
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('ArrowRight');
  await expect(w).toHaveAttribute('data-step', '10', { timeout: 60_000 });
  await page.keyboard.press('ArrowRight');
  await expect(w).toHaveAttribute('data-step', '20', { timeout: 60_000 });
  expect(Number(await w.getAttribute('data-accuracy'))).toBeGreaterThan(hurt);
  // R starts over from the shipped weights (the settings stay).
  await page.keyboard.press('r');
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  await expect(w.getByTestId('qp-size')).toContainText('30.');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('projector mode fits 1920×1080 and Esc leaves; at a phone’s width nothing overflows', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${PAGE}#${SMALL}`);
  for (const tag of ['energy-ledger', 'quantize-prune']) {
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
  for (const tag of ['energy-ledger', 'quantize-prune']) {
    await openWidget(page, tag);
    const w = page.locator(tag);
    await w.getByTestId('step').click();
    const box = (await w.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  await page.locator('energy-ledger').screenshot({ path: 'test-results/ledger-phone.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  expect(seen.errors).toEqual([]);
});

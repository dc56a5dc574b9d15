// The Exponentiated-gradient chapter in Chromium, as a student and a lecturer use it: the race played
// to the reproduce table's numbers with the predictions checked, a live step-size change without a
// restart, the keyboard; the Dale network trained in the worker with EG never breaking Dale's law,
// memory flat while it trains; the guessing game (answer hidden until the guess, next round in the
// URL); the same URL giving the same numbers; projector mode fitting 1920×1080; a phone's width.
// Small networks (URL hash) keep the file to a minute or two on a 2-core machine.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/exponentiated-gradient.html';
const SMALL_DALE = 'dale.hidden=32';

const widgetStep = async (w: Locator) => Number((await w.getAttribute('data-step')) ?? 0);
const tensors = (page: Page) => page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);

test('the race: played to the end on the reproduce numbers, predictions checked, no errors, nothing fetched from elsewhere', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'eg-race');
  const w = page.locator('eg-race');
  await expect(w.getByTestId('race-heading')).toHaveText('N = 1,024 · trial 0 of 2,000');
  await w.getByTestId('predict-winner-eg').check();
  await w.getByTestId('predict-gd-sqrt').check();
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  // `npm run reproduce -- eg-online`, seed 1, N = 1,024.
  await expect(w.getByTestId('race-gd')).toHaveText('873.8');
  await expect(w.getByTestId('race-eg')).toHaveText('13.0');
  await expect(w.getByTestId('predict-winner-result')).toHaveAttribute('data-verdict', 'right');
  await expect(w.getByTestId('predict-gd-result')).toHaveAttribute('data-verdict', 'wrong');
  await expect(w.getByTestId('predict-gd-result')).toContainText('Answer: like N.');
  await expect(w.getByTestId('predict-eg-result')).toContainText('Answer: like log N.');
  // Both charts drew both learners.
  await expect(w.getByTestId('chart-sizes').locator('path.series')).toHaveCount(4);
  await expect(w.getByTestId('chart-trials').locator('path.series')).toHaveCount(2);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the race, live: a step-size change lands mid-race without a restart; keyboard step, play, reset', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#race.trials=8000`);
  await openWidget(page, 'eg-race');
  const w = page.locator('eg-race');
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBe(800);
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'playing');
  // Halve gradient descent's step (6 positions of a 20-per-decade slider ≈ ×0.5) while it races.
  const slider = w.getByTestId('setting-gd-step-size').locator('input');
  await slider.focus();
  for (let i = 0; i < 6; i++) await slider.press('ArrowLeft');
  await expect(w.getByTestId('race-foot')).toContainText('GD η = 0.00024', { timeout: 20_000 });
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/race\.gd-step-size=0\.5/);
  expect(await widgetStep(w)).toBeGreaterThan(800); // went on from where it was
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('Space');
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  await page.keyboard.press('r');
  await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBe(0);
  await expect(w.getByTestId('race-foot')).toContainText('GD η = 0.00024'); // the reset keeps the settings
  expect(seen.errors).toEqual([]);
});

test('the Dale network: EG never breaks Dale’s law, GD does; memory stays flat while it trains; a live step size', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#${SMALL_DALE}`);
  await openWidget(page, 'eg-weights');
  const w = page.locator('eg-weights');
  await expect(w.getByTestId('badge')).toHaveAttribute('data-backend', /wasm|cpu|webgl|webgpu/);
  await w.getByTestId('play').click();
  await expect.poll(() => widgetStep(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(300);
  const mem1 = await tensors(page);
  await page.waitForTimeout(1000);
  const mem2 = await tensors(page);
  expect(mem1).toBeGreaterThan(0);
  expect(mem2).toBe(mem1);
  // Lower gradient descent's step tenfold mid-run: no restart, the worker reports the new rate.
  const before = await widgetStep(w);
  const slider = w.getByTestId('setting-gd-rate').locator('input');
  await slider.focus();
  for (let i = 0; i < 20; i++) await slider.press('ArrowLeft');
  await expect(w.getByTestId('weights-foot')).toContainText('Step sizes: GD 0.010', { timeout: 20_000 });
  await expect(w).toHaveAttribute('data-status', /playing|finished/);
  expect(await widgetStep(w)).toBeGreaterThanOrEqual(before);
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  expect(await widgetStep(w)).toBe(1565); // five epochs of whole batches, as the reproduce command trains
  await expect(w).toHaveAttribute('data-eg-flips', '0');
  expect(Number(await w.getAttribute('data-gd-flips'))).toBeGreaterThan(0);
  await expect(w.getByTestId('stat-eg-flips-count')).toHaveText('none: Dale’s law holds');
  await expect(w.getByTestId('predict-flips-result')).toContainText('Answer:');
  // Show the GD network's change instead: the page redraws, the worker is not asked.
  await w.getByTestId('setting-network').locator('select').selectOption('gd');
  await expect(w.getByTestId('chart-qq')).toContainText('GD network');
  await expect(w.getByTestId('non-gaussianity').locator('td[data-best="true"]')).toHaveCount(2);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('guess the map: the answer stays hidden until the guess; next round is the next seed, in the URL', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#guess.dimension=300`);
  await openWidget(page, 'eg-guess-map');
  const w = page.locator('eg-guess-map');
  await expect(w.getByTestId('guess-negative-entropy')).toBeDisabled();
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(w.getByTestId('guess-negative-entropy')).toBeEnabled();
  await expect(w.getByTestId('verdict')).toBeHidden();
  await expect(w.locator('.eg-candidate[data-answer="true"]')).toHaveCount(0);
  await expect(w.getByTestId('hist-3-norm').locator('path.series')).toHaveCount(2);
  await w.getByTestId('guess-negative-entropy').click();
  await expect(w.getByTestId('verdict')).toBeVisible();
  await expect(w.getByTestId('verdict-text')).toContainText('the hidden rule was');
  await expect(w.locator('.eg-candidate[data-answer="true"]')).toHaveCount(1);
  await expect(w.getByTestId('tally')).toHaveText(/Your score on this page: [01] of 1\./);
  await w.getByTestId('next-round').click();
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/guess\.seed=2/);
  await expect(w).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(w.getByTestId('verdict')).toBeHidden();
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the same URL gives the same race, the same Dale network and the same round', async ({ page, browser }) => {
  const url = `${PAGE}#race.inputs=300&race.relevant=4&race.seed=3&${SMALL_DALE}&dale.seed=5&dale.batch-size=64&guess.dimension=200&guess.seed=7`;
  const run = async (p: Page) => {
    await p.goto(url);
    await openWidget(p, 'eg-race');
    const race = p.locator('eg-race');
    await expect(race.getByTestId('seed')).toHaveValue('3');
    await race.getByTestId('step').click();
    await expect.poll(() => widgetStep(race), { timeout: 30_000 }).toBe(200);
    await openWidget(p, 'eg-weights');
    const dale = p.locator('eg-weights');
    await dale.getByTestId('step').click();
    await expect.poll(() => widgetStep(dale), { timeout: 30_000 }).toBe(25);
    await openWidget(p, 'eg-guess-map');
    const guess = p.locator('eg-guess-map');
    await guess.getByTestId('play').click();
    await expect(guess).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
    await guess.getByTestId('guess-2-norm').click();
    return [
      await race.getByTestId('race-gd').textContent(),
      await race.getByTestId('race-eg').textContent(),
      await dale.getByTestId('stat-gd-accuracy').textContent(),
      await dale.getByTestId('stat-gd-flips-count').textContent(),
      await guess.getByTestId('verdict-text').textContent(),
    ];
  };
  const first = await run(page);
  const other = await browser.newPage();
  expect(await run(other)).toEqual(first);
  await other.close();
});

test('projector mode: each figure fills a 1920×1080 screen without scrolling its figure; Esc leaves', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${PAGE}#${SMALL_DALE}`);
  for (const tag of ['eg-race', 'eg-weights', 'eg-guess-map']) {
    await openWidget(page, tag);
    const w = page.locator(tag);
    await w.locator('.lm-figure').focus();
    await page.keyboard.press('f');
    await expect(w).toHaveClass(/lm-projector/);
    const box = (await w.boundingBox())!;
    expect(box.width).toBeGreaterThan(1920 * 0.9);
    // The figure itself (transport, questions, numbers, charts) fits on the screen; the settings may scroll.
    // (Polled: entering full screen resizes the figure, and its charts are laid out again.)
    await expect.poll(async () => { const stage = (await w.locator('.lm-stage').boundingBox())!; return stage.y + stage.height; }, { timeout: 5_000 }).toBeLessThanOrEqual(1080);
    await expect(w.locator('svg.viz').first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(w).not.toHaveClass(/lm-projector/);
  }
  expect(seen.errors).toEqual([]);
});

test('at a phone’s width nothing overflows sideways, and every figure still trains', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${PAGE}#${SMALL_DALE}`);
  for (const tag of ['eg-race', 'eg-weights', 'eg-guess-map']) {
    await openWidget(page, tag);
    const w = page.locator(tag);
    await w.getByTestId('step').click();
    await expect.poll(() => widgetStep(w), { timeout: 30_000 }).toBeGreaterThan(0);
    const box = (await w.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  expect(seen.errors).toEqual([]);
});

// The Neural-tangent-kernel chapter in Chromium, its four figures training in the real worker, used
// the way a student and a lecturer would: play, step, reset, a live slider mid-run, the same URL giving
// the same numbers, the keyboard, projector mode fitting a 1920×1080 screen, a phone's width, and all
// the while no console error, no request off the site, memory flat while training and the page's frames
// flowing. Width 10,000 must stay interactive: the first test plays it and logs its speed.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/neural-tangent-kernel.html';

const stepOf = async (w: Locator) => Number((await w.getAttribute('data-step')) ?? 0);
const numberIn = async (l: Locator) => Number(((await l.textContent()) ?? '').replace(/,/g, '').replace('−', '-').match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/)?.[0] ?? NaN);
/** Tensors plus the typed arrays the runs hold (the worker's memory report). */
const held = (page: Page) => page.evaluate(async () => (await window.__localMinimum?.memory())?.numTensors ?? -1);

/** The longest gap between animation frames over `ms` milliseconds (a frozen page shows one long gap). */
const longestFrameGap = (page: Page, ms: number) =>
  page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const end = last + duration;
        const tick = (now: number) => {
          worst = Math.max(worst, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(worst);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );

/** Press F on the figure and check that the whole widget fits the screen without scrolling. */
async function projectorFits(page: Page, w: Locator): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('f');
  await expect(w).toHaveClass(/lm-projector/);
  await page.waitForTimeout(400);
  const fit = await w.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight, width: el.getBoundingClientRect().width }));
  expect(fit.width).toBeGreaterThan(1920 * 0.9);
  expect(fit.scroll).toBeLessThanOrEqual(fit.client + 2);
  await page.keyboard.press('Escape');
  await expect(w).not.toHaveClass(/lm-projector/);
}

test('width slider at 10,000 units: ten networks train live, land on their kernel twins; a live learning rate, flat memory, frames keep flowing', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watchPage(page);
  await page.goto(`${PAGE}#ntk-width.width=10000`);
  await openWidget(page, 'ntk-width');
  const w = page.locator('ntk-width');
  await expect(w.getByTestId('stat-step')).toHaveText('0');
  await expect(w.locator('.layer-networks path')).toHaveCount(10);
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'playing');
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
  // Training runs in the worker: the page's frames keep coming while ten 10,000-unit networks train.
  expect(await longestFrameGap(page, 1500)).toBeLessThan(250);
  const mem1 = await held(page);
  await page.waitForTimeout(1500);
  expect(await held(page)).toBe(mem1);
  expect(mem1).toBeGreaterThan(0);
  // Lower the learning rate mid-run (20 slider positions = a decade): no restart, the run goes on.
  const before = await stepOf(w);
  const slider = w.getByTestId('setting-step-size').locator('input');
  await slider.focus();
  for (let i = 0; i < 20; i++) await slider.press('ArrowLeft');
  await expect.poll(() => w.getByTestId('summary').textContent(), { timeout: 20_000 }).toMatch(/learning rate 0\.05\b/);
  await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBeGreaterThan(before + 10);
  await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toMatch(/ntk-width\.step-size=0\.05/);
  // Wide networks sit on their twins, and all ten fit.
  await expect.poll(() => stepOf(w), { timeout: 90_000 }).toBeGreaterThanOrEqual(250);
  expect(await numberIn(w.getByTestId('stat-gap'))).toBeLessThan(3);
  await expect(w.getByTestId('stat-fitted')).toHaveText('10 of 10');
  const speed = (await w.getByTestId('badge').textContent()) ?? '';
  console.log(`ntk-width at 10,000 units × 10 networks, worker speed: ${speed}`);
  await w.getByTestId('play').click();
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('width slider, as a lecturer uses it: the keyboard, the same URL giving the same networks, reset, projector, and the standard parameterisation blowing up', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const seen = watchPage(page);
  const url = `${PAGE}#ntk-width.width=10&ntk-width.seed=3&ntk-width.highlight=2`;
  const run = async (p: Page) => {
    await p.goto(url);
    await openWidget(p, 'ntk-width');
    const w = p.locator('ntk-width');
    await expect(w.getByTestId('seed')).toHaveValue('3');
    await w.locator('.lm-figure').focus();
    for (let i = 1; i <= 3; i++) {
      await p.keyboard.press('ArrowRight');
      await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBe(i);
    }
    return [await w.getAttribute('data-gap'), await w.locator('.layer-networks path').first().getAttribute('d')];
  };
  const first = await run(page);
  const other = await browser.newPage();
  expect(await run(other)).toEqual(first);
  await other.close();
  const w = page.locator('ntk-width');
  await expect(w.locator('.layer-focus path')).toHaveCount(2);
  // Space plays, Space pauses; seed 3 at width 10 strands three networks (the chapter's claim).
  await page.keyboard.press('Space');
  await expect(w.getByTestId('play')).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(300);
  await page.keyboard.press('Space');
  await expect(w.getByTestId('play')).toHaveAttribute('data-state', 'paused');
  await expect(w.getByTestId('stat-fitted')).toHaveText('7 of 10');
  await page.keyboard.press('r');
  await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBe(0);
  await projectorFits(page, w);
  // The standard parameterisation at width 1,000 and η = 0.5: diverged, and the figure says which setting.
  await page.setViewportSize({ width: 1280, height: 800 });
  const select = w.getByTestId('setting-parameterisation').locator('select');
  await select.selectOption('standard');
  const width = w.getByTestId('setting-width').locator('input');
  await width.focus();
  for (let i = 0; i < 40; i++) await width.press('ArrowRight');
  await expect(w.getByTestId('setting-width').locator('output')).toHaveText('1,000');
  // The restart has happened once the summary names the new run.
  await expect(w.getByTestId('summary')).toContainText('width 1,000 (standard parameterisation)', { timeout: 30_000 });
  await expect(w).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'diverged', { timeout: 30_000 });
  // It names the setting changed last (issue 20), the width the reader just raised, not the step size.
  await expect(w.getByTestId('state')).toContainText('after width (hidden units) was set to 1,000 (default 10)');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the kernel that stops moving: the wide networks barely move their kernel, the slope is about −½; the heatmaps’ width changes live', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watchPage(page);
  await page.goto(`${PAGE}#ntk-kernel-motion.networks=2`);
  await openWidget(page, 'ntk-kernel-motion');
  const w = page.locator('ntk-kernel-motion');
  await w.getByTestId('play').click();
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
  const mem1 = await held(page);
  await page.waitForTimeout(1500);
  expect(await held(page)).toBe(mem1);
  const select = w.getByTestId('setting-heatmap-width').locator('select');
  const before = await stepOf(w);
  await select.selectOption('10000');
  await expect(w).toHaveAttribute('data-heatmap-width', '10000', { timeout: 30_000 });
  await expect(w.getByTestId('kernel-maps')).toContainText('width 10,000');
  await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(80);
  await w.getByTestId('play').click();
  const moved = ((await w.getAttribute('data-kernel-change')) ?? '').split(',').map(Number);
  expect(moved).toHaveLength(7);
  expect(moved[6]).toBeLessThan(0.01);
  expect(moved[0]).toBeGreaterThan(10 * moved[6]);
  const slope = await numberIn(w.getByTestId('stat-slope'));
  expect(slope).toBeGreaterThan(-0.9);
  expect(slope).toBeLessThan(-0.3);
  await expect(w.getByTestId('chart-motion').locator('.layer-dots path')).toHaveCount(14);
  await projectorFits(page, w);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('eigen-directions: stepping with →, the coordinates follow the theory at width 1,000 and miss it more at width 10; the basis restarts', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watchPage(page);
  await page.goto(`${PAGE}#ntk-eigen.width=1000`);
  await openWidget(page, 'ntk-eigen');
  const w = page.locator('ntk-eigen');
  await w.locator('.lm-figure').focus();
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBe(i);
  }
  const wideMiss = Number(await w.getAttribute('data-miss'));
  expect(wideMiss).toBeLessThan(0.02);
  await expect(w.getByTestId('bars').locator('.direction')).toHaveCount(4);
  await expect(w.getByTestId('chart-decay').locator('.layer-theory path')).toHaveCount(4);
  // Width 10: a restart, then the same five steps.
  const width = w.getByTestId('setting-width').locator('input');
  await width.focus();
  for (let i = 0; i < 40; i++) await width.press('ArrowLeft');
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  await w.getByTestId('play').click();
  await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  await w.getByTestId('play').click();
  expect(Number(await w.getAttribute('data-miss'))).toBeGreaterThan(wideMiss);
  await w.getByTestId('setting-basis').locator('select').selectOption('analytic');
  await expect(w).toHaveAttribute('data-step', '0', { timeout: 30_000 });
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/ntk-eigen\.basis=analytic/);
  await projectorFits(page, w);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('lazy vs rich: the mean-field network moves its kernel and gathers its features, the NTK one does not; memory flat', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'ntk-lazy-rich');
  const w = page.locator('ntk-lazy-rich');
  await expect(w.getByTestId('alpha-right')).toHaveText('α = 0.032');
  await w.getByTestId('play').click();
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(60);
  const mem1 = await held(page);
  await page.waitForTimeout(1500);
  expect(await held(page)).toBe(mem1);
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThanOrEqual(200);
  await w.getByTestId('play').click();
  const [lazy, rich] = ((await w.getAttribute('data-kernel-change')) ?? '').split(',').map(Number);
  expect(lazy).toBeLessThan(0.05);
  expect(rich).toBeGreaterThan(0.5);
  const [lazySpread, richSpread] = ((await w.getAttribute('data-spread')) ?? '').split(',').map(Number);
  expect(lazySpread).toBeGreaterThan(0.85);
  expect(richSpread).toBeLessThan(0.5);
  await expect(w.getByTestId('units-right').locator('.units circle')).toHaveCount(64);
  await projectorFits(page, w);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('at a phone’s width every figure fits the column, legends above their plots; screenshots at 1280, 390 and projector size', async ({ page }) => {
  test.setTimeout(240_000);
  const seen = watchPage(page);
  const tags = ['ntk-width', 'ntk-kernel-motion', 'ntk-eigen', 'ntk-lazy-rich'];
  for (const [name, width, height] of [['desktop', 1280, 800], ['phone', 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(PAGE);
    for (const tag of tags) {
      await openWidget(page, tag);
      const w = page.locator(tag);
      await w.getByTestId('step').click();
      await expect.poll(() => stepOf(w), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const box = await w.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(width);
      // No legend runs into its plot.
      const clashes = await w.evaluate((el) =>
        [...el.querySelectorAll('svg.viz-ntk')].filter((svg) => {
          const legend = svg.querySelector(':scope > .legend');
          const marks = svg.querySelector('svg.marks');
          return legend && marks && legend.childElementCount > 0 && legend.getBoundingClientRect().bottom > marks.getBoundingClientRect().top + 1;
        }).length,
      );
      expect(clashes, `${tag} at ${width}px`).toBe(0);
      await w.screenshot({ path: `test-results/ntk-${name}-${tag}.png` });
    }
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  for (const tag of tags) {
    const w = page.locator(tag);
    await w.scrollIntoViewIfNeeded();
    await w.locator('.lm-figure').focus();
    await page.keyboard.press('f');
    await expect(w).toHaveClass(/lm-projector/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `test-results/ntk-projector-${tag}.png` });
    await page.keyboard.press('Escape');
    await expect(w).not.toHaveClass(/lm-projector/);
  }
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

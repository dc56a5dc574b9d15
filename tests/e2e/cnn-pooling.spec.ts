// The CNN-pooling chapter in Chromium, as a student and a lecturer use it: the shift probe answers a
// slider move (mouse or keyboard) within a frame, draws with the mouse and the keyboard, wraps, picks
// gallery digits, measures its curves, restores from the URL, plays, steps and resets from the
// keyboard, fits a 1920×1080 projector and a 390 px phone, and retrains its nets in the worker; the
// equivariance grid shows the aliasing at odd shifts and a click picks its close-up; Picasso's global
// pool calls the scrambled twin a face while the flatten CNN does not. No console errors, no request
// leaves the site, and the worker's memory stays flat while the reader plays with the figures.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/cnn-pooling.html';
const probe = (page: Page) => page.locator('shift-probe');
const memory = (page: Page) => page.evaluate(async () => (await window.__localMinimum?.memory()) ?? null);
const answers = (w: Locator) => w.getAttribute('data-answers');

/** A stroke drawn with the mouse across the pad, in fractions of its box. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  const box = (await page.getByTestId('draw-pad').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 10 });
  await page.mouse.up();
}

test('shift probe as a student: slider answered within a frame, curves measured, drawing by mouse and keyboard, wrap, gallery; memory flat; no errors', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'shift-probe');
  const w = probe(page);
  await expect(w.getByTestId('badge')).toHaveAttribute('data-backend', /wasm|cpu|webgl|webgpu/);
  await expect(w.getByTestId('gallery').locator('button')).toHaveCount(20);
  // The shipped nets read the gallery's 1 unmoved.
  await expect(w).toHaveAttribute('data-answers', '11111');
  await expect(w.getByTestId('verdict')).toHaveText('Not moved: 5 of 5 networks read the test digit as 1.');
  // The curves fill in while the reader reads, to 500 held-out digits.
  await expect(w).toHaveAttribute('data-pending', 'false', { timeout: 90_000 });
  await expect(w.getByTestId('curve-note')).toHaveText('Measured on 500 held-out test digits, zero-fill shifts.');
  await expect(w.getByTestId('curves').locator('path.series')).toHaveCount(6);
  const mem1 = await memory(page);

  // The slider by keyboard: each move is answered on the page in well under a frame.
  const slider = w.getByTestId('setting-shift').locator('input');
  await slider.focus();
  const before = await answers(w);
  for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
  await expect(w).toHaveAttribute('data-shift', '3');
  expect(Number(await w.getAttribute('data-answer-ms'))).toBeLessThan(16);
  expect(await answers(w)).not.toBe(before);
  await expect(w.getByTestId('verdict')).toContainText('Moved +3 px');
  await expect(w.getByTestId('acc-max')).toContainText(/test digits at \+3 px: \d+\.\d%/);
  // The slider by mouse: drag to the left end.
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(w).toHaveAttribute('data-shift', '-6');
  expect(Number(await w.getAttribute('data-answer-ms'))).toBeLessThan(16);
  // At −6 px the MLP no longer reads the 1; the global-pool net (fourth) still does.
  expect((await answers(w))![3]).toBe('1');
  await expect(w.getByTestId('answer-mlp')).toHaveAttribute('data-right', 'false');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/probe\.shift=-6/);

  // Wrap-around: sent to the worker, the curves measured afresh.
  await w.getByTestId('setting-wrap').locator('input').check();
  await expect(w.getByTestId('shifted')).toBeVisible();
  await expect(w.getByTestId('curve-note')).toContainText('wrapped', { timeout: 90_000 });

  // A gallery digit, then a drawing with the mouse: a 7.
  await w.getByTestId('digit-14').click();
  await expect(w.getByTestId('verdict')).toContainText('read the test digit as 7');
  await w.getByTestId('clear').click();
  await stroke(page, [[0.3, 0.27], [0.7, 0.27], [0.45, 0.8]]);
  await expect(w.getByTestId('verdict')).toContainText('your drawing');
  await expect(w.locator('.sp-thumb[aria-pressed="true"]')).toHaveCount(0);
  // Drawing with the keyboard: C clears, Shift+arrows paint a stroke, Space stamps; the keys do not play the figure.
  const pad = w.getByTestId('draw-pad');
  await pad.focus();
  await page.keyboard.press('c');
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 14; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'ready');
  await expect(w.getByTestId('verdict')).toContainText('your drawing');
  // Memory stays flat: the same runs, the same arrays, after all that.
  const mem2 = await memory(page);
  expect(mem1).not.toBeNull();
  expect(mem2).toEqual(mem1);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('shift probe as a lecturer: the URL restores the figure, → steps, Space sweeps, R rewinds, F fits a projector', async ({ page, browser }) => {
  const url = `${PAGE}#probe.digit=9&probe.shift=2&probe.wrap=1`;
  const open = async (p: Page) => {
    await p.goto(url);
    await openWidget(p, 'shift-probe');
    const w = probe(p);
    await expect(w.getByTestId('setting-shift').locator('input')).toHaveValue('2');
    await expect(w.getByTestId('setting-wrap').locator('input')).toBeChecked();
    await expect(w.getByTestId('digit-9')).toHaveAttribute('aria-pressed', 'true');
    return [await answers(w), await w.getByTestId('verdict').textContent()];
  };
  const first = await open(page);
  const other = await browser.newPage();
  expect(await open(other)).toEqual(first);
  await other.close();

  const w = probe(page);
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('ArrowRight');
  await expect(w).toHaveAttribute('data-shift', '3');
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 20_000 });
  await expect(w).toHaveAttribute('data-shift', '6');
  await page.keyboard.press('r');
  await expect(w).toHaveAttribute('data-shift', '0');

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press('f');
  await expect(w).toHaveClass(/lm-projector/);
  // The whole figure (digit, curves, the five cards) on one screen.
  for (const part of [w.getByTestId('draw-pad'), w.getByTestId('curves'), w.locator('.sp-card').last()]) {
    const b = (await part.boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(1080);
    expect(b.x + b.width).toBeLessThanOrEqual(1920);
  }
  await page.keyboard.press('Escape');
  await expect(w).not.toHaveClass(/lm-projector/);
});

test('all three figures at phone width: no horizontal overflow, legends above their plots', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PAGE);
  for (const tag of ['shift-probe', 'equivariance-grid', 'picasso-faces']) await openWidget(page, tag);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  for (const chart of [probe(page).getByTestId('curves'), page.locator('picasso-faces').getByTestId('face-curves')]) {
    const legend = (await chart.locator('.legend').boundingBox())!;
    const plot = (await chart.locator('svg.marks').boundingBox())!;
    expect(legend.y + legend.height).toBeLessThanOrEqual(plot.y + 1);
    expect(legend.x + legend.width).toBeLessThanOrEqual(390);
  }
  expect(seen.errors).toEqual([]);
});

test('where invariance breaks: pooling aliases at odd shifts, a click picks the close-up, the URL keeps it', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'equivariance-grid');
  const w = page.locator('equivariance-grid');
  await expect(w).toHaveAttribute('data-pending', 'false', { timeout: 90_000 });
  await expect(w.getByTestId('grid-note')).toContainText('Measured on 200 held-out test digits');
  const value = async (net: string, layer: number, shift: number) => Number(await w.getByTestId(`grid-${net}`).locator('g.values text').nth(layer * 7 + shift).textContent());
  // The max-pool net: conv 1 follows every shift; pool 1 breaks at odd shifts only.
  expect(await value('max', 0, 3)).toBe(0);
  expect(await value('max', 1, 1)).toBeGreaterThan(0.1);
  expect(await value('max', 1, 2)).toBe(0);
  // The flatten head's output is far less invariant than the global average's.
  expect(await value('max', 4, 6)).toBeGreaterThan(3 * (await value('gap', 5, 6)));
  // A click on pool 2 at 2 px: the close-up follows, and so does the URL.
  await w.getByTestId('grid-max').locator('g.cells rect').nth(3 * 7 + 2).click();
  await expect(w.getByTestId('detail-title')).toHaveText(/pool 2 · shifted 2 px/);
  await expect(w.getByTestId('detail-note')).toContainText('stride 4: a move of 2 px is 0.50 map pixels');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/layers\.layer=4/);
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('ArrowRight');
  await expect(w.getByTestId('detail-title')).toHaveText(/shifted 3 px/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('Picasso: the global-pool net calls the scrambled twin a face, the max-pool CNN does not; the slider answers on the page', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'picasso-faces');
  const w = page.locator('picasso-faces');
  await expect(w).toHaveAttribute('data-faces', '11111');
  const t = w.getByTestId('setting-t').locator('input');
  await t.focus();
  await t.press('End');
  await expect(w).toHaveAttribute('data-t', '1.00');
  expect(Number(await w.getAttribute('data-answer-ms'))).toBeLessThan(16);
  const faces = (await w.getAttribute('data-faces'))!;
  expect(faces[3]).toBe('1'); // global average pool
  expect(faces[1]).toBe('0'); // max-pool
  await expect(w).toHaveAttribute('data-pending', 'false', { timeout: 90_000 });
  const share = async (net: string) => Number(((await w.getByTestId(`tally-${net}-1`).textContent()) ?? '').replace('%', ''));
  expect(await share('gap')).toBeGreaterThan(95);
  expect(await share('max')).toBeLessThan(90);
  // Play moves the parts back from the face (R) to the twin.
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('r');
  await expect(w).toHaveAttribute('data-t', '0.00');
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 20_000 });
  await expect(w).toHaveAttribute('data-t', '1.00');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('retrain here: the five nets train in the worker from the seed, step by step, then to the end', async ({ page }) => {
  test.setTimeout(300_000);
  const seen = watchPage(page);
  await page.goto(`${PAGE}#probe.weights=retrain&probe.seed=2&probe.curve-digits=100`);
  await openWidget(page, 'shift-probe');
  const w = probe(page);
  await expect(w.getByTestId('progress')).toContainText('Fresh networks from seed 2');
  await w.getByTestId('step').click();
  await expect(w).toHaveAttribute('data-step', '25', { timeout: 60_000 });
  await expect(w.getByTestId('progress')).toContainText('step 25 of 375');
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'finished', { timeout: 240_000 });
  await expect(w).toHaveAttribute('data-step', '375');
  await expect(w.getByTestId('progress')).toContainText('Trained here from seed 2: 375 steps.');
  await expect(w).toHaveAttribute('data-pending', 'false', { timeout: 30_000 });
  // Trained here, the nets read the gallery's 1 (most of them, at least).
  expect(((await answers(w)) ?? '').split('').filter((a) => a === '1').length).toBeGreaterThanOrEqual(3);
  expect(seen.errors).toEqual([]);
});

// The closing chapter in Chromium, each figure as a student and a lecturer would use it: play, step,
// reset, live sliders, Life edited with the mouse and the keyboard, URL state restored in a fresh tab
// to the same numbers, the keyboard shortcuts, projector mode at 1920 × 1080, a phone-wide page with no
// horizontal overflow, the worker's memory flat while playing, no console errors, no foreign requests.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/brains-not-feed-forward.html';
const TAGS = ['lif-neuron', 'edge-of-chaos', 'game-of-life', 'kohonen-map', 'event-camera'] as const;

const data = async (w: Locator, key: string) => Number((await w.getAttribute(`data-${key}`)) ?? NaN);
const text = async (l: Locator) => (await l.textContent()) ?? '';
/** The worker's memory report: tensors plus typed arrays of the runs, and their bytes. */
const memory = (page: Page) => page.evaluate(async () => {
  const m = await window.__localMinimum?.memory();
  return m ? { count: m.numTensors, bytes: m.numBytes } : null;
});
async function press(page: Page, w: Locator, key: string) {
  await w.locator('.lm-figure').focus();
  await page.keyboard.press(key);
}
async function slide(w: Locator, key: string, arrow: 'ArrowLeft' | 'ArrowRight', times: number) {
  const input = w.getByTestId(`setting-${key}`).locator('input');
  await input.focus();
  for (let i = 0; i < times; i++) await input.press(arrow);
}

test('the neuron: plays in real time, adapts, takes sliders live, keeps memory flat', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'lif-neuron');
  const w = page.locator('lif-neuron');
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'playing');
  // One stimulus cycle is 1.5 s of simulated time, played in real time.
  await expect.poll(() => data(w, 'time'), { timeout: 30_000 }).toBeGreaterThan(1600);
  const [onset, steady] = (await text(w.getByTestId('onset-steady'))).match(/[\d.]+(?= Hz)/g)!.map(Number);
  expect(steady).toBeLessThan(0.7 * onset);
  const before = await memory(page);
  await page.waitForTimeout(1500);
  expect(await memory(page)).toEqual(before);
  // Adaptation off, live: the next cycle keeps its rate.
  await slide(w, 'adaptation', 'ArrowLeft', 10);
  await expect(w.getByTestId('summary')).toContainText('adaptation step 0.00', { timeout: 10_000 });
  const at = await data(w, 'time');
  await expect.poll(() => data(w, 'time'), { timeout: 30_000 }).toBeGreaterThan(Math.ceil(at / 1500) * 1500 + 1600);
  const [onset2, steady2] = (await text(w.getByTestId('onset-steady'))).match(/[\d.]+(?= Hz)/g)!.map(Number);
  expect(Math.abs(steady2 - onset2) / onset2).toBeLessThan(0.15);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/neuron\.adaptation=0\b/);
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'ready');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the neuron, as a lecturer: URL restore to the same numbers, keys, projector', async ({ page, browser }) => {
  const url = `${PAGE}#neuron.circuit=pair&neuron.adaptation=0&neuron.noise=2&neuron.seed=4`;
  const run = async (p: Page) => {
    await p.goto(url);
    await openWidget(p, 'lif-neuron');
    const w = p.locator('lif-neuron');
    await expect(w.getByTestId('setting-circuit').locator('select')).toHaveValue('pair');
    await expect(w.getByTestId('seed')).toHaveValue('4');
    for (let i = 1; i <= 6; i++) {
      await press(p, w, 'ArrowRight');
      await expect.poll(() => data(w, 'time')).toBe(100 * i);
    }
    return [await text(w.getByTestId('rate-now')), await text(w.getByTestId('summary'))];
  };
  const first = await run(page);
  expect(first[0]).toMatch(/Hz · .*Hz/); // two neurons
  const other = await browser.newPage();
  expect(await run(other)).toEqual(first);
  await other.close();
  const w = page.locator('lif-neuron');
  await press(page, w, 'Space');
  await expect(w).toHaveAttribute('data-status', 'playing');
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'ready');
  await page.keyboard.press('r');
  await expect.poll(() => data(w, 'time')).toBe(0);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press('f');
  await expect(w).toHaveClass(/lm-projector/);
  const box = (await w.getByTestId('scope').boundingBox())!;
  expect(box.width).toBeGreaterThan(1600);
  expect(box.y + box.height).toBeLessThan(1080);
  await page.keyboard.press('Escape');
  await expect(w).not.toHaveClass(/lm-projector/);
  // Export: one SVG of the figure as shown, its canvases embedded as images.
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByTestId('export-svg').click()]);
  expect(download.suggestedFilename()).toBe('neuron-seed-4-step-0.svg');
  const svg = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(svg).toContain('<image');
  expect(svg).toContain('A neuron that lives in time');
});

test('the reservoir: the sweep fills in while it plays, the gain and the input apply live', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#reservoir.size=200`);
  await openWidget(page, 'edge-of-chaos');
  const w = page.locator('edge-of-chaos');
  await w.getByTestId('play').click();
  // The pass bands' three gains come first: 0.5, 0.95, 1.5.
  await expect.poll(() => data(w, 'sweep'), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  // The screen-reader summary is rewritten at most every few seconds (summary.ts): wait for it.
  await expect.poll(() => text(w.getByTestId('summary')), { timeout: 15_000 }).toMatch(/memory capacity highest at g = 0\.95/);
  // Input off and g down to 0.6, live: the activity dies away and λ goes well below zero.
  await w.getByTestId('setting-driven').locator('input').click();
  await slide(w, 'gain', 'ArrowLeft', 35);
  await expect(w.getByTestId('gain-now')).toHaveText('0.60', { timeout: 10_000 });
  await expect(w.getByTestId('regime')).toHaveText(/dying away|silent/, { timeout: 30_000 });
  // λ averages the last 200 steps: once the activity is silent, that window still holds steps from
  // before the change for a moment, so wait for it to fill with the new regime.
  await expect.poll(async () => Number((await text(w.getByTestId('lyapunov-now'))).replace('−', '-')), { timeout: 15_000 }).toBeLessThan(-0.3);
  const before = await memory(page);
  await page.waitForTimeout(1500);
  expect(await memory(page)).toEqual(before);
  await press(page, w, 'Space');
  await expect(w).toHaveAttribute('data-status', 'ready');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('Life: edited with the mouse and the keyboard, stamped, played, cleared and reset', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#life.start=empty`);
  await openWidget(page, 'game-of-life');
  const w = page.locator('game-of-life');
  const grid = w.getByTestId('life-grid');
  const box = (await grid.boundingBox())!;
  const cell = box.width / 64;
  const at = (x: number, y: number) => ({ x: box.x + (x + 0.5) * cell, y: box.y + (y + 0.5) * cell });
  // A drag paints three in a row: a blinker.
  await page.mouse.move(at(10, 10).x, at(10, 10).y);
  await page.mouse.down();
  await page.mouse.move(at(11, 10).x, at(11, 10).y);
  await page.mouse.move(at(12, 10).x, at(12, 10).y);
  await page.mouse.up();
  await expect(w).toHaveAttribute('data-population', '3');
  // Keyboard: the cursor is where the last click was; → moves it (and does not step); Enter flips.
  await grid.focus();
  await expect(w).toHaveAttribute('data-cursor', '10,10');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(w).toHaveAttribute('data-population', '4');
  await expect(w).toHaveAttribute('data-cursor', '13,10');
  await expect(w).toHaveAttribute('data-step', '0');
  await page.keyboard.press('Enter');
  await expect(w).toHaveAttribute('data-population', '3');
  // A glider from the brush menu, stamped with a click.
  await w.getByTestId('setting-brush').locator('select').selectOption('glider');
  await page.mouse.click(at(40, 30).x, at(40, 30).y);
  await expect(w).toHaveAttribute('data-population', '8');
  // → steps one generation when the figure (not the grid) has focus: the blinker turns, the glider moves.
  await press(page, w, 'ArrowRight');
  await expect(w.getByTestId('generation')).toHaveText('1');
  await expect(w).toHaveAttribute('data-population', '8');
  await page.keyboard.press('Space');
  await expect.poll(() => data(w, 'step'), { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'ready');
  expect(await data(w, 'population')).toBe(8); // blinker and glider, apart, keep their cells
  await w.getByTestId('clear').click();
  await expect(w).toHaveAttribute('data-population', '0');
  await page.keyboard.press('r');
  await expect(w.getByTestId('generation')).toHaveText('0');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('Gosper’s gun adds a glider every 30 generations; a soup restores from the URL', async ({ page }) => {
  await page.goto(`${PAGE}#life.start=gosper-gun&life.speed=60`);
  await openWidget(page, 'game-of-life');
  const w = page.locator('game-of-life');
  await expect(w).toHaveAttribute('data-population', '36');
  await w.getByTestId('play').click();
  await expect.poll(() => data(w, 'step'), { timeout: 30_000 }).toBeGreaterThanOrEqual(61);
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'ready');
  // Reset, then step to generation 90 with →: the 36-cell gun plus three 5-cell gliders.
  await press(page, w, 'r');
  await expect(w).toHaveAttribute('data-step', '0');
  for (let g = 1; g <= 90; g++) await page.keyboard.press('ArrowRight');
  await expect(w).toHaveAttribute('data-step', '90', { timeout: 20_000 });
  await expect(w).toHaveAttribute('data-population', '51');
  await page.goto(`${PAGE}#life.start=random&life.seed=9`);
  await page.reload();
  await openWidget(page, 'game-of-life');
  const soup = await data(w, 'population');
  expect(soup).toBeGreaterThan(700);
  await expect(w.getByTestId('setting-start').locator('select')).toHaveValue('random');
});

test('the Kohonen map orders itself while it plays', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#som.pace=fast`);
  await openWidget(page, 'kohonen-map');
  const w = page.locator('kohonen-map');
  const start = Number((await text(w.getByTestId('topographic'))).replace('%', ''));
  expect(start).toBeGreaterThan(50);
  await w.getByTestId('step').click();
  await expect(w).toHaveAttribute('data-step', '50', { timeout: 20_000 });
  await w.getByTestId('play').click();
  await expect.poll(() => data(w, 'step'), { timeout: 60_000 }).toBeGreaterThanOrEqual(3000);
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'ready');
  expect(Number((await text(w.getByTestId('topographic'))).replace('%', ''))).toBeLessThan(20);
  expect(Number((await text(w.getByTestId('ratio'))).replace('×', ''))).toBeGreaterThan(2);
  // The mosaic is drawn: not a blank canvas.
  const inked = await w.getByTestId('mosaic').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) dark++;
    return dark / (d.length / 4);
  });
  expect(inked).toBeGreaterThan(0.1);
  expect(seen.errors).toEqual([]);
});

test('the event camera: events while the digit moves, none once it stops, frames regardless', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#events.playback=1`);
  await openWidget(page, 'event-camera');
  const w = page.locator('event-camera');
  await w.getByTestId('play').click();
  await expect.poll(() => data(w, 'events'), { timeout: 30_000 }).toBeGreaterThan(5000);
  await slide(w, 'speed', 'ArrowLeft', 20);
  await expect(w.getByTestId('summary')).toContainText('at 0 pixels per second', { timeout: 10_000 });
  await page.waitForTimeout(300);
  const events = await data(w, 'events');
  const frames = await data(w, 'frames');
  await page.waitForTimeout(1500);
  expect(await data(w, 'events')).toBe(events);
  expect(await data(w, 'frames')).toBeGreaterThan(frames + 10);
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'ready');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('every figure at phone width: no horizontal overflow, every canvas inside its figure', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(PAGE);
  for (const tag of TAGS) {
    await openWidget(page, tag);
    const w = page.locator(tag);
    const figure = (await w.boundingBox())!;
    for (const canvas of await w.locator('canvas').all()) {
      const b = (await canvas.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(figure.x - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(figure.x + figure.width + 1);
    }
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('every figure in projector mode at 1920 × 1080 fills the width and its first panel fits the screen', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(PAGE);
  for (const tag of TAGS) {
    await openWidget(page, tag);
    const w = page.locator(tag);
    await press(page, w, 'f');
    await expect(w).toHaveClass(/lm-projector/);
    const box = (await w.boundingBox())!;
    expect(box.width).toBeGreaterThan(1920 * 0.9);
    const first = (await w.locator('canvas').first().boundingBox())!;
    expect(first.y + first.height).toBeLessThanOrEqual(1080);
    await page.keyboard.press('Escape');
    await expect(w).not.toHaveClass(/lm-projector/);
  }
});

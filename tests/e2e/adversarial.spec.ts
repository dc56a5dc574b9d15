import { expect, test, type Page } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const PAGE = '/adversarial-attacks.html';

/** A 7 drawn with the mouse: a bar across the top and a stroke down to the lower left. */
async function drawSeven(page: Page): Promise<void> {
  const box = (await page.getByTestId('draw-pad').boundingBox())!;
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(0.3, 0.27));
  await page.mouse.down();
  await page.mouse.move(...at(0.7, 0.27), { steps: 10 });
  await page.mouse.move(...at(0.45, 0.8), { steps: 14 });
  await page.mouse.up();
}

const lab = (page: Page) => page.locator('attack-lab');
const num = async (page: Page, name: string) => Number(await lab(page).getAttribute(`data-${name}`));

test('attack lab: a drawn digit gets a prediction, FGSM at ε 0.25 flips it, PGD steps, the black box counts queries', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#lab.model=mlp&lab.epsilon=0.25`);
  await openWidget(page, 'attack-lab');
  await expect(page.getByTestId('model-line')).toContainText('MLP 784-256-256-10');

  // Draw: the clean panel now shows the reader's digit and the MLP's reading of it.
  await page.getByTestId('clear').click();
  await drawSeven(page);
  await expect(page.getByTestId('clean-panel')).toContainText(/Your drawing\. The MLP reads it as \d/);
  await expect(page.getByTestId('verdict')).toContainText(/MLP says \d \(/);

  // FGSM, ε 0.25: one step, and the answer changes.
  await lab(page).getByTestId('play').click();
  await expect(lab(page)).toHaveAttribute('data-status', 'finished');
  await expect(lab(page)).toHaveAttribute('data-fooled', 'true');
  await expect(page.getByTestId('verdict')).toContainText('Fooled');
  await expect(page.getByTestId('eta-stats')).toContainText('Largest change 0.250');

  // PGD: Step takes one iteration at a time (iteration 0 is the random start); → steps too.
  await page.locator('attack-lab [data-key=attack] select').selectOption('pgd');
  await lab(page).getByTestId('reset').click();
  await expect.poll(() => num(page, 'frames')).toBe(0);
  for (const expected of [1, 2, 3]) {
    await lab(page).getByTestId('step').click();
    await expect.poll(() => num(page, 'frames')).toBe(expected);
  }
  await expect(page.getByTestId('counter')).toContainText('PGD iteration 2 of 40');
  await page.locator('attack-lab .lm-figure').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => num(page, 'frames')).toBe(4);

  // The black box: only outputs, and the query count climbs while it plays.
  await page.locator('attack-lab [data-key=attack] select').selectOption('nes');
  await page.getByTestId('digit-14').click();
  await lab(page).getByTestId('reset').click();
  await expect.poll(() => num(page, 'queries')).toBe(0);
  await lab(page).getByTestId('play').click();
  await expect.poll(() => num(page, 'queries'), { timeout: 20_000 }).toBeGreaterThan(0);
  const early = await num(page, 'queries');
  await expect.poll(() => num(page, 'queries'), { timeout: 30_000 }).toBeGreaterThan(early);
  await expect(page.getByTestId('counter')).toContainText(/Queries: [\d,]+/);
  await expect(lab(page)).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });

  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('attack lab: drawing with the keyboard (arrows move, Space paints, Shift+arrows draw, C clears)', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(PAGE);
  await openWidget(page, 'attack-lab');
  const pad = page.getByTestId('draw-pad');
  await pad.focus();
  await page.keyboard.press('c');
  await expect(page.getByTestId('clean-panel')).toContainText('Your drawing');
  const ink = () => pad.evaluate((el) => {
    const c = el.querySelector('canvas') as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
    return dark;
  });
  expect(await ink()).toBe(0);
  // A vertical stroke: move up, then paint downwards with Shift held; Space stamps one more dot.
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 14; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Space');
  expect(await ink()).toBeGreaterThan(20);
  // The keys drew; they did not play or step the figure.
  await expect(page.locator('attack-lab')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('clean-panel')).toContainText(/reads it as \d/);
  expect(seen.errors).toEqual([]);
});

test('robustness curves: FGSM training looks robust to FGSM and collapses under PGD', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#robustness.test-size=100&robustness.pgd-iterations=5&robustness.max-epsilon=0.25`);
  await openWidget(page, 'robustness-curves');
  const widget = page.locator('robustness-curves');
  await widget.getByTestId('play').click();
  // Points appear while it runs, before it is done.
  await expect.poll(async () => Number(await widget.getAttribute('data-points')), { timeout: 30_000 }).toBeGreaterThan(6);
  await expect(widget).toHaveAttribute('data-status', 'finished', { timeout: 90_000 });
  const pct = async (id: string) => Number(((await page.getByTestId(id).textContent()) ?? '').replace('%', ''));
  const fgsmOnFgsmTrained = await pct('acc-mlp-fgsm-fgsm');
  const pgdOnFgsmTrained = await pct('acc-mlp-fgsm-pgd');
  expect(await pct('acc-mlp-clean')).toBeGreaterThan(85);
  expect(await pct('acc-mlp-fgsm')).toBeLessThan(15);
  expect(fgsmOnFgsmTrained).toBeGreaterThan(50);
  expect(pgdOnFgsmTrained).toBeLessThan(15);
  await expect(widget.getByTestId('verdict')).toHaveAttribute('data-state', 'false-robustness');
  expect(await widget.locator('svg.viz path.series').count()).toBeGreaterThanOrEqual(6);
  expect(seen.errors).toEqual([]);
});

test('linearity: the aligned change grows with n, the softmax weights load, play sweeps n', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`${PAGE}#linearity.dimension=10`);
  await openWidget(page, 'linearity-sum');
  const widget = page.locator('linearity-sum');
  const aligned = async () => Number(await widget.getAttribute('data-aligned'));
  const small = await aligned();
  await widget.getByTestId('play').click();
  await expect(widget).toHaveAttribute('data-status', 'finished', { timeout: 20_000 });
  await expect(page.getByTestId('lin-n')).toHaveText('150,528');
  expect(await aligned()).toBeGreaterThan(1000 * small);
  await page.locator('linearity-sum [data-key=weights] select').selectOption('softmax');
  await expect(page.getByTestId('lin-n')).toHaveText('784');
  await expect(page.getByTestId('lin-ratio')).toContainText('×');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('projector mode: the lab fills the screen and F toggles it', async ({ page }) => {
  await page.goto(PAGE);
  await openWidget(page, 'attack-lab');
  await page.locator('attack-lab .lm-figure').focus();
  await page.keyboard.press('f');
  await expect(lab(page)).toHaveClass(/lm-projector/);
  const box = (await lab(page).boundingBox())!;
  expect(box.width).toBeGreaterThan(page.viewportSize()!.width * 0.9);
  await page.keyboard.press('Escape');
  await expect(lab(page)).not.toHaveClass(/lm-projector/);
});

// Lecture scenes (content: ```scenes for=<id>; src/essay/scenes.ts, src/widgets/base/scenes.ts): a
// lecturer opens a scene from its URL or the list under the figure, goes full screen and steps with
// Page Down / Page Up (a clicker); each scene applies its settings and seed in full and shows its
// note large; the URL follows; the list reads without JavaScript.
import { expect, test } from '@playwright/test';
import { openWidget, watchPage } from './helpers';

const value = (page: import('@playwright/test').Page, key: string) => page.locator(`overfit-mlp [data-testid="setting-${key}"] input`).first().inputValue();

test('scenes: a URL opens one, Page Down / Page Up step through them in projector mode, the note is large, the URL follows', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto('/introduction.html#overfit.scene=2');
  await openWidget(page);
  const w = page.locator('overfit-mlp');
  await expect(w.getByTestId('scene-label')).toHaveText('Scene 2 of 4');
  await expect(w.getByTestId('scene-note')).toContainText('Ten times as many digits');
  expect(await value(page, 'train-size')).toBe('1000');

  // Full screen, then the clicker's Page Down: scene 3, its settings, its note, in the URL.
  await w.locator('.lm-figure').focus();
  await page.keyboard.press('f');
  await expect(w).toHaveClass(/lm-projector/);
  await page.keyboard.press('PageDown');
  await expect(w.getByTestId('scene-label')).toHaveText('Scene 3 of 4');
  await expect(w.getByTestId('scene-note')).toContainText('A hundred times as many');
  expect(await value(page, 'train-size')).toBe('10000');
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('overfit.scene=3');
  // At a projector's 1920 × 1080 the note reads from the back of the room (≥ 24 px), and the figure fits.
  await page.setViewportSize({ width: 1920, height: 1080 });
  const noteSize = await w.getByTestId('scene-note').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(noteSize).toBeGreaterThanOrEqual(24);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Scene 4 changes another setting and puts train-size back: a scene is the same every time.
  await page.keyboard.press('PageDown');
  await expect(w.getByTestId('scene-label')).toHaveText('Scene 4 of 4');
  expect(await value(page, 'train-size')).toBe('100');
  expect(await value(page, 'hidden')).toBe('16');
  await expect(w.getByTestId('scene-next')).toBeDisabled();
  await page.keyboard.press('PageUp');
  await expect(w.getByTestId('scene-label')).toHaveText('Scene 3 of 4');
  expect(await value(page, 'hidden')).toBe('256');

  // The scene trains: play, and the step moves.
  const stepOf = async () => Number(((await w.getByTestId('summary').textContent()) ?? '').match(/step\s+([\d,]+)/i)?.[1].replace(/,/g, '') ?? 0);
  await page.keyboard.press('Space');
  await expect(w.getByTestId('play')).toHaveAttribute('data-state', 'playing');
  await expect.poll(stepOf, { timeout: 30_000 }).toBeGreaterThan(0);
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await expect(w).not.toHaveClass(/lm-projector/);

  // The list under the figure links each scene.
  const list = page.locator('details.lm-scenes[data-for="overfit"]');
  await list.locator('summary').click();
  await list.locator('a[href="#overfit.scene=1"]').click();
  await expect(w.getByTestId('scene-label')).toHaveText('Scene 1 of 4');
  expect(await value(page, 'train-size')).toBe('100');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('scenes read without JavaScript, and a page without a scene in its URL starts from the tag as before', async ({ browser, page }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const bare = await context.newPage();
  await bare.goto('/feedback-alignment.html');
  const items = bare.locator('details.lm-scenes[data-for="bp-vs-fa"] li');
  await expect(items).toHaveCount(4);
  await expect(items.nth(2)).toContainText('Three seeds');
  await context.close();

  await page.goto('/introduction.html');
  await openWidget(page);
  const w = page.locator('overfit-mlp');
  await expect(w.getByTestId('scene-label')).toHaveText('4 scenes');
  await expect(w.getByTestId('scene-note')).toBeHidden();
  expect(await value(page, 'train-size')).toBe('100');
});

// Every figure with scenes, on its own page: the URL's scene applies, Page Down moves on, nothing errs.
const WITH_SCENES: [page: string, tag: string, id: string, count: number][] = [
  ['/cnn-pooling.html', 'shift-probe', 'probe', 4],
  ['/adversarial-attacks.html', 'attack-lab', 'lab', 6],
  ['/catastrophic-forgetting.html', 'forgetting-live', 'forgetting', 4],
  ['/feedback-alignment.html', 'fa-compare', 'bp-vs-fa', 4],
  ['/neural-tangent-kernel.html', 'ntk-width', 'ntk-width', 5],
  ['/brains-not-feed-forward.html', 'edge-of-chaos', 'reservoir', 4],
];

for (const [path, tag, id, count] of WITH_SCENES) {
  test(`scenes of #${id} (${path}): the URL's scene applies, Page Down moves on, no errors`, async ({ page }) => {
    const seen = watchPage(page);
    await page.goto(`${path}#${id}.scene=2`);
    await openWidget(page, tag);
    const w = page.locator(tag).first();
    await expect(w.getByTestId('scene-label')).toHaveText(`Scene 2 of ${count}`);
    await w.locator('.lm-figure').focus();
    await page.keyboard.press('PageDown');
    await expect(w.getByTestId('scene-label')).toHaveText(`Scene 3 of ${count}`);
    await expect.poll(() => page.evaluate(() => location.hash)).toContain(`${id}.scene=3`);
    await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
    expect(seen.errors).toEqual([]);
  });
}

test('the presenter’s page lists the scenes; a link opens the figure on its scene', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto('/present.html');
  await expect(page.locator('h1')).toHaveText('Lecture scenes');
  await page.locator('a[href="./feedback-alignment.html#bp-vs-fa.scene=3"]').click();
  await expect(page).toHaveURL(/feedback-alignment\.html#bp-vs-fa\.scene=3/);
  await openWidget(page, 'fa-compare');
  await expect(page.locator('fa-compare').getByTestId('scene-label')).toHaveText('Scene 3 of 4');
  expect(seen.errors).toEqual([]);
});

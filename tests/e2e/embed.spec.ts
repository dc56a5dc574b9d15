// The embed page (src/essay/embed-page.ts): one figure alone for a lecturer's slides or an iframe,
// locked (no settings), projector-sized, the scene's note shown, Space/→/R working without focusing
// it first, and "Open in the essay" to the chapter at the figure in the same state. A malformed
// address lists the figures instead, without errors. A small network (hidden=32 in the hash, which
// the embed keeps beside the scene) keeps the file short on a 2-core machine.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { fr } from '../../src/i18n/fr';
import { watchPage } from './helpers';

const EMBED = '/embed.html?w=bp-vs-fa&scene=2#bp-vs-fa.hidden=32';
const stepOf = async (w: Locator) => Number((await w.getAttribute('data-step')) ?? 0);

test('embed: bp-vs-fa at scene 2 alone, locked, its note shown; Space trains it; "Open in the essay" keeps the state', async ({ page }) => {
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(EMBED);
  const w = page.locator('fa-compare');
  await expect(w).toHaveCount(1);
  await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  // Only that figure: no page header, contents, prose or footer; no other widget.
  expect(await page.locator('.site-header, nav.toc, .site-footer, article').count()).toBe(0);
  await expect(page.locator('[data-embed-index]')).toBeHidden();
  expect(await page.evaluate(() => [...document.body.querySelectorAll('*')].filter((el) => el.hasAttribute('data-lm-embed') || el.tagName.endsWith('-COMPARE')).length)).toBe(1);
  await expect(page).toHaveTitle(/^Backprop.*Local Minimum$/);
  // Projector-sized: it fills the window's width, with large type.
  await expect(w).toHaveClass(/lm-projector/);
  const box = (await w.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(1280 * 0.95);
  // Locked: no settings, no settings button, no projector, no export; the scene's note is shown.
  for (const id of ['settings-toggle', 'projector', 'export-png', 'scene-next']) await expect(w.getByTestId(id)).toBeHidden();
  await expect(w.locator('.lm-settings')).toBeHidden();
  await expect(w.getByTestId('scene-note')).toBeVisible();
  await expect(w.getByTestId('scene-note')).toContainText('Backprop and feedback alignment alone');
  // Scene 2's settings (only BP and FA) with the hash's hidden=32 beside them.
  const sums = JSON.parse((await w.getByTestId('same-start').getAttribute('data-checksums')) ?? '[]') as string[][];
  expect(sums[0]).toHaveLength(2);

  // Space, with the focus on the page (as in slides): it plays, and the step count rises.
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'playing');
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThan(20);
  await page.keyboard.press('Space');
  await expect(w).not.toHaveAttribute('data-status', 'playing');
  const paused = await stepOf(w);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => stepOf(w)).toBeGreaterThan(paused);
  // F and Page Down are left to the page (slides): no projector overlay, still scene 2.
  await page.keyboard.press('f');
  await page.keyboard.press('PageDown');
  await expect(w).not.toHaveClass(/lm-overlay/);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('bp-vs-fa.scene=2');

  // "Open in the essay": the chapter, at the figure, in the same state.
  const open = page.getByRole('link', { name: /^Open in the essay/ });
  await expect(open).toBeVisible();
  const [chapter] = await Promise.all([page.waitForEvent('popup'), open.click()]);
  await expect(chapter).toHaveURL(/\/feedback-alignment\.html#.*bp-vs-fa\.scene=2/);
  expect(new URL(chapter.url()).hash).toContain('bp-vs-fa.hidden=32');
  const there = chapter.locator('fa-compare');
  await expect(there).toBeInViewport({ timeout: 15_000 });
  await expect(there).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await expect(there.getByTestId('scene-label')).toHaveText('Scene 2 of 4');
  expect(await there.locator('[data-testid="setting-hidden"] input').first().inputValue()).toBe('32');
  await expect(there.locator('.lm-settings')).toBeVisible();
  await chapter.close();
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

// The French edition's own embed page: what a French page's Embed link copies (unit-tested in
// tests/unit/widgets/export-embed-link.test.ts). Its note is read from content/fr/, so translators may edit it.
test('embed, in French: fr/embed.html shows the figure in French (page, controls, scene note) and it trains', async ({ page }) => {
  const seen = watchPage(page);
  await page.goto(`/fr${EMBED}`);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  const w = page.locator('fa-compare');
  await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await expect(page).toHaveTitle(/^Rétropropagation.*Local Minimum$/);
  await expect(w.getByTestId('play')).toHaveText(fr.Play);
  const note = /```scenes for=bp-vs-fa\n(?:.*\n)(.*)\n/.exec(readFileSync('content/fr/05-feedback-alignment.md', 'utf8'))![1].split('|')[1].trim();
  // (Up to an apostrophe, which the typographer may curl.)
  await expect(w.getByTestId('scene-note')).toContainText(note.split(/['’]/)[0].slice(0, 30));
  await page.keyboard.press('Space');
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('link', { name: /^Ouvrir dans l’essai/ })).toHaveAttribute('href', /^\.\/feedback-alignment\.html#/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('embed: an unknown or malformed address lists the figures with a message, and no error', async ({ page }) => {
  const seen = watchPage(page);
  for (const [address, message] of [
    ['/embed.html?w=nope&scene=2', /no figure named “nope”/],
    ['/embed.html?w=bp-vs-fa&scene=99', /scenes 1 to 4; scene=99/],
    ['/embed.html?w=%3Cscript%3E&scene=%00', /no figure named “<script>”/],
  ] as const) {
    await page.goto(address);
    await expect(page.locator('[data-embed-message]')).toHaveText(message);
    await expect(page.getByRole('heading', { name: 'Embed a figure', level: 1 })).toBeVisible();
    expect(await page.locator('ul.embed-list a[href^="./embed.html?w="]').count()).toBeGreaterThan(20);
    expect(await page.locator('[data-embed-slot] *').count()).toBe(0);
  }
  // A figure from the list opens.
  await page.locator('a[href="./embed.html?w=overfit"]').click();
  await expect(page.locator('overfit-mlp')).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await page.waitForTimeout(500);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('embed: works inside an iframe on another page of the site; a figure’s "Embed link" copies its address', async ({ page, context }) => {
  const seen = watchPage(page);
  await page.goto('/index.html');
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'Backprop vs feedback alignment';
    frame.width = '960';
    frame.height = '540';
    document.body.prepend(frame);
  }, EMBED.slice(1));
  const inner = page.frameLocator('iframe[title="Backprop vs feedback alignment"]');
  const w = inner.locator('fa-compare');
  await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await expect(w.getByTestId('scene-note')).toContainText('Backprop and feedback alignment alone');
  // A click on the figure (as a lecturer does in slides), then Space.
  await w.getByTestId('scene-note').click();
  await page.keyboard.press('Space');
  await expect(w).toHaveAttribute('data-status', 'playing');
  await expect.poll(() => stepOf(w), { timeout: 60_000 }).toBeGreaterThan(0);
  await w.getByTestId('play').click();
  await expect(w).not.toHaveAttribute('data-status', 'playing');

  // From the chapter: the export group's "Embed link" copies the figure's embed address and state.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/feedback-alignment.html#bp-vs-fa.hidden=32&bp-vs-fa.seeds=2');
  const fig = page.locator('fa-compare');
  await fig.scrollIntoViewIfNeeded();
  await expect(fig).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await expect(fig.getByRole('button', { name: 'Embed link' })).toBeVisible();
  const button = fig.getByTestId('export-embed');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/\/embed\.html\?w=bp-vs-fa#/);
  expect(copied).toContain('bp-vs-fa.seeds=2');
  await page.goto(copied);
  await expect(page.locator('fa-compare')).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  expect(await page.locator('fa-compare').getByTestId('same-start').getAttribute('data-checksums').then((s) => (JSON.parse(s ?? '[]') as unknown[]).length)).toBe(2);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('embed: every figure of the essay loads alone (at its first scene where it has scenes), no wider than the window, without errors', async ({ page }) => {
  test.setTimeout(300_000);
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/embed.html');
  const figures = await page.evaluate(() => [...document.querySelectorAll<HTMLTemplateElement>('template[data-embed]')].map((t) => [t.dataset.embed!, t.dataset.scenes!] as const));
  expect(figures.length).toBeGreaterThan(20);
  const errorsBy: string[] = [];
  for (const [id, scenes] of figures) {
    const before = seen.errors.length;
    await page.goto(`/embed.html?w=${id}${scenes !== '0' ? '&scene=1' : ''}`);
    await expect(page.locator(`[data-lm-embed]#${id}`), id).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 90_000 });
    if (scenes !== '0') await expect(page.locator(`#${id}`).getByTestId('scene-note'), id).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), id).toBeLessThanOrEqual(1280);
    errorsBy.push(...seen.errors.slice(before).map((e) => `${id}: ${e}`));
  }
  // Each error names the figure whose page it came from (an error can land after the next page opened).
  expect(errorsBy).toEqual([]);
  expect(seen.errors).toEqual([]);
});

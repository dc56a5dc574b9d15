import { expect, test } from '@playwright/test';
import { watchPage } from './helpers';

const pages = ['/', '/introduction.html'];

for (const path of pages) {
  test(`${path} loads with no console errors and no request to another origin`, async ({ page }) => {
    const seen = watchPage(page);
    await page.goto(path);
    await expect(page.locator('h1').first()).toBeVisible();
    // Let lazy widgets and the worker start where the page has them.
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(2500);
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
  });
}

test('the landing page lists the chapters in order and links to them', async ({ page }) => {
  await page.goto('/');
  const link = page.locator('a[href*="introduction"]').first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/introduction/);
  await expect(page.locator('h1')).toContainText('local minimum');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });
  test('the Introduction reads: typeset math, contents, references and a widget fallback', async ({ page }) => {
    await page.goto('/introduction.html');
    await expect(page.locator('h1')).toContainText('local minimum');
    expect(await page.locator('.katex').count()).toBeGreaterThan(5);
    expect(await page.locator('.katex-error').count()).toBe(0);
    await expect(page.locator('nav').filter({ hasText: /contents/i }).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: /references/i })).toBeVisible();
    await expect(page.locator('overfit-mlp')).toContainText(/Overfitting, live/);
    // (Playwright's JS-off mode keeps the parser's scripting flag, so <noscript> stays unrendered here.)
    expect(await page.locator('overfit-mlp noscript').innerHTML()).toMatch(/needs JavaScript/);
  });
});

// prefers-reduced-motion: a reader who asks their system for less motion gets a page where nothing
// animates or glides and no widget starts playing by itself (the `autoplay` attribute is ignored;
// Play still works). The same page without the setting autoplays, so the attribute is really read.
import { expect, test, type Page } from '@playwright/test';

/** Marks the intro's widget `autoplay` as the parser creates it, before its code loads. */
async function openAutoplaying(page: Page): Promise<void> {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const w = document.querySelector('overfit-mlp');
      if (w) {
        w.setAttribute('autoplay', '');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/introduction.html');
  await page.locator('overfit-mlp').scrollIntoViewIfNeeded();
}

test('reduce motion: no autoplay, no animations or smooth scrolling; Play still plays', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openAutoplaying(page);
  const w = page.locator('overfit-mlp');
  await expect(w).toHaveAttribute('autoplay', '');
  await expect(w).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.waitForTimeout(2000);
  await expect(w).toHaveAttribute('data-status', 'ready');
  await expect(w.getByTestId('status')).toHaveText('Paused · step 0');
  const motion = await page.evaluate(() => ({
    running: document.getAnimations().filter((a) => a.playState === 'running').length,
    scroll: getComputedStyle(document.documentElement).scrollBehavior,
    animation: getComputedStyle(document.body).animationDuration,
    transition: getComputedStyle(document.body, '::before').transitionDuration,
  }));
  expect(motion).toEqual({ running: 0, scroll: 'auto', animation: '1e-05s', transition: '1e-05s' });
  await w.getByTestId('play').click();
  await expect(w).toHaveAttribute('data-status', 'playing');
});

test('without the setting, the same autoplay attribute plays the widget by itself', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await openAutoplaying(page);
  await expect(page.locator('overfit-mlp')).toHaveAttribute('data-status', 'playing', { timeout: 60_000 });
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('smooth');
});

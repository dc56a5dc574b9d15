import { expect, test } from '@playwright/test';
import { chapterPages } from './pages';

/**
 * Figures reserve about their final height before their code and data arrive (widget.css), so
 * the text does not jump while the reader scrolls past them. Measured as the browser's cumulative
 * layout shift while every figure on the page is scrolled into view and loads, on a laptop-wide
 * and a phone-wide viewport; 0.1 is the web's threshold for a "good" page.
 */
for (const name of chapterPages) {
  for (const width of [1280, 390]) {
    test(`${name} at ${width}px: figures load without shifting the page (CLS < 0.1)`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/${name}.html`);
      const shift = await page.evaluate(async () => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        const tags = [...new Set([...document.querySelectorAll('article *')].map((el) => el.tagName.toLowerCase()).filter((t) => t.includes('-')))];
        for (const tag of tags) {
          const el = document.querySelector(tag) as HTMLElement;
          el.scrollIntoView();
          const start = performance.now();
          while (!/ready|playing|finished|error/.test(el.getAttribute('data-status') ?? '') && performance.now() - start < 120_000) await new Promise((r) => setTimeout(r, 50));
          await new Promise((r) => setTimeout(r, 300));
        }
        return total;
      });
      expect(shift).toBeLessThan(0.1);
    });
  }
}

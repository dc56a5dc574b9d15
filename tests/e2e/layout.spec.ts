import { expect, test, type Page } from '@playwright/test';
import { cutLabels } from './helpers';
import { chapterPages } from './pages';

const MIN = 44;

/** Controls whose target (the control, or for a box the label around it) is under 44 px either way. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>('button, select, input:not([type="hidden"]), [role="button"], [role="slider"]');
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (closed help, hidden state)
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const label = el.closest('label');
      const target = label ? label.getBoundingClientRect() : box;
      const w = Math.max(target.width, box.width);
      const h = Math.max(target.height, box.height);
      if (w < min - 0.5 || h < min - 0.5) {
        const widget = el.closest('.lm-widget')?.tagName.toLowerCase() ?? 'page';
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 20) ?? '';
        out.push(`${widget} ${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''}.${el.className} "${name}" ${Math.round(w)}×${Math.round(h)}`);
      }
    }
    return out;
  }, MIN);
}

/** The page's width at 360 px, and its controls under 44 px. */
async function phoneCheck(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
  expect(overflow.scroll, 'page width at 360 px').toBeLessThanOrEqual(overflow.view);
  expect(await smallTargets(page)).toEqual([]);
}

test('the landing page at 360 px: no sideways scroll, every control a 44 px target', async ({ page }) => {
  await page.goto('/index.html');
  await phoneCheck(page);
});

/**
 * Figures reserve about their final height before their code and data arrive (widget.css), so
 * the text does not jump while the reader scrolls past them. Measured as the browser's cumulative
 * layout shift while every figure on the page is scrolled into view and loads, on a laptop-wide
 * and a phone-wide viewport; 0.1 is the web's threshold for a "good" page.
 *
 * No text in a figure is cut to an ellipsis. Then, on the phone, narrowed to 360 px (the narrowest common phone): the page scrolls only down,
 * never sideways, and every control a finger uses (buttons, checkboxes and radio buttons with their
 * labels, selects, sliders, number boxes) offers a target of at least 44 × 44 px (WCAG 2.5.5;
 * src/widgets/base/touch.css).
 */
for (const name of chapterPages) {
  for (const width of [1280, 390]) {
    const phone = width === 390 ? '; at 360 px no sideways scroll, every control a 44 px target' : '';
    test(`${name} at ${width}px: figures load without shifting the page (CLS < 0.1)${phone}`, async ({ page }) => {
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
      // Every label and name whole: none cut to an ellipsis.
      expect(await cutLabels(page)).toEqual([]);
      if (phone) await phoneCheck(page);
    });
  }
}

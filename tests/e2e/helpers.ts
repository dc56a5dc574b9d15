import { expect, type Locator, type Page } from '@playwright/test';

/** Collects console errors, page errors and any request that leaves the site's origin. */
export function watchPage(page: Page, origin = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`) {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return { errors, foreign };
}

/** Reads a percentage such as "91.2%" from a stat element. */
/** A percentage shown at `testId`, in `scope`: pass the widget's locator on a page with several figures (figures near the fold load too). */
export async function readPercent(page: Page | Locator, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const match = text.match(/(-?\d+(?:\.\d+)?)\s*%/);
  return match ? Number(match[1]) : NaN;
}

export async function widgetStatus(page: Page, tag = 'overfit-mlp'): Promise<string | null> {
  return page.locator(tag).first().getAttribute('data-status');
}

/** Scrolls the widget into view and waits until its code has loaded and the worker is ready. */
export async function openWidget(page: Page, tag = 'overfit-mlp'): Promise<void> {
  const widget = page.locator(tag).first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
}

/** Text in the figures cut to an ellipsis (a label, a name too long for its box): "figure: text". */
export function cutLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.lm-widget *')]
      .filter((el) => el.offsetParent !== null && getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.closest('.lm-widget')?.closest('[id]')?.id ?? '?'}: ${(el.textContent ?? '').trim().slice(0, 60)}`),
  );
}

import { expect, test } from '@playwright/test';

/**
 * Issue 17, "first numbers": a figure loads as the reader approaches it, not once it is on screen.
 * With it 1.2 screen heights below the fold (inside the scheduler's 1.5-screen pre-warm margin) it
 * builds its run and draws its first numbers while still out of view, and it does not train there.
 * How fast is measured by `npm run bench:first` (bench/FIRST.md), not here.
 */
for (const [page, id] of [
  ['feedback-alignment', 'bp-vs-fa'],
  ['feedback-alignment', 'eqprop'],
  ['introduction', 'overfit'],
] as const) {
  test(`${page}: #${id} shows its first numbers before it is scrolled into view`, async ({ page: p }) => {
    await p.goto(`/${page}.html`);
    await p.evaluate((figure) => {
      const el = document.getElementById(figure) as HTMLElement;
      scrollTo({ top: Math.max(0, el.getBoundingClientRect().top + scrollY - 2.2 * innerHeight), behavior: 'instant' });
    }, id);
    const figure = p.locator(`#${id}`);
    await expect(figure).not.toBeInViewport();
    await expect(figure).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await expect(figure).not.toBeInViewport();
    expect(Number((await figure.getAttribute('data-step')) ?? '0')).toBe(0);
  });
}

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

/**
 * A warm visit: a figure's first evaluation is remembered (src/runtime/snapshots.ts), so the second
 * visit shows it before the worker has even fetched the data its run needs; once the data comes the
 * figure goes on exactly as on the first visit (the same numbers) and trains. ff's first look scores
 * a fifth of the test digits and eqprop's first angle sweep is partial: both must end where the first
 * visit did.
 */
test('feedback-alignment, a second visit: first numbers before the data arrives, then the first visit’s numbers, then training', async ({ page, context }) => {
  const ids = ['bp-vs-fa', 'ff', 'eqprop'];
  const summary = (id: string) => page.locator(`#${id} [data-testid=summary]`);
  /** The summary once it has stopped changing (it is written at most every 2 s). */
  const settled = async (id: string) => {
    let last = await summary(id).textContent();
    for (let same = 0, k = 0; same < 5 && k < 60; k++) {
      await page.waitForTimeout(500);
      const now = await summary(id).textContent();
      same = now === last ? same + 1 : 0;
      last = now;
    }
    return last;
  };
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/feedback-alignment.html');
  const first: Record<string, string | null> = {};
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await expect(page.locator(`#${id}`)).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    first[id] = await settled(id);
    expect(first[id]).toMatch(/step 0\b/);
  }

  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked = 0;
  await context.route('**/data/*.gz', async (route) => {
    asked++;
    await held;
    await route.continue();
  });
  await page.goto('about:blank');
  await page.goto('/feedback-alignment.html');
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await expect(page.locator(`#${id}`)).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    await expect(summary(id)).toContainText('step 0');
  }
  expect(asked).toBeGreaterThan(0);
  release();
  for (const id of ids) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    expect(await settled(id)).toBe(first[id]);
  }
  const figure = page.locator('#bp-vs-fa');
  await figure.scrollIntoViewIfNeeded();
  await figure.getByRole('button', { name: /play/i }).first().click();
  await expect.poll(async () => Number((await figure.getAttribute('data-step')) ?? '0'), { timeout: 60_000 }).toBeGreaterThan(0);
});

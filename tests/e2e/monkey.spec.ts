import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './helpers';
import { chapterPages } from './pages';

/**
 * A seeded monkey per chapter page: after every figure has loaded, fire MONKEY_EVENTS (500 in CI;
 * e.g. MONKEY_EVENTS=5000 for a nightly run, MONKEY_SEED for another walk) UI events at the figures
 * as fast as a hurried reader: clicks on buttons and boxes, sliders moved to random values, selects,
 * seeds (some malformed), the keys Space / → / R / F / Esc / N, scrolls. Then: no console or page
 * error, no figure ever in an error (and none left that its Retry cannot clear), and the main thread's heap after a
 * garbage collection within 2× what it was before the walk. The figures' lines go to the test's output.
 */
const EVENTS = Number(process.env.MONKEY_EVENTS ?? 500);
const SEED = Number(process.env.MONKEY_SEED ?? 1);

/** Main-thread JS heap after a full garbage collection (Chromium's DevTools protocol). */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/** Scroll every figure into view once and wait (briefly) for each to load. */
async function loadFigures(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const figures = [...document.querySelectorAll<HTMLElement>('article *')].filter((el) => el.tagName.includes('-'));
    for (const el of figures) {
      el.scrollIntoView();
      const start = performance.now();
      while (!/ready|playing|finished|error|diverged/.test(el.dataset.status ?? '') && performance.now() - start < 8_000) await new Promise((r) => setTimeout(r, 50));
    }
    return figures.length;
  });
}

/** The walk, in the page: returns how many events of each kind it fired. */
function walk({ events, seed }: { events: number; seed: number }): Promise<Record<string, number>> {
  let s = seed >>> 0 || 1;
  const rand = () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(rand() * xs.length)] : undefined);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const counts: Record<string, number> = {};
  let fired = 0;
  const count = (kind: string) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    fired++;
  };
  const widgets = () => [...document.querySelectorAll<HTMLElement>('.lm-widget')];
  const within = <T extends Element>(w: HTMLElement, selector: string) => [...w.querySelectorAll<T>(selector)].filter((el) => !(el as unknown as HTMLButtonElement).disabled);
  const SEEDS = ['7', '0', '4294967295', '-3', '1e99', 'abc', '', '12.5'];
  const KEYS = [' ', 'ArrowRight', 'r', 'R', 'f', 'F', 'Escape', 'n', 'N'];
  return (async () => {
    // Until `events` have fired (a pick may find no control of its kind in that figure).
    for (let tries = 0; fired < events && tries < events * 20; tries++) {
      const w = pick(widgets());
      if (!w) break;
      const r = rand();
      if (r < 0.3) {
        // Buttons: transport, states (Retry, Defaults), gallery, projector… never the downloads.
        const b = pick(within<HTMLButtonElement>(w, 'button:not([data-testid^="export"])'));
        if (b) {
          b.click();
          count('click');
        }
      } else if (r < 0.42) {
        const box = pick(within<HTMLInputElement>(w, 'input[type="checkbox"]'));
        if (box) {
          box.click();
          count('checkbox');
        }
      } else if (r < 0.62) {
        const slider = pick(within<HTMLInputElement>(w, 'input[type="range"]'));
        if (slider) {
          const [min, max] = [Number(slider.min || 0), Number(slider.max || 100)];
          slider.value = String(min + rand() * (max - min));
          slider.dispatchEvent(new Event('input', { bubbles: true }));
          if (rand() < 0.7) slider.dispatchEvent(new Event('change', { bubbles: true }));
          count('slider');
        }
      } else if (r < 0.72) {
        const select = pick(within<HTMLSelectElement>(w, 'select'));
        if (select && select.options.length) {
          select.selectedIndex = Math.floor(rand() * select.options.length);
          select.dispatchEvent(new Event('change', { bubbles: true }));
          count('select');
        }
      } else if (r < 0.77) {
        const seed = pick(within<HTMLInputElement>(w, 'input[type="number"]'));
        if (seed) {
          seed.value = pick(SEEDS)!;
          seed.dispatchEvent(new Event('change', { bubbles: true }));
          count('seed');
        }
      } else if (r < 0.94) {
        const target = pick([w.querySelector<HTMLElement>('.lm-figure'), ...within<HTMLElement>(w, 'button, input, select')].filter((x): x is HTMLElement => !!x)) ?? w;
        target.dispatchEvent(new KeyboardEvent('keydown', { key: pick(KEYS)!, bubbles: true, cancelable: true }));
        count('key');
      } else {
        if (rand() < 0.5) w.scrollIntoView({ block: 'center' });
        else window.scrollBy(0, (rand() - 0.5) * 3000);
        count('scroll');
      }
      // Fast: most events back to back, some after a moment (so runs start, train and restart meanwhile).
      if (rand() < 0.25) await sleep(rand() * 40);
    }
    return counts;
  })();
}

for (const [index, name] of chapterPages.entries()) {
  test(`monkey: ${EVENTS} seeded UI events on ${name} leave no error, no stuck figure, no heap growth`, async ({ page }) => {
    test.setTimeout(60_000 + EVENTS * 60);
    const seen = watchPage(page);
    await page.goto(`/${name}.html`);
    await expect(page.locator('h1').first()).toBeVisible();
    const figures = await loadFigures(page);
    const heapStart = await heapAfterGc(page);
    // Every error a figure shows during the walk (Retry then clears it; these are for the log).
    await page.evaluate(() => {
      const log: string[] = ((window as unknown as { __monkeyErrors: string[] }).__monkeyErrors = []);
      new MutationObserver((records) => {
        for (const r of records) {
          const w = r.target as HTMLElement;
          if (w.dataset.status === 'error') log.push(`${w.tagName.toLowerCase()}: ${w.querySelector('[data-testid="state"] p')?.textContent}`);
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
    });

    const counts = await page.evaluate(walk, { events: EVENTS, seed: SEED * 1000 + index });
    const fired = Object.values(counts).reduce((a, b) => a + b, 0);
    await page.waitForTimeout(1500);

    // Every figure in an error state gets Retry (clicked again while a retry is still in flight):
    // none may stay there.
    const stuck = await page.evaluate(async () => {
      const failed = () => [...document.querySelectorAll<HTMLElement>('.lm-widget')].filter((w) => w.dataset.status === 'error');
      const before = failed().map((w) => `${w.tagName.toLowerCase()}: ${w.querySelector('[data-testid="state"] p')?.textContent}`);
      const end = performance.now() + 20_000;
      while (failed().length && performance.now() < end) {
        for (const w of failed()) w.querySelector<HTMLButtonElement>('[data-testid="state"] [data-testid="retry"]')?.click();
        await new Promise((r) => setTimeout(r, 500));
      }
      return { before, after: failed().map((w) => `${w.tagName.toLowerCase()}: ${w.querySelector('[data-testid="state"]')?.textContent}`) };
    });
    // Pause everything, so the heap is measured at rest.
    await page.evaluate(() => {
      for (const w of document.querySelectorAll<HTMLElement>('.lm-widget')) if (w.dataset.status === 'playing') w.querySelector<HTMLButtonElement>('[data-testid="play"]')?.click();
    });
    await page.waitForTimeout(500);
    const heapEnd = await heapAfterGc(page);
    const shown = await page.evaluate(() => (window as unknown as { __monkeyErrors: string[] }).__monkeyErrors);
    const mb = (b: number) => (b / 1e6).toFixed(1);
    console.log(`monkey ${name}: ${figures} figures, ${fired} events ${JSON.stringify(counts)}, ${seen.errors.length} errors, figure errors shown ${shown.length} ${JSON.stringify([...new Set(shown)].slice(0, 3))}, left for Retry ${stuck.before.length} (stuck ${stuck.after.length}), heap ${mb(heapStart)} → ${mb(heapEnd)} MB`);

    expect(fired).toBe(EVENTS);
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
    expect(stuck.after).toEqual([]);
    // Stricter than "Retry clears it": nothing a reader does should put a figure in an error at all,
    // apart from the errors that are the figure's answer to the settings (all rules unticked).
    const INTENDED = /switch on at least one learning rule/;
    expect(shown.filter((e) => !INTENDED.test(e))).toEqual([]);
    expect(heapEnd).toBeLessThan(2 * heapStart);
  });
}

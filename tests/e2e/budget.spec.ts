import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { chapterPages } from './pages';

/**
 * The foundation's budget: a chapter page's JavaScript + WASM ≤ 300 KB gzipped (data and fonts
 * excluded). Measured as a reader gets it: every widget on the page scrolled into view and loaded
 * (so every lazily imported chunk and the worker's code count), each file gzipped at level 9 from
 * the built site. 300 KB is 300,000 bytes, not 300 KiB.
 */
const BUDGET_BYTES = 300_000;


for (const name of chapterPages) {
  test(`${name}: JavaScript + WASM downloaded ≤ 300 KB gzipped with every widget loaded`, async ({ page }) => {
    test.setTimeout(240_000);
    const paths = new Set<string>();
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (/\.(js|mjs|wasm)$/.test(path)) paths.add(path);
    });
    await page.goto(`/${name}.html`);
    // Every custom element in the article is a widget (the essay plugin checks the tags at build time).
    const tags = await page.evaluate(() => [...new Set([...document.querySelectorAll('article *')].map((el) => el.tagName.toLowerCase()).filter((t) => t.includes('-')))]);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      const count = await page.locator(tag).count();
      for (let i = 0; i < count; i++) {
        const widget = page.locator(tag).nth(i);
        await widget.scrollIntoViewIfNeeded();
        await expect(widget).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 120_000 });
      }
    }
    let total = 0;
    const sizes: string[] = [];
    for (const path of paths) {
      const bytes = await readFile(join('dist', decodeURIComponent(path)));
      const gz = gzipSync(bytes, { level: 9 }).length;
      total += gz;
      sizes.push(`${path} ${gz}`);
    }
    console.log(`${name}: ${total} bytes gzipped in ${paths.size} files\n  ${sizes.join('\n  ')}`);
    expect(paths.size).toBeGreaterThan(0);
    expect(total, sizes.join('\n')).toBeLessThanOrEqual(BUDGET_BYTES);
  });
}

// Figure export for slides (widgets/base/export.ts → viz/export.ts): on every chapter, the first
// figure with an export group downloads a PNG at least twice the size the chart is shown at (sharp on
// a projector or a retina slide), with something drawn in it, and a well-formed standalone SVG.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchPage } from './helpers';
import { chapterPages } from './pages';

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function download(page: Page, button: Locator): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFile((await file.path())!);
}

/** The first figure on the page that has an export group, loaded and a few steps in. */
async function firstExportable(page: Page): Promise<Locator> {
  const tags = await page.evaluate(() => [...document.querySelectorAll('article *')].filter((el) => el.tagName.includes('-')).map((el) => el.tagName.toLowerCase()));
  for (const [i, tag] of tags.entries()) {
    const w = page.locator(tag).nth(tags.slice(0, i).filter((t) => t === tag).length);
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 90_000 });
    if (!(await w.getByTestId('export-png').isVisible())) continue;
    const step = w.getByTestId('step').first();
    for (let k = 0; k < 3 && (await step.isVisible()) && (await step.isEnabled()); k++) await step.click();
    await page.waitForTimeout(800);
    return w;
  }
  throw new Error('no figure with an export group');
}

/** Downloads the figure's PNG and SVG and checks them against the charts as shown. */
async function checkExport(page: Page, w: Locator, label: string): Promise<void> {
    const tag = await w.evaluate((el) => el.tagName.toLowerCase());
    // The charts as shown: the widest and the tallest chart (SVG or canvas) in the figure's stage.
    const shown = await w.evaluate((el) => {
      const charts = [...el.querySelectorAll('.lm-stage svg, .lm-stage canvas')].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 40 && r.height > 40);
      return { width: Math.max(...charts.map((r) => r.width)), height: Math.max(...charts.map((r) => r.height)) };
    });

    const png = await download(page, w.getByTestId('export-png'));
    const size = pngSize(png);
    console.log(`${label} <${tag}>: PNG ${size.width}×${size.height} px; largest chart shown ${Math.round(shown.width)}×${Math.round(shown.height)} CSS px`);
    expect(size.width, `${tag} PNG width`).toBeGreaterThanOrEqual(2 * shown.width);
    expect(size.height, `${tag} PNG height`).toBeGreaterThanOrEqual(2 * shown.height);
    // Not blank: a fair share of its pixels differ from the background (the top-left corner's colour).
    const drawn = await page.evaluate(async (base64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${base64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let differ = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - data[0]) + Math.abs(data[i + 1] - data[1]) + Math.abs(data[i + 2] - data[2]) > 30) differ++;
      return differ / (data.length / 4);
    }, png.toString('base64'));
    expect(drawn, `${tag} PNG: share of drawn pixels`).toBeGreaterThan(0.005);

    const svg = (await download(page, w.getByTestId('export-svg'))).toString('utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: root.localName, ns: root.namespaceURI, shapes: root.querySelectorAll('path, line, rect, circle, text, image, polyline').length, vars: /var\(--/.test(text) };
    }, svg);
    expect(parsed).toMatchObject({ error: null, root: 'svg', ns: 'http://www.w3.org/2000/svg', vars: false });
    expect(parsed.shapes).toBeGreaterThanOrEqual(3);
}

for (const name of chapterPages) {
  test(`${name}: PNG export is ≥ 2× the chart's size on screen and not blank; SVG export is a valid SVG`, async ({ page }) => {
    test.setTimeout(180_000);
    const seen = watchPage(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/${name}.html`);
    await checkExport(page, await firstExportable(page), name);
    expect(seen.errors).toEqual([]);
  });
}

test('projector mode on a 1920 × 1080 screen: the comparison’s PNG is still ≥ 2× its charts as shown', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watchPage(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/feedback-alignment.html#bp-vs-fa.hidden=32');
  const w = page.locator('fa-compare');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 90_000 });
  await w.getByTestId('step').click();
  await w.getByTestId('projector').click();
  await expect(w).toHaveClass(/lm-projector/);
  await page.waitForTimeout(800);
  await checkExport(page, w, 'feedback-alignment (projector, 1920 px)');
  expect(seen.errors).toEqual([]);
});

// Projector mode (issue 17; src/widgets/base/projector.ts, projector.css): every figure, full screen
// with its settings folded, on a 1920×1080 and a 1280×720 screen, in the light and the dark colour
// scheme. For each figure it measures
//   - fit: the projector container does not scroll (its content height ≤ the viewport), no region
//     inside it scrolls, and no text lies outside the screen (nothing cut off);
//   - type: the smallest rendered font size of any visible text, HTML and SVG <text> alike (an SVG
//     text's computed font size × the scale its screen CTM gives it); 24 px at 1080 lines, in
//     proportion below (16 px at 720);
//   - contrast: each text's colour (SVG: its fill) against its effective background (the nearest
//     opaque backgrounds behind it, blended), ≥ 4.5:1, or ≥ 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold).
// Text drawn on a canvas cannot be measured and is not drawn by these figures' type.
// The table of every figure is written to test-results/projector-<page>.json ($PROJECTOR_OUT/…) and printed.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chapterPages } from './pages';

/**
 * Figures not yet laid out for projector mode (issue 17 is done figure by figure): measured and
 * reported like the rest, but their failures are not asserted. Remove a figure once it passes.
 */
const PENDING = new Set<string>(process.env.PROJECTOR_ALL ? [] : []);

/**
 * Pending figures are measured only on request (`PROJECTOR_PENDING=1` reports them, `PROJECTOR_ALL=1`
 * asserts them): measuring them in CI asserted nothing and cost two of its minutes. Pages whose
 * figures are all pending get no test until one passes.
 */
const MEASURE_PENDING = Boolean(process.env.PROJECTOR_ALL || process.env.PROJECTOR_PENDING);
const ALL_PENDING_PAGES = new Set<string>([]);

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

interface Measure {
  fits: boolean;
  overflow: string[];
  minFont: number;
  smallest: string;
  minContrast: number;
  worst: string;
}

/** Measures one widget in projector mode (run in the page). */
function measure(page: Page, tag: string): Promise<Measure> {
  return page.evaluate(
    (tag) => {
      const el = document.querySelector(tag) as HTMLElement;
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      const overflow: string[] = [];
      const name = (e: Element) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}${typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}`;
      const box = el.getBoundingClientRect();
      if (el.scrollHeight > el.clientHeight + 1) overflow.push(`widget scrolls ${el.scrollHeight} > ${el.clientHeight}`);
      if (el.scrollWidth > el.clientWidth + 1) overflow.push(`widget scrolls sideways ${el.scrollWidth} > ${el.clientWidth}`);
      if (box.bottom > vh + 1 || box.right > vw + 1) overflow.push(`widget ${Math.round(box.width)}×${Math.round(box.height)} beyond the screen`);
      for (const inner of el.querySelectorAll<HTMLElement>('*')) {
        const s = getComputedStyle(inner);
        if (!/(auto|scroll)/.test(s.overflowY + s.overflowX)) continue;
        if (inner.getClientRects().length === 0) continue;
        if ((/(auto|scroll)/.test(s.overflowY) && inner.scrollHeight > inner.clientHeight + 1) || (/(auto|scroll)/.test(s.overflowX) && inner.scrollWidth > inner.clientWidth + 1)) {
          overflow.push(`${name(inner)} scrolls`);
        }
      }

      // Colours: any CSS colour → [r, g, b, a] through a canvas.
      const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
      const rgba = (css: string): [number, number, number, number] => {
        const m = css.match(/^rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\)$/);
        if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : +m[4]];
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = '#000';
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const d = ctx.getImageData(0, 0, 1, 1).data;
        return [d[0], d[1], d[2], d[3] / 255];
      };
      const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a: number[], b: number[]) => {
        const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05);
      };
      /** The background behind an element: its ancestors' background colours, blended from the root. */
      const background = (start: Element): number[] => {
        const layers: number[][] = [];
        for (let e: Element | null = start; e; e = e.parentElement) {
          if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) continue;
          const c = rgba(getComputedStyle(e).backgroundColor);
          if (c[3] > 0) layers.push(c);
          if (c[3] >= 1) break;
        }
        let bg = [255, 255, 255];
        for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
        return bg;
      };
      const hiddenBy = (e: Element): boolean => {
        for (let a: Element | null = e; a && a !== el.parentElement; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.visibility === 'hidden' || s.display === 'none' || s.opacity === '0') return true;
          if (s.clip === 'rect(0px, 0px, 0px, 0px)' || a.classList.contains('lm-visually-hidden')) return true;
        }
        return false;
      };

      /**
       * An SVG's filled shapes in paint order, with their boxes and colours, read once per measure (a
       * heatmap's text was compared with every cell before it: texts × cells style reads, minutes per page).
       * An unfilled shape (a frame stroked round a heatmap, after its cells) hides nothing: the text
       * still sits on the cell below it. Taking the frame as the text's ground measured a heatmap's
       * values (black or white by their own cell's colour) against the page: 1:1 for every value.
       */
      interface FilledShape {
        el: Element;
        box: DOMRect;
        colour: number[];
      }
      const shapesOf = new Map<SVGSVGElement, FilledShape[]>();
      const filledShapes = (svg: SVGSVGElement): FilledShape[] => {
        let list = shapesOf.get(svg);
        if (list) return list;
        list = [];
        for (const shape of svg.querySelectorAll('rect, circle, polygon')) {
          const us = getComputedStyle(shape);
          if (!us.fill || us.fill === 'none' || us.fill.startsWith('url')) continue;
          const u = rgba(us.fill);
          list.push({ el: shape, box: shape.getBoundingClientRect(), colour: [u[0], u[1], u[2], u[3] * parseFloat(us.fillOpacity || '1') * parseFloat(us.opacity || '1')] });
        }
        shapesOf.set(svg, list);
        return list;
      };

      let minFont = Infinity;
      let smallest = '';
      let minContrast = Infinity;
      let worst = '';
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        if (!text) continue;
        const parent = n.parentElement;
        if (!parent || /^(title|desc|style|script|option)$/i.test(parent.tagName)) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        // An SVG text's own box (a range's box ignores its rotation).
        const r = parent instanceof SVGGraphicsElement ? parent.getBoundingClientRect() : range.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        if (hiddenBy(parent)) continue;
        // A box that clips (overflow other than visible) between the text and the widget: text wholly
        // outside it is not shown (a gallery's rows after the first); text partly outside it is cut off.
        let clipped = false;
        let partly = false;
        for (let a: Element | null = parent.parentElement; a && a !== el; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          if (a instanceof SVGElement && !(a instanceof SVGSVGElement)) continue;
          const c = a.getBoundingClientRect();
          if (r.right <= c.left + 1 || r.left >= c.right - 1 || r.bottom <= c.top + 1 || r.top >= c.bottom - 1) clipped = true;
          else if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1) partly = true;
        }
        if (clipped) continue;
        if (partly) overflow.push(`${name(parent)} "${text.slice(0, 24)}" clipped`);
        const s = getComputedStyle(parent);
        let px = parseFloat(s.fontSize);
        if (parent instanceof SVGGraphicsElement) {
          const m = parent.getScreenCTM();
          if (m) px *= Math.hypot(m.a, m.b);
        }
        const label = `${name(parent)} "${text.slice(0, 24)}"`;
        if (r.bottom > vh + 1 || r.right > vw + 1 || r.top < -1 || r.left < -1) overflow.push(`${label} cut off`);
        if (px < minFont) {
          minFont = px;
          smallest = label;
        }
        // Inactive controls are exempt from the contrast minimum (WCAG 1.4.3).
        if (parent.closest(':disabled, [aria-disabled="true"]')) continue;
        const svg = parent instanceof SVGElement;
        const fill = svg ? s.fill : s.color;
        if (!fill || fill === 'none' || fill.startsWith('url')) continue;
        const fg = rgba(fill);
        let alpha = fg[3];
        for (let a: Element | null = parent; a && a !== el.parentElement; a = a.parentElement) alpha *= parseFloat(getComputedStyle(a).opacity || '1');
        if (svg) alpha *= parseFloat(s.fillOpacity || '1');
        let bg = background(parent);
        // SVG text on a shape (a heatmap's cell, a bar): the last filled rect or circle before it, in paint order, under its centre.
        const svgRoot = parent instanceof SVGElement ? parent.ownerSVGElement : null;
        if (svgRoot) {
          const cx = r.left + r.width / 2;
          const cy = r.top + r.height / 2;
          let under: FilledShape | null = null;
          for (const shape of filledShapes(svgRoot)) {
            if (!(shape.el.compareDocumentPosition(parent) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
            const b = shape.box;
            if (cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom) under = shape;
          }
          if (under) bg = over(under.colour, bg);
        }
        const c = ratio(over([fg[0], fg[1], fg[2], alpha], bg), bg);
        const bold = parseInt(s.fontWeight, 10) >= 700;
        const large = px >= 24 || (bold && px >= 18.66);
        const need = large ? 3 : 4.5;
        // Scored against 4.5 whatever the text's threshold (a large text's ratio × 1.5), so one minimum ranks every text.
        const score = c * (4.5 / need);
        if (score < minContrast) {
          minContrast = score;
          worst = `${label} ${c.toFixed(2)}:1 (needs ${need})`;
        }
      }
      return { fits: overflow.length === 0, overflow: overflow.slice(0, 6), minFont: Math.round(minFont * 10) / 10, smallest, minContrast: Math.round(minContrast * 100) / 100, worst };
    },
    tag,
  );
}

const passes = (m: Measure, minPx: number) => m.fits && m.minFont >= minPx - 0.05 && m.minContrast >= 4.5;

/** A measure that fails is taken again a second later: a chart may have been mid-rebuild (resize, colour scheme). */
async function measureSettled(page: Page, tag: string, minPx: number): Promise<Measure> {
  const first = await measure(page, tag);
  if (passes(first, minPx)) return first;
  await page.waitForTimeout(1000);
  return measure(page, tag);
}

/** The figures' tags on a page, in order. */
function tagsOn(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('article *')].map((e) => e.tagName.toLowerCase()).filter((t) => t.includes('-')))]);
}

/** Until the figure covers the screen (fullscreen settles asynchronously), then its charts' redraw. */
async function settle(page: Page, tag: string): Promise<void> {
  await page.waitForFunction((t) => {
    const b = document.querySelector(t)!.getBoundingClientRect();
    return Math.abs(b.width - document.documentElement.clientWidth) < 2 && Math.abs(b.height - document.documentElement.clientHeight) < 2;
  }, tag);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 500)))));
}

for (const slug of chapterPages.filter((p) => MEASURE_PENDING || !ALL_PENDING_PAGES.has(p))) {
  test(`projector mode on ${slug}: every figure fits 1920×1080 and 1280×720 with large type and legible contrast, light and dark`, async ({ page }) => {
    test.setTimeout(300_000);
    const rows: Record<string, unknown>[] = [];
    const strict: string[] = [];
    const pending: string[] = [];
    // One load per page: the second size resizes the same page (its figures have loaded and re-lay
    // themselves out on resize, as a lecturer's window does when moved to the projector).
    await page.setViewportSize(SIZES[0]);
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.goto(`/${slug}.html`);
    await page.waitForFunction(() => document.querySelector('article') !== null);
    await page.waitForTimeout(500);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const minPx = Math.floor(24 * (size.height / 1080));
      for (const tag of await tagsOn(page)) {
        if (PENDING.has(tag) && !MEASURE_PENDING) continue;
        const w = page.locator(tag).first();
        await w.scrollIntoViewIfNeeded();
        await expect(w).toHaveAttribute('data-status', /ready|playing|finished|paused/, { timeout: 90_000 });
        await w.locator('.lm-figure').first().focus();
        await page.keyboard.press('f');
        await expect(w).toHaveClass(/lm-projector/);
        await settle(page, tag);
        const light = await measureSettled(page, tag, minPx);
        await page.emulateMedia({ colorScheme: 'dark' });
        await settle(page, tag);
        const dark = await measureSettled(page, tag, minPx);
        await page.emulateMedia({ colorScheme: 'light' });
        const row = {
          figure: tag,
          size: `${size.width}×${size.height}`,
          fits: light.fits && dark.fits,
          minFont: Math.min(light.minFont, dark.minFont),
          contrastLight: light.minContrast,
          contrastDark: dark.minContrast,
          overflow: light.overflow,
          smallest: light.smallest,
          worstLight: light.worst,
          worstDark: dark.worst,
        };
        rows.push(row);
        const where = `${tag} at ${row.size}`;
        const failures = PENDING.has(tag) ? pending : strict;
        if (!row.fits) failures.push(`${where}: does not fit: ${light.overflow.concat(dark.overflow).slice(0, 4).join('; ')}`);
        if (row.minFont < minPx - 0.05) failures.push(`${where}: ${row.minFont} px < ${minPx} px (${light.smallest})`);
        if (light.minContrast < 4.5) failures.push(`${where} light: contrast ${light.worst}`);
        if (dark.minContrast < 4.5) failures.push(`${where} dark: contrast ${dark.worst}`);
        await page.keyboard.press('Escape');
        await expect(w).not.toHaveClass(/lm-projector/);
      }
    }
    const out = process.env.PROJECTOR_OUT ?? 'test-results';
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}/projector-${slug}.json`, JSON.stringify(rows, null, 2));
    for (const r of rows) console.log(`${r.figure}\t${r.size}\tfits=${r.fits}\tfont=${r.minFont}\tcontrast=${r.contrastLight}/${r.contrastDark}`);
    if (pending.length) console.log(`Pending figures (not asserted):\n${pending.join('\n')}`);
    expect(rows.some((r) => !PENDING.has(r.figure as string)), 'a page tested here has a figure that is not pending').toBe(true);
    expect(strict).toEqual([]);
  });
}

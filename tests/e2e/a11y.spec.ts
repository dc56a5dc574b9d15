// Accessibility without exceptions: axe-core (the WCAG rule set browsers' audits use) on every page,
// light and dark, at a laptop's 1280×800 and a phone's 390×844, after every widget has loaded and
// drawn: 0 violations, no rule and no element excluded. Each page loads once and is then resized
// (the widgets re-lay themselves out) and switched to the dark scheme (the colours are CSS
// variables, as a reader whose system turns dark at dusk sees them), which keeps the file to about
// a minute and a half.
import { expect, test, type Page } from '@playwright/test';
import { chapterPages, frenchPages } from './pages';

const AXE = 'node_modules/axe-core/axe.min.js';

interface Found {
  id: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Scrolls every widget into view and waits until it has loaded (or says why it cannot). */
async function loadWidgets(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('main *')].filter((el) => el.tagName.includes('-')) as HTMLElement[];
    for (const el of widgets) {
      el.scrollIntoView({ block: 'center' });
      const start = performance.now();
      while (!/ready|playing|finished|error|diverged/.test(el.dataset.status ?? '') && performance.now() - start < 60_000) await new Promise((r) => setTimeout(r, 50));
    }
    // Two frames for the last drawings, then back to the top.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    window.scrollTo(0, 0);
    return widgets.length;
  });
}

async function violations(page: Page, mode: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Found[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return found.flatMap((v) => v.nodes.map((n) => `${mode} ${v.id}: ${JSON.stringify(n.target)} ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`));
}

// The embed page twice (its list of figures, and one figure alone: embed-page.ts), and the French
// edition: its own lang attributes (the switch's text is English on a French page) matter to axe.
for (const name of ['index', ...chapterPages, 'present', 'embed', 'embed?w=bp-vs-fa&scene=2', ...frenchPages]) {
  test(`${name}: axe-core finds nothing, light and dark, 1280 and 390 px wide`, async ({ page }) => {
    test.setTimeout(180_000);
    const found: string[] = [];
    await page.setViewportSize({ width: 1280, height: 800 });
    // `embed?w=…` → embed.html?w=…; `fr/present` → fr/present.html.
    await page.goto(`/${name.includes('?') ? name.replace('?', '.html?') : `${name}.html`}`);
    // A French page has its English twin's widgets, styles and layout: the light laptop and the dark
    // phone views are enough there for what is its own (lang attributes, longer strings).
    const modes = name.startsWith('fr/') ? ([['light', 1280], ['dark', 390]] as const) : ([['light', 1280], ['light', 390], ['dark', 390], ['dark', 1280]] as const);
    for (const [scheme, width] of modes) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
      await loadWidgets(page);
      found.push(...(await violations(page, `${scheme} ${width}`)));
    }
    console.log(`${name}: ${found.length} violations\n  ${found.join('\n  ')}`);
    expect(found).toEqual([]);
  });
}

// The French edition (issue 17): a lecturer presents the feedback-alignment chapter in French, offline
// in a hall without Wi-Fi (one earlier visit installed the site), full screen, stepping the comparison's
// scenes with a clicker; a reader switches language mid-chapter and lands at the same section with the
// same widget settings, and back. Notes and headings are read from content/fr/, so translators may
// edit them freely.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cutLabels, watchPage } from './helpers';

const FR_SOURCE = readFileSync('content/fr/05-feedback-alignment.md', 'utf8');
const EN_SOURCE = readFileSync('content/05-feedback-alignment.md', 'utf8');
const headingsOf = (md: string) => [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim());
const notesOf = (md: string, id: string) =>
  new RegExp('```scenes for=' + id + '\\n([\\s\\S]*?)```').exec(md)![1].trim().split('\n').map((line) => line.slice(line.indexOf('|') + 1).trim());
/** Text as the page shows it: the Markdown typographer's quotes, no inline markup. */
const plain = (s: string) => s.replace(/\$[^$]*\$/g, '').replace(/[*_`]/g, '').replace(/'/g, '’').replace(/\s+/g, ' ').trim();

test.describe('offline, in French', () => {
  test.use({ serviceWorkers: 'allow' });

  test('fr/feedback-alignment.html offline: French page, French controls, projector mode steps the French scenes', async ({ page, context }) => {
    test.setTimeout(180_000);
    const seen = watchPage(page);
    // One visit (to a French page, one folder down) installs the service worker for the whole site.
    await page.goto('/fr/index.html');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toMatch(/\/$/);
    expect(new URL((await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)) ?? '').pathname).toBe('/');
    await context.setOffline(true);

    await page.goto('/fr/feedback-alignment.html#bp-vs-fa.hidden=32');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    const h2 = await page.locator('.prose h2').allTextContents();
    expect(h2.map((t) => plain(t.replace(/#$/, '')))).toEqual(headingsOf(FR_SOURCE).map(plain));
    await expect(page.locator('.toc h2')).toHaveText('Sommaire');

    const w = page.locator('fa-compare#bp-vs-fa');
    await w.scrollIntoViewIfNeeded();
    await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
    // The controls speak French: the buttons, the settings from the schema, their help, the seed.
    await expect(w.getByTestId('play')).toHaveText('Lancer');
    await expect(w.getByTestId('reset')).toHaveText('Réinitialiser');
    await expect(w.getByTestId('setting-learning-rate').locator('label')).toContainText('Taux d’apprentissage');
    await expect(w.getByTestId('setting-optimizer').locator('option').first()).toHaveText('SGD');
    await expect(w.getByTestId('setting-view').locator('option')).toHaveText(['Précision de test', 'Écart à la BP']);
    await expect(w.getByTestId('setting-batch-size').locator('.lm-help')).toContainText('Chiffres par mise à jour');
    await expect(w.locator('.lm-control-seed label')).toContainText('Graine');
    await expect(w.locator('.lm-keys')).toContainText('Touches');

    // Full screen with F, then the clicker's Page Down through every scene: the counter and the French note.
    const notes = notesOf(FR_SOURCE, 'bp-vs-fa');
    expect(notes).toHaveLength(notesOf(EN_SOURCE, 'bp-vs-fa').length);
    await expect(w.getByTestId('scene-label')).toHaveText(`${notes.length} scènes`);
    await w.locator('.lm-figure').focus();
    await page.keyboard.press('f');
    await expect(w).toHaveClass(/lm-projector/);
    await expect(w.getByTestId('projector')).toContainText('Quitter');
    for (let i = 0; i < notes.length; i++) {
      await page.keyboard.press('PageDown');
      await expect(w.getByTestId('scene-label')).toHaveText(`Scène ${i + 1} sur ${notes.length}`);
      await expect(w.getByTestId('scene-note')).toHaveText(notes[i]);
      await expect.poll(() => page.evaluate(() => location.hash)).toContain(`bp-vs-fa.scene=${i + 1}`);
    }
    await expect(w.getByTestId('scene-next')).toBeDisabled();
    // The last scene trains, offline, and its status line is French.
    await page.keyboard.press('Space');
    await expect(w.getByTestId('status')).toHaveText(/^Entraînement · pas [1-9]/, { timeout: 60_000 });
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expect(w).not.toHaveClass(/lm-projector/);
    await expect(w.locator('[data-testid="state"]:not([hidden])')).toHaveCount(0);
    expect(seen.errors).toEqual([]);
    expect(seen.foreign).toEqual([]);
  });
});

/** The index of the h2/h3 whose top is nearest the top of the viewport. */
const headingAtTop = (page: Page) =>
  page.evaluate(() => {
    const tops = [...document.querySelectorAll('.prose h2, .prose h3')].map((h) => Math.abs(h.getBoundingClientRect().top));
    return tops.indexOf(Math.min(...tops));
  });

test('the language switch keeps the section being read and the widgets’ state, both ways', async ({ page }) => {
  const seen = watchPage(page);
  const hash = '#bp-vs-fa.hidden=32&bp-vs-fa.learning-rate=0.005';
  await page.goto(`/feedback-alignment.html${hash}`);
  const toFrench = page.locator('a.lang-switch');
  await expect(toFrench).toHaveText('Français');
  await expect(toFrench).toHaveAttribute('hreflang', 'fr');
  await expect(toFrench).toHaveAttribute('lang', 'fr');
  // Without JavaScript it is a plain link to the twin.
  await expect(toFrench).toHaveAttribute('href', './fr/feedback-alignment.html');

  // The link opens at its figure (page.ts); once that figure has its first numbers (nothing on the
  // page moves any more), the reader scrolls up to the third section, then clicks the switch.
  await expect(page.locator('fa-compare#bp-vs-fa')).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await page.locator('.prose h2').nth(2).evaluate((h) => h.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await page.waitForTimeout(600);
  expect(await headingAtTop(page)).toBe(2);
  await toFrench.click();
  await page.waitForURL(/\/fr\/feedback-alignment\.html/);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await expect.poll(() => headingAtTop(page)).toBe(2);
  await expect(page.locator('.prose h2').nth(2)).toHaveText(new RegExp(headingsOf(FR_SOURCE)[2].slice(0, 12).replace(/'/g, '’')));
  // ?at= is gone, the hash is intact, and the widget reads it.
  await expect.poll(() => page.evaluate(() => location.search)).toBe('');
  expect(await page.evaluate(() => location.hash)).toBe(hash);
  const w = page.locator('fa-compare#bp-vs-fa');
  await w.scrollIntoViewIfNeeded();
  await expect(w).toHaveAttribute('data-status', /ready|playing|finished/, { timeout: 60_000 });
  await expect(w.getByTestId('setting-hidden').locator('output')).toHaveText('32');
  await expect(w.getByTestId('setting-learning-rate').locator('output')).toHaveText('0,005');

  // Back, with the keyboard this time (focusing the header's link scrolls to the top: the place is kept), from the fifth section.
  await page.locator('.prose h2').nth(4).evaluate((h) => h.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await page.waitForTimeout(600);
  expect(await headingAtTop(page)).toBe(4);
  const toEnglish = page.locator('a.lang-switch');
  await expect(toEnglish).toHaveText('English');
  await expect(toEnglish).toHaveAttribute('lang', 'en');
  await toEnglish.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.includes('/fr/'));
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect.poll(() => headingAtTop(page)).toBe(4);
  await expect(page.locator('.prose h2').nth(4)).toContainText('The real test');
  expect(await page.evaluate(() => location.hash)).toMatch(/bp-vs-fa\.hidden=32/);
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

// Spot check of what the widgets write in their own code (status lines, stats, legends, SVG text):
// on French pages no English UI word shows once the figures have their first numbers.
// tests/unit/i18n-untranslated.test.ts is the thorough check; this one catches what it cannot see.
const ENGLISH = /\b(?:Step|Reset|Train|Training|Loading|Ready|Paused|Predict|accuracy|Accuracy|digits|weights|press play|steps)\b/;
for (const slug of ['introduction', 'adversarial-attacks', 'binary-crossbar', 'catastrophic-forgetting', 'cnn-pooling', 'exponentiated-gradient', 'feedback-alignment', 'neural-tangent-kernel', 'brains-not-feed-forward']) {
  test(`fr/${slug}.html: the widgets show no English words`, async ({ page }) => {
    test.setTimeout(120_000);
    const seen = watchPage(page);
    await page.goto(`/fr/${slug}.html`);
    // Every figure tag the page holds (they boot as they come into view).
    const widgets = page.locator('.prose [data-reserve]');
    const n = await widgets.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const w = widgets.nth(i);
      await w.scrollIntoViewIfNeeded();
      await expect(w).toHaveAttribute('data-status', /ready|playing|paused|finished/, { timeout: 60_000 });
    }
    const english = await page.evaluate((source) => {
      const re = new RegExp(source);
      const found: string[] = [];
      for (const root of document.querySelectorAll('.lm-widget')) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement;
          if (!parent || parent.closest('script, style, template, [hidden]')) continue;
          const text = node.textContent?.trim() ?? '';
          if (re.test(text)) found.push(text);
        }
      }
      return found;
    }, ENGLISH.source);
    expect(english).toEqual([]);
    // French runs longer than English: every label and name still whole, none cut to an ellipsis.
    expect(await cutLabels(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
}

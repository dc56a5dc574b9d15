// The French edition (content/fr/ → dist/fr/): pages in French through the same pipeline, linked
// both ways to their English twins, and checked against them (same widgets, ids, order and scene
// counts). The first test fails until every chapter's translation is merged: a missing French
// chapter is allowed by the build (its English page just has no switch), not by the edition.
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { loadWidgetSchemas } from '../../src/chapters/index.ts';
import { parseBibliography } from '../../src/essay/bibliography.ts';
import { FRENCH_DIR, readContent } from '../../src/essay/content.ts';
import { renderSite, slugOf } from '../../src/essay/site.ts';
import { STRINGS } from '../../src/essay/strings.ts';

const root = new URL('../..', import.meta.url).pathname;
const widgets = (await loadWidgetSchemas()).map((w) => w.schema);
const noBib = parseBibliography('[]', 'refs.json');

describe('the French edition', () => {
  const { files, french, bibliography } = readContent(root, 'content');

  it('has a French twin of every English chapter and of the landing page (fails until every translation is merged)', () => {
    const have = new Set(fs.readdirSync(path.join(root, 'content', FRENCH_DIR)).filter((f) => f.endsWith('.md')));
    const missing = files.map((f) => path.basename(f.file)).filter((name) => !have.has(name));
    expect(missing, `content/${FRENCH_DIR}/ lacks these translations`).toEqual([]);
  });

  const pages = renderSite(files, { bibliography, widgets }, french);
  const frenchPages = [...pages.keys()].filter((k) => k.startsWith('fr/'));

  it('renders fr/index, fr/present and each translated chapter', () => {
    if (french.length === 0) return;
    expect(frenchPages).toContain('fr/index');
    expect(frenchPages).toContain('fr/present');
    for (const f of french) expect(frenchPages).toContain(`fr/${slugOf(f.file)}`);
  });

  for (const key of frenchPages) {
    it(`${key}.html is French, linked both ways to its twin, and carries the widget catalogue`, () => {
      const slug = key.slice(3);
      const doc = new JSDOM(pages.get(key)!).window.document;
      expect(doc.documentElement.lang).toBe('fr');
      // No fixed English string of the template is left.
      for (const english of [STRINGS.en.skip, STRINGS.en.tagline, STRINGS.en.colophon, STRINGS.en.chapters, 'Contents', 'References', 'Lecture scenes for Figure', 'needs JavaScript']) {
        expect(doc.body.innerHTML, english).not.toContain(english);
      }
      expect(doc.querySelector('a.skip-link')?.textContent).toBe(STRINGS.fr.skip);
      const alternates = Object.fromEntries([...doc.querySelectorAll('link[rel="alternate"]')].map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]));
      expect(alternates).toEqual({ en: `../${slug}.html`, fr: `./${slug}.html` });
      const sw = doc.querySelector('a.lang-switch')!;
      expect([sw.getAttribute('href'), sw.getAttribute('hreflang'), sw.getAttribute('lang'), sw.textContent]).toEqual([`../${slug}.html`, 'en', 'en', 'English']);
      expect(doc.querySelector('meta[name="local-minimum:root"]')?.getAttribute('content')).toBe('../');
      expect(doc.querySelector('meta[name="local-minimum:data"]')?.getAttribute('content')).toBe('../data/');
      const messages = JSON.parse(doc.getElementById('lm-messages')!.textContent!) as Record<string, string>;
      expect(messages.Play).toBe('Lancer');
      // The English twin links back, and carries no catalogue.
      const twin = new JSDOM(pages.get(slug)!).window.document;
      expect(twin.querySelector('a.lang-switch')?.getAttribute('href')).toBe(`./fr/${slug}.html`);
      expect(twin.querySelector('a.lang-switch')?.getAttribute('lang')).toBe('fr');
      expect(twin.querySelector('link[rel="alternate"][hreflang="fr"]')?.getAttribute('href')).toBe(`./fr/${slug}.html`);
      expect(twin.getElementById('lm-messages')).toBeNull();
    });
  }
});

describe('a translation is checked against its English twin', () => {
  const chapter = (title: string, body: string, order = 1) => `---\ntitle: ${title}\norder: ${order}\nsummary: S.\n---\n\n${body}`;
  const en = chapter(
    'Overfit',
    '## One\n\n<overfit-mlp id="a"></overfit-mlp>\n\n```scenes for=a\ntrain-size=100 | small\ntrain-size=1000 | large\n```\n\n<overfit-mlp id="b"></overfit-mlp>\n',
  );
  const english = [{ file: 'content/01-overfit.md', text: en }];
  const build = (text: string, file = 'content/fr/01-overfit.md') => () => renderSite(english, { bibliography: noBib, widgets }, [{ file, text }]);

  it('accepts a faithful translation, with translated headings, captions and notes', () => {
    const fr = chapter(
      'Surapprentissage',
      '## Un\n\n<overfit-mlp id="a" caption="Légende"></overfit-mlp>\n\n```scenes for=a\ntrain-size=100 | peu\ntrain-size=1000 | beaucoup\n```\n\n<overfit-mlp id="b"></overfit-mlp>\n',
    );
    const pages = build(fr)();
    expect(pages.get('fr/overfit')).toContain('id="un"');
    expect(pages.get('fr/overfit')).toContain('Scènes de cours de la figure 1 (2)');
    expect(pages.get('fr/present')).toContain('beaucoup');
  });

  it('names file and line of a widget whose id or place differs', () => {
    const fr = chapter('T', '## Un\n\n<overfit-mlp id="b"></overfit-mlp>\n\n<overfit-mlp id="a"></overfit-mlp>\n\n```scenes for=a\ntrain-size=100 | peu\ntrain-size=1000 | beaucoup\n```\n');
    expect(build(fr)).toThrow(/^content\/fr\/01-overfit\.md:9: figure 1 is <overfit-mlp id="b"> but the English twin's is <overfit-mlp id="a">/);
  });

  it('names file and line of a missing widget', () => {
    const fr = chapter('T', '## Un\n\n<overfit-mlp id="a"></overfit-mlp>\n\n```scenes for=a\ntrain-size=100 | peu\ntrain-size=1000 | beaucoup\n```\n');
    expect(build(fr)).toThrow(/^content\/fr\/01-overfit\.md:9: figure 2 is nothing but the English twin's is <overfit-mlp id="b">/);
  });

  it('names file and line of a scenes block with another count', () => {
    const fr = chapter('T', '## Un\n\n<overfit-mlp id="a"></overfit-mlp>\n\n```scenes for=a\ntrain-size=100 | peu\n```\n\n<overfit-mlp id="b"></overfit-mlp>\n');
    expect(build(fr)).toThrow(/^content\/fr\/01-overfit\.md:11: scenes for "a": 1 scene, the English twin has 2/);
  });

  it('validates French widgets and scenes exactly like English ones', () => {
    const fr = chapter('T', '## Un\n\n<overfit-mlp id="a" train-size="3"></overfit-mlp>\n');
    expect(build(fr)).toThrow(/^content\/fr\/01-overfit\.md:9: <overfit-mlp>: train-size="3" is outside/);
  });

  it('rejects a French chapter without an English twin, or with another order', () => {
    expect(build(chapter('T', ''), 'content/fr/02-other.md')).toThrow(/^content\/fr\/02-other\.md:1: no English chapter with the slug "other"/);
    expect(build(chapter('T', '', 2))).toThrow(/^content\/fr\/01-overfit\.md:3: order 2 differs from content\/01-overfit\.md/);
  });
});

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
import { parseFrontMatter } from '../../src/essay/frontmatter.ts';

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

  it('renders fr/index, fr/present, fr/embed and each translated chapter', () => {
    if (french.length === 0) return;
    expect(frenchPages).toContain('fr/index');
    expect(frenchPages).toContain('fr/present');
    expect(frenchPages).toContain('fr/embed');
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
      if (slug === 'embed') return; // chrome-less, no switch: its own test below
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

describe('the French embed page (fr/embed.html)', () => {
  const { files, french, bibliography } = readContent(root, 'content');
  const pages = renderSite(files, { bibliography, widgets }, french);
  const html = pages.get('fr/embed');
  /** The page as a browser at `search#hash` runs it (the inline script, not the client). */
  const open = (address: string) =>
    new JSDOM(html!.replace(/<script type="module"[^>]*><\/script>/, ''), { url: `http://localhost/fr/embed.html${address}`, runScripts: 'dangerously' }).window;

  it('holds the French chapters’ figures in French, with the catalogue, and links within fr/', () => {
    if (french.length === 0) return;
    const doc = new JSDOM(html!).window.document;
    expect(doc.documentElement.lang).toBe('fr');
    expect(doc.title).toBe('Local Minimum\u00a0: intégrer une figure');
    expect(doc.querySelector('meta[name="local-minimum:root"]')?.getAttribute('content')).toBe('../');
    expect((JSON.parse(doc.getElementById('lm-messages')!.textContent!) as Record<string, string>).Play).toBe('Lancer');
    // No English of the page's own left: the English page's heading, list and links.
    for (const english of ['Embed a figure', 'Open in the essay', 'Every figure', 'scene 2', '>Lecture scenes<']) expect(html, english).not.toContain(english);
    // The same figures as the English page, with French titles, notes and chapter titles.
    const ids = (page: string) => [...new JSDOM(pages.get(page)!).window.document.querySelectorAll<HTMLTemplateElement>('template[data-embed]')].map((t) => t.dataset.embed);
    expect(ids('fr/embed')).toEqual(ids('embed'));
    const fa = doc.querySelector<HTMLTemplateElement>('template[data-embed="bp-vs-fa"]')!;
    expect(fa.dataset.title).toMatch(/^Rétropropagation/);
    expect(fa.dataset.chapterTitle).toBe(parseFrontMatter(french.find((f) => slugOf(f.file) === 'feedback-alignment')!.text, 'fa.md').meta.title);
    expect(fa.content.querySelector('details.lm-scenes summary')?.textContent).toMatch(/^Scènes de cours de la figure/);
    // Every link stays in the French edition (fr/): the list, its chapters, the lecture scenes.
    for (const a of doc.querySelectorAll('a[href]')) expect(a.getAttribute('href'), a.outerHTML).toMatch(/^\.\/[a-z0-9-]+\.html/);
    expect(doc.querySelector('a[href="./embed.html?w=bp-vs-fa&scene=2"]')?.getAttribute('aria-label')).toMatch(/, scène 2$/);
    // And fr/present.html links each scene's Embed here, not to the English page.
    const present = new JSDOM(pages.get('fr/present')!).window.document;
    expect(present.querySelector('a.present-embed[href="./embed.html?w=bp-vs-fa&scene=2"]')).not.toBeNull();
    expect(present.querySelector('a[href^="../embed.html"]')).toBeNull();
  });

  it('says what is wrong with an address in French, and titles a figure in French', () => {
    if (french.length === 0) return;
    const bad = open('?w=bp-vs-fa&scene=9').document;
    expect(bad.querySelector('[data-embed-message]')?.textContent).toBe('La figure «\u00a0bp-vs-fa\u00a0» a les scènes 1 à 4\u202f; scene=9 n’en fait pas partie.');
    expect(open('?w=nope').document.querySelector('[data-embed-message]')?.textContent).toMatch(/^Il n’y a pas de figure nommée «\u00a0nope\u00a0»/);
    const win = open('?w=bp-vs-fa&scene=2');
    expect(win.document.querySelector('[data-embed-slot] fa-compare#bp-vs-fa[data-lm-embed]')).not.toBeNull();
    expect(win.document.title).toMatch(/^Rétropropagation.* · Local Minimum$/);
    const link = win.document.querySelector('[data-embed-open] a')!;
    expect(link.getAttribute('href')).toBe('./feedback-alignment.html#bp-vs-fa.scene=2');
    expect(link.getAttribute('aria-label')).toMatch(/^Ouvrir dans l’essai\u00a0: Rétropropagation.*, dans /);
  });
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

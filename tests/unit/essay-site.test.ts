import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/essay/content.ts';
import { parseFrontMatter } from '../../src/essay/frontmatter.ts';
import { parseBibliography } from '../../src/essay/bibliography.ts';
import { planSite, renderSite, slugOf } from '../../src/essay/site.ts';
import { renderToc } from '../../src/essay/toc.ts';
import { loadWidgetSchemas } from '../../src/chapters/index.ts';

const root = new URL('../..', import.meta.url).pathname;
const noBib = parseBibliography('[]', 'refs.json');
const md = (title: string, order: number, body = '') => `---\ntitle: ${title}\norder: ${order}\nsummary: About ${title}.\n---\n${body}`;

describe('front matter', () => {
  it('reads the fields and where the body starts', () => {
    const parsed = parseFrontMatter('---\ntitle: "A: b"\norder: 2\nsummary: S\nsources:\n  - one\n---\n\nBody', 'c.md');
    expect(parsed.meta).toEqual({ title: 'A: b', order: 2, summary: 'S', sources: ['one'] });
    expect(parsed.lineOffset).toBe(7);
    expect(parsed.body).toBe('\nBody');
  });

  it('fails on missing, mistyped or unknown fields, at their line', () => {
    expect(() => parseFrontMatter('no front matter', 'c.md')).toThrow(/^c\.md:1: a chapter must open with front matter/);
    expect(() => parseFrontMatter('---\ntitle: T\nsummary: S\n---\n', 'c.md')).toThrow(/^c\.md:1: front matter needs an "order"/);
    expect(() => parseFrontMatter('---\ntitle: T\norder: first\nsummary: S\n---\n', 'c.md')).toThrow(/^c\.md:3: front matter needs an "order"/);
    expect(() => parseFrontMatter('---\ntitle: T\norder: 1\nsumary: S\n---\n', 'c.md')).toThrow(/^c\.md:4: unknown front matter key "sumary"/);
    expect(() => parseFrontMatter('---\ntitle: T\norder: 1\nsummary: S\nsources: 3\n---\n', 'c.md')).toThrow(/^c\.md:5: "sources" must be a list/);
    expect(() => parseFrontMatter('---\ntitle: [oops\n---\n', 'c.md')).toThrow(/^c\.md:\d+: bad front matter/);
    expect(parseFrontMatter('---\ntitle: Home\nsummary: S\n---\n', 'index.md', 'landing').meta.order).toBe(0);
  });
});

describe('site', () => {
  it('derives slugs from file names', () => {
    expect(slugOf('content/01-introduction.md')).toBe('introduction');
    expect(slugOf('content/cnn-pooling.md')).toBe('cnn-pooling');
  });

  it('orders chapters by front matter and links previous/next', () => {
    const files = [
      { file: 'content/b.md', text: md('Second', 2) },
      { file: 'content/a.md', text: md('First', 1) },
      { file: 'content/index.md', text: '---\ntitle: Home\nsummary: Welcome.\n---\nHello **reader**.\n' },
    ];
    expect(planSite(files).chapters.map((c) => [c.slug, c.number])).toEqual([['a', 1], ['b', 2]]);
    const pages = renderSite(files, { bibliography: noBib, widgets: [] });
    expect([...pages.keys()]).toEqual(['index', 'a', 'b', 'present']);
    const first = pages.get('a')!;
    expect(first).toContain('rel="next" href="./b.html"');
    expect(first).toContain('rel="prev" href="./index.html"');
    expect(pages.get('b')).toContain('rel="prev" href="./a.html"');
    expect(pages.get('b')).not.toContain('rel="next"');
    const index = pages.get('index')!;
    expect(index).toContain('<p>Hello <strong>reader</strong>.</p>');
    expect(index.indexOf('./a.html')).toBeLessThan(index.indexOf('./b.html'));
    expect(index).toContain('About First.');
  });

  it('rejects two chapters with the same order or slug', () => {
    expect(() => planSite([{ file: 'content/a.md', text: md('A', 1) }, { file: 'content/b.md', text: md('B', 1) }])).toThrow(/^content\/a\.md:1: order 1 is also used by content\/b\.md/);
    expect(() => planSite([{ file: 'content/01-a.md', text: md('A', 1) }, { file: 'content/02-a.md', text: md('B', 2) }])).toThrow(/the slug "a" is also used/);
  });

  it('builds a nested table of contents from h2 and h3', () => {
    const toc = renderToc([
      { level: 2, id: 'one', html: 'One' },
      { level: 3, id: 'one-a', html: 'One A' },
      { level: 2, id: 'two', html: 'Two $x$' },
    ]);
    const dom = new JSDOM(toc).window.document;
    expect([...dom.querySelectorAll('nav.toc > ol > li > a')].map((a) => a.getAttribute('href'))).toEqual(['#one', '#two']);
    expect(dom.querySelector('nav.toc > ol > li > ol > li > a')?.getAttribute('href')).toBe('#one-a');
    expect(renderToc([{ level: 2, id: 'only', html: 'Only' }])).toBe('');
  });
});

const widgetSchemas = (await loadWidgetSchemas()).map((w) => w.schema);

describe('the real content folder', () => {
  const { files, bibliography } = readContent(root, 'content');
  const pages = renderSite(files, { bibliography, widgets: widgetSchemas });

  it('renders every chapter, the landing page and the presenter’s page', () => {
    expect(pages.get('index')).toBeDefined();
    expect(pages.has('introduction')).toBe(true);
    expect(pages.has('present')).toBe(true);
    expect(pages.size).toBe(files.length + (files.some((f) => slugOf(f.file) === 'index') ? 0 : 1) + 1);
  });

  for (const [slug, html] of pages) {
    it(`${slug}.html is complete without JavaScript`, () => {
      const doc = new JSDOM(html).window.document;
      // Landmarks, skip link, one client module and one stylesheet.
      expect(doc.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
      for (const sel of ['header', 'main#main', 'footer']) expect(doc.querySelector(sel), sel).not.toBeNull();
      expect([...doc.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src'))).toEqual(['/src/essay/client.ts']);
      expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('/src/styles/main.css');
      // No raw math left, every in-page link has a target, ids are unique.
      // (The TeX source legitimately survives in MathML annotations, for screen readers and copying.)
      const main = doc.querySelector('main')!.cloneNode(true) as Element;
      for (const note of main.querySelectorAll('annotation')) note.remove();
      const text = main.textContent!;
      expect(text).not.toMatch(/\$\$|\\frac|\\theta/);
      const ids = [...doc.querySelectorAll('[id]')].map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      // A lecture scene's link (#<widget id>.scene=n) names a widget on the page instead.
      const target = (href: string) => /^#([A-Za-z][\w-]*)\.scene=\d+$/.exec(href)?.[1] ?? href.slice(1);
      for (const a of doc.querySelectorAll('a[href^="#"]')) expect(ids, a.getAttribute('href')!).toContain(target(a.getAttribute('href')!));
      // Links between pages point at pages that exist (and a scene link at a widget there).
      for (const a of doc.querySelectorAll('a[href^="./"]')) {
        const [file, hash] = a.getAttribute('href')!.slice(2).split('#');
        const other = pages.get(file.slice(0, -5));
        expect(other, a.getAttribute('href')!).toBeDefined();
        if (hash) expect(other!, a.getAttribute('href')!).toContain(`id="${target(`#${hash}`)}"`);
      }
    });
  }

  it('the introduction has its table of contents, math, citations, references and the overfitting widget', () => {
    const doc = new JSDOM(pages.get('introduction')!).window.document;
    expect(doc.querySelector('h1')?.textContent).toBe('Is deep learning in a local minimum?');
    expect(doc.querySelectorAll('nav.toc li').length).toBeGreaterThanOrEqual(5);
    expect(doc.querySelectorAll('.katex-display').length).toBeGreaterThanOrEqual(3);
    expect(doc.querySelectorAll('.katex math').length).toBeGreaterThanOrEqual(10);
    const cited = doc.querySelectorAll('.citation a');
    const refs = doc.querySelectorAll('section.references li');
    expect(refs.length).toBeGreaterThan(10);
    expect(cited.length).toBeGreaterThanOrEqual(refs.length);
    const figure = doc.querySelector('figure.widget-figure overfit-mlp#overfit');
    expect(figure?.querySelector('noscript')?.textContent).toContain('needs JavaScript');
    expect(doc.querySelector('figure.widget-figure figcaption')?.textContent).toContain('Figure 1.');
    expect(doc.querySelector('h2#a-map-of-the-chapters-to-come')).not.toBeNull();
  });
});

describe('the presenter’s page', () => {
  const { files, bibliography } = readContent(root, 'content');
  const pages = renderSite(files, { bibliography, widgets: widgetSchemas });
  it('lists every chapter’s lecture scenes, each a link that opens it; every page links to it', () => {
    const doc = new JSDOM(pages.get('present')!).window.document;
    const links = [...doc.querySelectorAll('ol.present-scenes a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('./introduction.html#overfit.scene=1');
    expect(links).toContain('./feedback-alignment.html#bp-vs-fa.scene=4');
    // As many as the chapters' own lists.
    let total = 0;
    for (const [slug, html] of pages) if (slug !== 'present') total += new JSDOM(html).window.document.querySelectorAll('details.lm-scenes li').length;
    expect(links.length).toBe(total);
    for (const html of pages.values()) expect(html).toContain('href="./present.html"');
  });
});

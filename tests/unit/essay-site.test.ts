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
    expect([...pages.keys()]).toEqual(['index', 'a', 'b', 'present', 'embed']);
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

  it('renders every chapter, the landing page, the presenter’s page and the embed page', () => {
    expect(pages.get('index')).toBeDefined();
    expect(pages.has('introduction')).toBe(true);
    expect(pages.has('present')).toBe(true);
    expect(pages.has('embed')).toBe(true);
    expect(pages.size).toBe(files.length + (files.some((f) => slugOf(f.file) === 'index') ? 0 : 1) + 2);
  });

  for (const [slug, html] of pages) {
    it(`${slug}.html is complete without JavaScript`, () => {
      const doc = new JSDOM(html).window.document;
      // Landmarks, skip link, one client module and one stylesheet (the embed page: a figure alone, no chrome).
      const bare = slug === 'embed';
      if (!bare) expect(doc.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
      for (const sel of bare ? ['main#main'] : ['header', 'main#main', 'footer']) expect(doc.querySelector(sel), sel).not.toBeNull();
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
        const [file, hash] = a.getAttribute('href')!.slice(2).split('?')[0].split('#');
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
    const links = [...doc.querySelectorAll('ol.present-scenes a:not(.present-embed)')].map((a) => a.getAttribute('href'));
    expect(links).toContain('./introduction.html#overfit.scene=1');
    expect(links).toContain('./feedback-alignment.html#bp-vs-fa.scene=4');
    // As many as the chapters' own lists.
    let total = 0;
    for (const [slug, html] of pages) if (slug !== 'present') total += new JSDOM(html).window.document.querySelectorAll('details.lm-scenes li').length;
    expect(links.length).toBe(total);
    // Each scene also has its embed link (for slides).
    expect(doc.querySelectorAll('ol.present-scenes a.present-embed[href^="./embed.html?w="]').length).toBe(total);
    for (const html of pages.values()) expect(html).toContain('href="./present.html"');
  });
});

describe('the embed page', () => {
  const { files, bibliography } = readContent(root, 'content');
  const pages = renderSite(files, { bibliography, widgets: widgetSchemas });
  const html = pages.get('embed')!;
  /** The page as a browser at `search#hash` runs it: the inline script puts the figure in. */
  const open = (address: string) => {
    const dom = new JSDOM(html.replace(/<script type="module"[^>]*><\/script>/, ''), { url: `http://localhost/embed.html${address}`, runScripts: 'dangerously' });
    return dom.window;
  };

  it('holds every figure with an id, each with its chapter and scenes; present.html links a scene’s embed', () => {
    const doc = new JSDOM(html).window.document;
    const templates = [...doc.querySelectorAll<HTMLTemplateElement>('template[data-embed]')];
    let ids = 0;
    for (const [slug, page] of pages) if (slug !== 'embed') ids += new JSDOM(page).window.document.querySelectorAll('article [id]:is(' + widgetSchemas.map((w) => w.tag).join(',') + ')').length;
    expect(templates.length).toBe(ids);
    const fa = templates.find((t) => t.dataset.embed === 'bp-vs-fa')!;
    expect(fa.dataset.chapter).toBe('feedback-alignment');
    expect(fa.dataset.scenes).toBe('4');
    expect(fa.content.querySelector('fa-compare#bp-vs-fa[data-lm-embed]')).not.toBeNull();
    expect(fa.content.querySelectorAll('details.lm-scenes[data-for="bp-vs-fa"][hidden] li[data-scene]').length).toBe(4);
    // Without JavaScript (or a figure), the list of figures, each a link.
    expect(doc.querySelector('a[href="./embed.html?w=bp-vs-fa&scene=2"]')).not.toBeNull();
    expect(new JSDOM(pages.get('present')!).window.document.querySelector('a.present-embed[href="./embed.html?w=bp-vs-fa&scene=2"]')).not.toBeNull();
  });

  it('shows the figure asked for, at its scene, with a link back to the chapter in the same state', () => {
    const win = open('?w=bp-vs-fa&scene=2');
    const doc = win.document;
    expect(doc.querySelector('[data-embed-slot] fa-compare#bp-vs-fa[data-lm-embed]')).not.toBeNull();
    expect(doc.querySelector<HTMLElement>('[data-embed-index]')!.hidden).toBe(true);
    expect(win.location.hash).toBe('#bp-vs-fa.scene=2');
    expect(doc.querySelector('[data-embed-open] a')?.getAttribute('href')).toBe('./feedback-alignment.html#bp-vs-fa.scene=2');
    expect(doc.title).toMatch(/^Backprop/);
    // The chapter's state hash, alone or with w.
    const fromHash = open('#bp-vs-fa.seeds=3&bp-vs-fa.seed=4').document;
    expect(fromHash.querySelector('[data-embed-slot] fa-compare')).not.toBeNull();
    expect(fromHash.querySelector('[data-embed-open] a')?.getAttribute('href')).toBe('./feedback-alignment.html#bp-vs-fa.seeds=3&bp-vs-fa.seed=4');
  });

  it('names the problem with an unknown or malformed address and lists the figures', () => {
    for (const [address, message] of [
      ['?w=nope', /no figure named “nope”/],
      ['?w=bp-vs-fa&scene=9', /scenes 1 to 4; scene=9/],
      ['?w=bp-vs-fa&scene=two', /scenes 1 to 4; scene=two/],
      ['?w=&scene=1', /no figure named “”|names no figure/],
      ['?scene=1', /names no figure/],
      ['?w=%3Cimg%20src%3Dx%3E', /no figure named “<img src=x>”/],
    ] as const) {
      const doc = open(address).document;
      expect(doc.querySelector('[data-embed-message]')?.textContent, address).toMatch(message);
      expect(doc.querySelector('[data-embed-slot]')?.children.length).toBe(0);
      expect(doc.querySelector('img')).toBeNull();
      expect(doc.querySelector<HTMLElement>('[data-embed-index]')!.hidden).toBe(false);
    }
    expect(open('').document.querySelector<HTMLElement>('[data-embed-message]')!.hidden).toBe(true);
  });

  it('fails the build on a widget id used twice in the site', () => {
    const w = widgetSchemas.find((s) => s.tag === 'overfit-mlp')!;
    const body = '<overfit-mlp id="same"></overfit-mlp>\n';
    expect(() => renderSite([{ file: 'content/a.md', text: md('A', 1, body) }, { file: 'content/b.md', text: md('B', 2, `\n\n${body}`) }], { bibliography: noBib, widgets: [w] })).toThrow(/^content\/b\.md:\d+: widget id "same" is also used in content\/a\.md/);
  });
});

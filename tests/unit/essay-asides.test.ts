// Foldable asides, <details class="aside"> in the Markdown: the pipeline must treat their insides as
// ordinary Markdown (math typeset, citations numbered and checked, tables, widget tags validated),
// and the chapters must use the styled form (a class="aside" and a <summary>).
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/essay/content.ts';
import { parseBibliography } from '../../src/essay/bibliography.ts';
import { renderChapter } from '../../src/essay/render.ts';

const root = new URL('../..', import.meta.url).pathname;
const items = [{ id: 'a2020', type: 'article', title: 'A paper', author: [{ family: 'Author', given: 'A.' }], issued: { 'date-parts': [[2020]] } }];
const context = { bibliography: parseBibliography(JSON.stringify(items), 'refs.json'), widgets: [] };
const chapter = (body: string) => renderChapter(`---\ntitle: T\norder: 1\nsummary: S\n---\n${body}`, 'content/c.md', context);

const aside = [
  'Before.',
  '',
  '<details class="aside">',
  '<summary>For the curious: the numbers</summary>',
  '',
  'Inside, $x^2$ and a citation [@a2020].',
  '',
  '| β | angle |',
  '| ---: | ---: |',
  '| 0.1 | $1.4^\\circ$ |',
  '',
  '</details>',
  '',
  '## After',
  '',
  'Text.',
].join('\n');

describe('foldable asides', () => {
  it('render their contents as Markdown, inside the details element', () => {
    const page = chapter(aside);
    const doc = new JSDOM(page.html).window.document;
    const details = doc.querySelector('details.aside')!;
    expect(details.querySelector('summary')?.textContent).toBe('For the curious: the numbers');
    expect(details.querySelectorAll('.katex').length).toBe(2);
    expect(details.querySelector('table td')?.textContent).toBe('0.1');
    expect(details.querySelector('.citation a')?.getAttribute('href')).toBe('#ref-a2020');
    // The citation inside counts for the page's reference list, and the heading after it is a section.
    expect(page.cited).toEqual(['a2020']);
    expect(page.headings.map((h) => h.html)).toEqual(['After']);
    expect(doc.querySelector('details.aside h2')).toBeNull();
  });

  it('still stop the build on an unknown citation inside, at its line', () => {
    const broken = aside.replace('@a2020', '@nobody1999');
    expect(() => chapter(broken)).toThrow(/^content\/c\.md:11: unknown citation key @nobody1999/);
  });

  it('are written in the styled form wherever the chapters use them', () => {
    const { files } = readContent(root, 'content');
    for (const { file, text } of files) {
      const opens = [...text.matchAll(/^<details\b[^>]*>$/gm)];
      for (const open of opens) {
        expect(open[0], file).toBe('<details class="aside">');
        const next = text.slice(open.index! + open[0].length).trimStart();
        expect(next.startsWith('<summary>'), `${file}: a <summary> right after ${open[0]}`).toBe(true);
      }
      expect(opens.length, `${file}: every <details> is closed`).toBe((text.match(/^<\/details>$/gm) ?? []).length);
    }
  });
});

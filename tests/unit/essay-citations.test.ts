import { describe, expect, it } from 'vitest';
import { formatAuthors, formatReference, parseBibliography } from '../../src/essay/bibliography.ts';
import { parseCitation } from '../../src/essay/citations.ts';
import { renderChapter, renderMarkdown } from '../../src/essay/render.ts';

const items = [
  { id: 'lillicrap2016', type: 'article-journal', title: 'Random synaptic feedback weights support error backpropagation for deep learning', author: [{ family: 'Lillicrap', given: 'Timothy P.' }, { family: 'Cownden', given: 'Daniel' }, { family: 'Tweed', given: 'Douglas B.' }, { family: 'Akerman', given: 'Colin J.' }], issued: { 'date-parts': [[2016]] }, 'container-title': 'Nature Communications', volume: '7', page: '13276', DOI: '10.1038/ncomms13276' },
  { id: 'hinton2022', type: 'article', title: 'The Forward-Forward Algorithm: Some Preliminary Investigations', author: [{ family: 'Hinton', given: 'Geoffrey' }], issued: { 'date-parts': [[2022]] }, URL: 'https://arxiv.org/abs/2212.13345' },
  { id: 'vapnik1998', type: 'book', title: 'Statistical Learning Theory', author: [{ family: 'Vapnik', given: 'Vladimir N.' }], issued: { 'date-parts': [[1998]] }, publisher: 'Wiley' },
];
const bibliography = parseBibliography(JSON.stringify(items, null, 2), 'content/references.json');
const context = { bibliography, widgets: [] };
const chapter = (body: string) => renderChapter(`---\ntitle: T\norder: 1\nsummary: S\n---\n${body}`, 'content/c.md', context);

describe('citations', () => {
  it('parses single, multiple and located citations', () => {
    expect(parseCitation('@a')).toEqual([{ key: 'a', locator: '' }]);
    expect(parseCitation('@a; @b')).toEqual([{ key: 'a', locator: '' }, { key: 'b', locator: '' }]);
    expect(parseCitation('@a, p. 3')).toEqual([{ key: 'a', locator: 'p. 3' }]);
    expect(parseCitation('see @a')).toBeNull();
  });

  it('numbers by first citation and links each number to the reference list', () => {
    const page = chapter('B [@hinton2022]. A and B [@lillicrap2016; @hinton2022]. Again [@lillicrap2016, fig. 2].\n');
    expect(page.cited).toEqual(['hinton2022', 'lillicrap2016']);
    expect(page.html).toContain('<span class="citation">[<a href="#ref-hinton2022"');
    expect(page.html).toMatch(/\[<a href="#ref-lillicrap2016"[^>]*>2<\/a>, <a href="#ref-hinton2022"[^>]*>1<\/a>\]/);
    expect(page.html).toMatch(/>2<\/a>, fig\. 2\]/);
    expect(page.references).toContain('<h2 id="references">References</h2>');
    const order = [...page.references.matchAll(/<li id="ref-([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['hinton2022', 'lillicrap2016']);
    expect(page.references).toContain('<a href="https://doi.org/10.1038/ncomms13276">doi:10.1038/ncomms13276</a>');
  });

  it('has no reference list when nothing is cited, and leaves ordinary links alone', () => {
    const page = chapter('A [link](https://example.org) and [brackets].\n');
    expect(page.references).toBe('');
    expect(page.html).toContain('<a href="https://example.org">link</a>');
  });

  it('fails on an unknown key, naming file and line', () => {
    expect(() => chapter('\nFine.\n\nNot fine\n[@nobody2020] here.\n')).toThrow(/^content\/c\.md:10: unknown citation key @nobody2020/);
  });

  it('fails on a malformed citation', () => {
    expect(() => renderMarkdown('See [@a b].', 'x.md', context)).toThrow(/^x\.md:1: malformed citation \[@a b\]/);
  });

  it('formats authors, venues and links', () => {
    expect(formatAuthors(items[0].author)).toBe('Lillicrap, T. P., Cownden, D., Tweed, D. B. & Akerman, C. J.');
    const seven = Array.from({ length: 7 }, (_, i) => ({ family: `F${i}`, given: 'A' }));
    expect(formatAuthors(seven)).toBe('F0, A., F1, A., F2, A., F3, A., F4, A., F5, A., et al.');
    expect(formatReference(bibliography.get('lillicrap2016')!)).toContain('<em>Nature Communications</em>, 7, 13276.');
    expect(formatReference(bibliography.get('vapnik1998')!)).toBe('Vapnik, V. N. (1998). Statistical Learning Theory. Wiley.');
  });

  it('validates the bibliography, naming the line of the bad item', () => {
    const bad = JSON.stringify([items[0], { ...items[1], title: '' }], null, 2);
    const line = bad.split('\n').findIndex((l) => l.includes('"id": "hinton2022"')) + 1;
    expect(() => parseBibliography(bad, 'refs.json')).toThrow(new RegExp(`^refs\\.json:${line}: item "hinton2022": needs a "title"`));
    expect(() => parseBibliography(JSON.stringify([items[0], items[0]]), 'refs.json')).toThrow(/duplicate id/);
    expect(() => parseBibliography('{"a": 1}', 'refs.json')).toThrow(/^refs\.json:1: expected an array/);
    expect(() => parseBibliography('[', 'refs.json')).toThrow(/^refs\.json:1: not valid JSON/);
    const noYear = [{ ...items[2], issued: {} }];
    expect(() => parseBibliography(JSON.stringify(noYear), 'refs.json')).toThrow(/date-parts/);
  });
});

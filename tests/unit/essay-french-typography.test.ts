// French spacing (issue: plain spaces before ":" and "?" in the widgets' French): a no-break space
// before ":" and inside « », a narrow one before ";", "!" and "?", in the catalogue as French pages
// get it and in French Markdown text, never in math, code, URLs or attributes.
import { describe, expect, it } from 'vitest';
import { frenchCatalogue, frenchSpacing } from '../../src/essay/french-typography';
import { createMarkdown } from '../../src/essay/markdown';
import { fr } from '../../src/i18n/fr';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('frenchSpacing', () => {
  it('puts the right no-break space before high punctuation and inside guillemets', () => {
    expect(frenchSpacing('Prêt : lancez ; ou pas ? Si !')).toBe(`Prêt${NBSP}: lancez${NNBSP}; ou pas${NNBSP}? Si${NNBSP}!`);
    expect(frenchSpacing('« oui »')).toBe(`«${NBSP}oui${NBSP}»`);
    expect(frenchSpacing('{why} : reprise')).toBe(`{why}${NBSP}: reprise`);
  });

  it('leaves query strings, URLs, times and text already spaced alone, and is idempotent', () => {
    expect(frenchSpacing('Retirez ?backend= de l’adresse')).toBe('Retirez ?backend= de l’adresse');
    expect(frenchSpacing('voir http://x.org ou 10:30')).toBe('voir http://x.org ou 10:30');
    const once = frenchSpacing('a : b ; c ? « d »');
    expect(frenchSpacing(once)).toBe(once);
  });

  it('leaves the catalogue without a plain space before high punctuation, keys untouched', () => {
    const out = frenchCatalogue(fr);
    expect(Object.keys(out)).toEqual(Object.keys(fr));
    expect(Object.values(out).filter((v) => / [:;!?](?=\s|$)|« | »/.test(v))).toEqual([]);
  });
});

describe('French Markdown', () => {
  const md = createMarkdown();
  const render = (src: string, lang: string) => md.render(src, { lang, file: 'x.md', lineOffset: 0 });

  it('spaces French text but not code, links or English pages', () => {
    const src = 'Question ? Réponse : `a : b ?` et [lien](https://x.org/?q=1 "titre : x").';
    const html = render(src, 'fr');
    expect(html).toContain(`Question${NNBSP}? Réponse${NBSP}:`);
    expect(html).toContain('<code>a : b ?</code>');
    expect(html).toContain('href="https://x.org/?q=1"');
    expect(html).toContain('title="titre : x"');
    expect(render(src, 'en')).toContain('Question ? Réponse :');
  });
});

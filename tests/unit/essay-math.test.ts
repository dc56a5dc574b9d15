import { describe, expect, it } from 'vitest';
import { parseBibliography } from '../../src/essay/bibliography.ts';
import { renderChapter, renderMarkdown } from '../../src/essay/render.ts';

const context = { bibliography: parseBibliography('[]', 'refs.json'), widgets: [] };
const render = (body: string) => renderMarkdown(body, 'content/test.md', context).html;
const mathCount = (html: string) => (html.match(/class="katex"/g) ?? []).length;

describe('math', () => {
  it('typesets inline and display math at build time, with MathML for screen readers', () => {
    const html = render('The loss $\\ell(x)$ falls.\n\n$$\n\\theta_{t+1} = \\theta_t - \\eta \\nabla L\n$$\n');
    expect(mathCount(html)).toBe(2);
    expect(html).toContain('<math');
    expect(html).toContain('<div class="math-display"><span class="katex-display">');
    expect(html).not.toContain('$');
  });

  it('accepts one-line display blocks, inline $$…$$ and math inside list items', () => {
    expect(render('$$x^2$$')).toContain('katex-display');
    expect(render('so $$a = b$$ here')).toMatch(/<p>so <span class="katex-display">/);
    const list = render('- item\n\n  $$\n  y = 1\n  $$\n');
    expect(list).toContain('<li>');
    expect(list).toContain('katex-display');
  });

  it('leaves prices and escaped dollars alone (pandoc rules)', () => {
    expect(mathCount(render('It costs $5 today.'))).toBe(0);
    expect(mathCount(render('Between $20,000 and $30,000.'))).toBe(0);
    expect(mathCount(render('Pay $ 5 and $ 6.'))).toBe(0);
    expect(mathCount(render('A dollar \\$x$ sign.'))).toBe(0);
    expect(render('A dollar \\$x$ sign.')).toContain('$x$');
    // A closing $ followed by a digit is no closing.
    expect(mathCount(render('From $x$ to $y$1 now'))).toBe(1);
  });

  it('does not touch dollars in code', () => {
    const html = render('Run `echo $HOME $PATH` and\n\n```\n$x$\n```\n');
    expect(mathCount(html)).toBe(0);
    expect(html).toContain('$HOME $PATH');
  });

  it('supports the shared macros', () => {
    expect(render('$\\E[x] \\in \\R$')).toContain('mathbb');
  });

  it('fails on a KaTeX error, naming the file and the line after the front matter', () => {
    const source = '---\ntitle: T\norder: 1\nsummary: S\n---\n\nFirst paragraph.\n\nSecond paragraph\ncontinues with $\\frac{1}{$ here.\n';
    expect(() => renderChapter(source, 'content/bad.md', context)).toThrow(/^content\/bad\.md:10: KaTeX parse error/);
  });

  it('fails on an unknown command in display math, at the line where the block opens', () => {
    expect(() => render('Text.\n\n$$\n\\notacommand{x}\n$$\n')).toThrow(/^content\/test\.md:3: .*notacommand/);
  });

  it('fails on an unclosed display block', () => {
    expect(() => render('$$\nx = 1\n\nMore text.')).toThrow(/^content\/test\.md:1: display math opened with \$\$ is never closed/);
  });

  it('hints at \\$ when a stray dollar swallowed text into math', () => {
    expect(() => render('So $$x $ y$$ here')).toThrow(/literal dollar sign is written \\\$/);
  });
});

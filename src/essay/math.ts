/**
 * `$…$` and `$$…$$` math, typeset by KaTeX at build time (no KaTeX JavaScript reaches the browser).
 *
 * Delimiters follow pandoc's tex_math_dollars rule, so prices like "$5 or $10" stay text:
 * an opening `$` must not be followed by a space, a closing `$` must not be preceded by a space
 * nor followed by a digit. `\$` is a literal dollar. A line starting with `$$` opens a display
 * block that ends on the line ending with `$$`. A KaTeX error fails the build at its line.
 */
import katex from 'katex';
import type { MarkdownIt, StateBlock, StateCore, StateInline, Token } from 'markdown-it';
import { essayEnv, type EssayEnv } from './env.ts';
import { EssayError, fileLine } from './errors.ts';

/** Macros shared by every chapter. */
export const MACROS: Readonly<Record<string, string>> = {
  '\\R': '\\mathbb{R}',
  '\\E': '\\mathbb{E}',
  '\\argmin': '\\operatorname*{arg\\,min}',
  '\\argmax': '\\operatorname*{arg\\,max}',
};

/** What the inline rule records: where the formula starts in its block's text, and its kind. */
interface InlineMathMeta {
  pos: number;
  display: boolean;
}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True when the character at `pos` is preceded by an odd number of backslashes. */
function isEscaped(src: string, pos: number): boolean {
  let n = 0;
  while (pos - n - 1 >= 0 && src.charCodeAt(pos - n - 1) === BACKSLASH) n++;
  return n % 2 === 1;
}

/** Typeset one formula; throws KaTeX's ParseError on bad TeX. */
export function typeset(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    output: 'htmlAndMathml',
    throwOnError: true,
    // Copy: KaTeX's \gdef writes into the object it is given.
    macros: { ...MACROS },
    // `\\` at the top level of display math is harmless; anything else KaTeX frowns on fails the build.
    strict: (code: string) => (code === 'newLineInDisplayMode' ? 'ignore' : 'error'),
  });
}

/**
 * Index of the `$` (or `$$`) closing math opened just before `start`, or -1. As in pandoc, the
 * first unescaped `$` decides: preceded by a space or followed by a digit, it is no closing, and
 * the opening `$` was plain text after all ("$20 and $30" stays text).
 */
function findClose(src: string, start: number, display: boolean): number {
  for (let at = src.indexOf('$', start); at !== -1; at = src.indexOf('$', at + 1)) {
    if (isEscaped(src, at)) continue;
    if (display) {
      if (src.charCodeAt(at + 1) === DOLLAR) return at;
      continue;
    }
    return isSpace(src.charCodeAt(at - 1)) || isDigit(src.charCodeAt(at + 1)) ? -1 : at;
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== DOLLAR) return false;
  const display = src.charCodeAt(pos + 1) === DOLLAR;
  const start = pos + (display ? 2 : 1);
  if (start >= state.posMax) return false;
  if (!display && isSpace(src.charCodeAt(start))) return false;
  const end = findClose(src, start, display);
  if (end === -1 || end === start || end >= state.posMax) return false;
  if (!silent) {
    const token = state.push('math_inline', 'math', 0);
    token.content = src.slice(start, end);
    token.markup = display ? '$$' : '$';
    token.meta = { pos, display };
  }
  state.pos = end + (display ? 2 : 1);
  return true;
}

function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const first = state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]);
  if (!first.startsWith('$$')) return false;
  if (silent) return true;

  const lines: string[] = [];
  let rest = first.slice(2);
  let line = startLine;
  for (;;) {
    const trimmed = rest.trimEnd();
    if (trimmed.endsWith('$$')) {
      lines.push(trimmed.slice(0, -2));
      break;
    }
    lines.push(rest);
    line++;
    const blank = line < endLine && state.isEmpty(line);
    if (line >= endLine || blank) {
      const env = essayEnv(state.env);
      throw new EssayError(env.file, fileLine(env, startLine), 'display math opened with $$ is never closed (a closing $$ must end a line before the next blank line)');
    }
    rest = state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
  }
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = lines.join('\n').trim();
  token.markup = '$$';
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

function typesetToken(token: Token, env: EssayEnv, line: number, display: boolean): void {
  if (token.content.trim() === '') throw new EssayError(env.file, line, 'empty math');
  try {
    token.meta = { ...token.meta, html: typeset(token.content, display) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const snippet = token.content.length > 60 ? `${token.content.slice(0, 57)}…` : token.content;
    const hint = token.content.includes('$') ? ' (a literal dollar sign is written \\$)' : '';
    throw new EssayError(env.file, line, `${reason} in ${token.markup}${snippet}${token.markup}${hint}`);
  }
}

/** Core pass: typeset every math token, knowing its line. */
function typesetAll(state: StateCore): void {
  const env = essayEnv(state.env);
  for (const block of state.tokens) {
    if (block.type === 'math_block') typesetToken(block, env, fileLine(env, block.map![0]), true);
    if (block.type !== 'inline' || !block.children) continue;
    const bodyLine = block.map ? block.map[0] : 0;
    for (const child of block.children) {
      if (child.type !== 'math_inline') continue;
      const { pos, display } = child.meta as unknown as InlineMathMeta;
      typesetToken(child, env, fileLine(env, bodyLine, block.content, pos), display);
    }
  }
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.after('inline', 'math_typeset', typesetAll);
  const html = (token: Token) => (token.meta as { html: string }).html;
  md.renderer.rules.math_inline = (tokens, idx) => html(tokens[idx]);
  md.renderer.rules.math_block = (tokens, idx) => `<div class="math-display">${html(tokens[idx])}</div>\n`;
}

/**
 * Citations `[@key]`, `[@a; @b]` and `[@key, p. 3]`, resolved against the bibliography and
 * numbered in order of first citation on the page. Each renders as links `[1, 2]` to the page's
 * reference list; an unknown key fails the build at its line.
 */
import type { MarkdownIt, StateCore, StateInline } from 'markdown-it';
import { formatReference, shortLabel } from './bibliography.ts';
import { essayEnv, type EssayEnv } from './env.ts';
import { EssayError, fileLine } from './errors.ts';
import { escapeHtml, safeId } from './html.ts';

interface CitationItem {
  key: string;
  locator: string;
}

/** What the inline rule records: the parsed items, or the raw text when it is malformed. */
interface CitationMeta {
  pos: number;
  items?: CitationItem[];
  error?: string;
}

const KEY = /^@([A-Za-z0-9_](?:[A-Za-z0-9_:.\-/]*[A-Za-z0-9_])?)(?:\s*,\s*(.+))?$/;

/** Parse the text between `[` and `]`; null when it is not citation syntax. */
export function parseCitation(inner: string): CitationItem[] | null {
  const items: CitationItem[] = [];
  for (const part of inner.split(';')) {
    const match = KEY.exec(part.trim());
    if (!match) return null;
    items.push({ key: match[1], locator: (match[2] ?? '').trim() });
  }
  return items;
}

function citationRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x5b /* [ */ || src.charCodeAt(pos + 1) !== 0x40 /* @ */) return false;
  const end = src.indexOf(']', pos);
  if (end === -1 || end >= state.posMax) return false;
  const inner = src.slice(pos + 1, end);
  if (inner.includes('[')) return false;
  // Malformed syntax becomes a token too, so the core pass can report it with its line.
  const items = parseCitation(inner);
  if (!silent) {
    const token = state.push('citation', '', 0);
    const meta: CitationMeta = items ? { items, pos } : { error: inner, pos };
    token.meta = { ...meta };
  }
  state.pos = end + 1;
  return true;
}

/** Core pass: check every key and number citations in document order. */
function numberCitations(state: StateCore): void {
  const env = essayEnv(state.env);
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    for (const child of block.children) {
      if (child.type !== 'citation') continue;
      const meta = child.meta as unknown as CitationMeta;
      const line = () => fileLine(env, block.map ? block.map[0] : 0, block.content, meta.pos);
      if (meta.error !== undefined) {
        throw new EssayError(env.file, line(), `malformed citation [${meta.error}]: write [@key], [@a; @b] or [@key, p. 3]`);
      }
      for (const item of meta.items!) {
        if (!env.bibliography.has(item.key)) {
          throw new EssayError(env.file, line(), `unknown citation key @${item.key} (add it to content/references.json)`);
        }
        if (!env.cited.includes(item.key)) env.cited.push(item.key);
      }
    }
  }
}

function renderCitation(items: CitationItem[], env: EssayEnv): string {
  const links = items.map(({ key, locator }) => {
    const n = env.cited.indexOf(key) + 1;
    const item = env.bibliography.get(key)!;
    const title = escapeHtml(`${shortLabel(item)}: ${item.title}`);
    const link = `<a href="#ref-${safeId(key)}" title="${title}">${n}</a>`;
    return locator ? `${link}, ${escapeHtml(locator)}` : link;
  });
  const separator = items.some((i) => i.locator) ? '; ' : ', ';
  return `<span class="citation">[${links.join(separator)}]</span>`;
}

/** The page's numbered "References" section, or '' when nothing is cited. */
export function renderReferences(env: EssayEnv): string {
  if (env.cited.length === 0) return '';
  const items = env.cited
    .map((key) => `<li id="ref-${safeId(key)}">${formatReference(env.bibliography.get(key)!)}</li>`)
    .join('\n');
  return `<section class="references" aria-labelledby="references">
<h2 id="references">${env.strings.references}</h2>
<ol>
${items}
</ol>
</section>`;
}

export function citationPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('link', 'citation', citationRule);
  md.core.ruler.after('inline', 'citation_numbers', numberCitations);
  md.renderer.rules.citation = (tokens, idx, _options, env) => renderCitation((tokens[idx].meta as unknown as CitationMeta).items!, essayEnv(env));
}

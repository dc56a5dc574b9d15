/**
 * Heading ids (via markdown-it-anchor), a `#` permalink after each h2–h4, and the page's table
 * of contents built from its h2 and h3 headings.
 */
import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import { essayEnv, type Heading } from './env.ts';
import { escapeHtml } from './html.ts';

/** Ids the page template uses itself; headings get `-1`, `-2` … instead. */
export const RESERVED_IDS = ['main', 'contents', 'references', 'toc-title'];

export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9\s-]/g, '')
      .trim()
      .replace(/[\s-]+/g, '-') || 'section'
  );
}

/** Inline tokens safe inside the TOC's own `<a>`: links and citations removed. */
function withoutLinks(children: Token[]): Token[] {
  return children.filter((t) => t.type !== 'link_open' && t.type !== 'link_close' && t.type !== 'citation');
}

function collectHeadings(state: StateCore): void {
  const env = essayEnv(state.env);
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open.type !== 'heading_open' || (open.tag !== 'h2' && open.tag !== 'h3')) continue;
    const id = open.attrGet('id');
    const inline = tokens[i + 1];
    if (id === null || !inline.children) continue;
    const html = state.md.renderer.renderInline(withoutLinks(inline.children), state.md.options, state.env);
    env.headings.push({ level: open.tag === 'h2' ? 2 : 3, id: String(id), html });
  }
}

export function tocPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'reserve_ids', (state) => {
    const env = state.env as { markdownItAnchor?: { slugs: Record<string, boolean> } };
    env.markdownItAnchor = { slugs: Object.fromEntries(RESERVED_IDS.map((id) => [id, true])) };
  });
  md.use(anchor, { level: [2, 3, 4], slugify, tabIndex: false });
  md.core.ruler.push('toc', collectHeadings);
  const closeDefault = md.renderer.rules.heading_close;
  md.renderer.rules.heading_close = (tokens, idx, options, env, self) => {
    const id = tokens[idx - 2]?.attrGet('id');
    const link = id !== null && id !== undefined ? `<a class="header-anchor" href="#${escapeHtml(String(id))}" aria-hidden="true" tabindex="-1">#</a>` : '';
    const close = closeDefault ? closeDefault(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
    return link + close;
  };
}

/** The table of contents as a nested list; '' for a page with fewer than two sections. */
export function renderToc(headings: Heading[], title = 'Contents'): string {
  if (headings.length < 2) return '';
  let html = '';
  let open3 = false;
  for (const h of headings) {
    const link = `<a href="#${escapeHtml(h.id)}">${h.html}</a>`;
    if (h.level === 3) {
      if (!html) html = '<li>';
      html += open3 ? `</li>\n<li>${link}` : `\n<ol>\n<li>${link}`;
      open3 = true;
      continue;
    }
    if (open3) html += '</li>\n</ol>';
    open3 = false;
    html += `${html ? '</li>\n' : ''}<li>${link}`;
  }
  html += open3 ? '</li>\n</ol></li>' : '</li>';
  return `<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">${title}</h2>
<ol>
${html}
</ol>
</nav>`;
}

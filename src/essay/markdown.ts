/** The Markdown parser every page goes through: CommonMark + HTML + math, citations, widgets, lecture scenes, headings. */
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { citationPlugin } from './citations.ts';
import { mathPlugin } from './math.ts';
import { tocPlugin } from './toc.ts';
import { scenesPlugin } from './scenes.ts';
import { widgetPlugin } from './widgets.ts';
import { frenchSpacing } from './french-typography.ts';

export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: true, typographer: true, linkify: false });
  md.use(mathPlugin).use(citationPlugin).use(widgetPlugin).use(scenesPlugin).use(tocPlugin);
  // French pages: French spacing before high punctuation, in text only (math, code, HTML and link
  // addresses are other tokens or attributes and stay as written).
  md.core.ruler.after('inline', 'french_spacing', (state) => {
    if ((state.env as { lang?: string } | undefined)?.lang !== 'fr') return;
    for (const block of state.tokens) {
      for (const token of block.children ?? []) if (token.type === 'text') token.content = frenchSpacing(token.content);
    }
  });
  return md;
}

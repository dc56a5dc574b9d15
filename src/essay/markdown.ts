/** The Markdown parser every page goes through: CommonMark + HTML + math, citations, widgets, lecture scenes, headings. */
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { citationPlugin } from './citations.ts';
import { mathPlugin } from './math.ts';
import { tocPlugin } from './toc.ts';
import { scenesPlugin } from './scenes.ts';
import { widgetPlugin } from './widgets.ts';

export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: true, typographer: true, linkify: false });
  md.use(mathPlugin).use(citationPlugin).use(widgetPlugin).use(scenesPlugin).use(tocPlugin);
  return md;
}

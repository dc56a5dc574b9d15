/**
 * One Markdown source -> the pieces of its page: front matter, body HTML (math typeset, citations
 * numbered, widgets validated), table of contents and reference list. Pure: strings in, strings out.
 */
import type { WidgetSchema } from '../settings/schema.ts';
import type { Bibliography } from './bibliography.ts';
import { renderReferences } from './citations.ts';
import { createEnv, type Heading, type PageScenes, type PageWidget } from './env.ts';
import { parseFrontMatter, type ChapterMeta } from './frontmatter.ts';
import { createMarkdown } from './markdown.ts';
import type { Lang } from './strings.ts';
import { renderToc } from './toc.ts';

export interface RenderContext {
  bibliography: Bibliography;
  widgets: readonly WidgetSchema[];
  /** The edition: 'en' (content/) or 'fr' (content/fr/); English when absent. */
  lang?: Lang;
}

export interface RenderedChapter {
  meta: ChapterMeta;
  /** Body HTML. */
  html: string;
  /** Table of contents HTML ('' when the page has fewer than two sections). */
  toc: string;
  headings: Heading[];
  /** The "References" section ('' when nothing is cited). */
  references: string;
  /** Citation keys in reference-list order. */
  cited: string[];
  /** Source items rendered as inline HTML. */
  sources: string[];
  /** Widget tags used on the page, in order. */
  widgets: string[];
  /** The page's lecture scenes, figure by figure. */
  scenes: PageScenes[];
  /** The page's widgets that have an id, in order (the embed page shows any of them alone). */
  figures: (PageWidget & { id: string })[];
  /** Every widget figure, in order, with its file line (a translation keeps its twin's: site.ts). */
  figureList: { tag: string; id: string | null; line: number }[];
}

const md = createMarkdown();

/** Render a Markdown body (no front matter); `lineOffset` maps its lines back to the file's. */
export function renderMarkdown(body: string, file: string, context: RenderContext, lineOffset = 0) {
  const env = createEnv({ file, lineOffset }, context.bibliography, context.widgets, context.lang ?? 'en');
  const tokens = md.parse(body, env);
  const html = md.renderer.render(tokens, md.options, env);
  const widgets = tokens.filter((t) => t.type === 'widget').map((t) => t.tag);
  return { html, env, widgets };
}

/** Render a whole chapter file: front matter + body. Throws EssayError naming file and line. */
export function renderChapter(source: string, file: string, context: RenderContext, kind: 'chapter' | 'landing' = 'chapter'): RenderedChapter {
  const { meta, body, lineOffset } = parseFrontMatter(source, file, kind);
  const { html, env, widgets } = renderMarkdown(body, file, context, lineOffset);
  // Sources may carry Markdown links or citations; they share the page's numbering, so render them
  // before the reference list is made.
  const sources = meta.sources.map((s) => md.renderInline(s, env));
  return {
    meta,
    html,
    toc: renderToc(env.headings, env.strings.contents),
    headings: env.headings,
    references: renderReferences(env),
    cited: env.cited,
    sources,
    widgets,
    scenes: env.scenes,
    figures: [...env.widgetsById].map(([id, w]) => ({ id, ...w })),
    figureList: env.figureList,
  };
}

/**
 * The whole site from its sources: chapters in reading order (front matter `order`), one page per
 * chapter at `<slug>.html`, the landing page `index.html`, `present.html`, every chapter's lecture
 * scenes for a lecturer, and `embed.html`, any one figure alone (for slides; embed-page.ts). A chapter's slug is its file name
 * without `.md` and without a leading number: `content/01-introduction.md` -> `introduction.html`.
 */
import { EssayError } from './errors.ts';
import { parseFrontMatter } from './frontmatter.ts';
import { embedHtml, type EmbedChapter } from './embed-page.ts';
import { renderChapter, type RenderContext, type RenderedChapter } from './render.ts';
import { chapterHtml, landingHtml, presentHtml, type ChapterLink } from './template.ts';

export interface SourceFile {
  /** Path shown in errors, relative to the project root: `content/01-introduction.md`. */
  file: string;
  text: string;
}

export interface SitePlan {
  chapters: (ChapterLink & SourceFile)[];
  landing: SourceFile | null;
}

export function slugOf(file: string): string {
  const base = file.split(/[\\/]/).pop()!.replace(/\.md$/, '');
  return base.replace(/^\d+[-_]/, '');
}

/** Read every chapter's front matter and fix the reading order; no rendering yet. */
export function planSite(files: SourceFile[]): SitePlan {
  const landing = files.find((f) => slugOf(f.file) === 'index') ?? null;
  const chapters = files
    .filter((f) => f !== landing)
    .map((f) => ({ ...f, slug: slugOf(f.file), meta: parseFrontMatter(f.text, f.file).meta }));
  for (const c of chapters) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(c.slug)) {
      throw new EssayError(c.file, 1, `file name gives the slug "${c.slug}": use lowercase letters, digits and hyphens`);
    }
    const twin = chapters.find((o) => o !== c && (o.slug === c.slug || o.meta.order === c.meta.order));
    if (twin) {
      const what = twin.slug === c.slug ? `the slug "${c.slug}"` : `order ${c.meta.order}`;
      throw new EssayError(c.file, 1, `${what} is also used by ${twin.file}`);
    }
  }
  chapters.sort((a, b) => a.meta.order - b.meta.order);
  return {
    landing,
    chapters: chapters.map((c, i) => ({ file: c.file, text: c.text, slug: c.slug, title: c.meta.title, summary: c.meta.summary, number: i + 1 })),
  };
}

/** The pages made from every chapter at once: the lecture scenes and the embed page. */
const GATHERED = ['present', 'embed'];

export function pageSlugs(plan: SitePlan): string[] {
  return ['index', ...plan.chapters.map((c) => c.slug), ...GATHERED];
}

/**
 * The pages gathered from every chapter's rendering. Widget ids are unique across the site (the
 * embed page's `?w=<id>` names one figure): a second use fails the build at its line.
 */
function gatheredPages(links: ChapterLink[], rendered: RenderedChapter[], files: SourceFile[]): Map<string, string> {
  const seen = new Map<string, string>();
  rendered.forEach((chapter, i) => {
    for (const f of chapter.figures) {
      const first = seen.get(f.id);
      if (first) throw new EssayError(files[i].file, f.line, `widget id "${f.id}" is also used in ${first}: ids are unique across the site (embed.html?w=<id> names one figure)`);
      seen.set(f.id, files[i].file);
    }
  });
  const chapters: EmbedChapter[] = links.map((l, i) => ({ ...l, scenes: rendered[i].scenes, figures: rendered[i].figures }));
  return new Map([
    ['present', presentHtml(chapters)],
    ['embed', embedHtml(chapters)],
  ]);
}

/** Render one page of the site; null for a slug it does not have. */
export function renderPage(plan: SitePlan, slug: string, context: RenderContext): string | null {
  const links = plan.chapters.map(({ slug, title, summary, number }) => ({ slug, title, summary, number }));
  if (slug === 'index') {
    const intro = plan.landing ? renderChapter(plan.landing.text, plan.landing.file, context, 'landing') : null;
    return landingHtml(intro, links);
  }
  if (GATHERED.includes(slug)) return gatheredPages(links, plan.chapters.map((c) => renderChapter(c.text, c.file, context)), plan.chapters).get(slug)!;
  const self = plan.chapters.find((c) => c.slug === slug);
  if (!self) return null;
  const chapter = renderChapter(self.text, self.file, context);
  return chapterHtml({ chapter, self: links[self.number - 1], chapters: links });
}

/** Every page, keyed by slug; the first error stops the build. */
export function renderSite(files: SourceFile[], context: RenderContext): Map<string, string> {
  const plan = planSite(files);
  const links = plan.chapters.map(({ slug, title, summary, number }) => ({ slug, title, summary, number }));
  const pages = new Map<string, string>();
  const rendered: RenderedChapter[] = [];
  for (const slug of pageSlugs(plan)) {
    if (GATHERED.includes(slug)) continue;
    const self = plan.chapters.find((c) => c.slug === slug);
    if (!self) {
      pages.set(slug, renderPage(plan, slug, context)!);
      continue;
    }
    // Each chapter is rendered once: its page, and its scenes and figures for the gathered pages.
    const chapter = renderChapter(self.text, self.file, context);
    rendered[self.number - 1] = chapter;
    pages.set(slug, chapterHtml({ chapter, self: links[self.number - 1], chapters: links }));
  }
  for (const [slug, html] of gatheredPages(links, rendered, plan.chapters)) pages.set(slug, html);
  return pages;
}

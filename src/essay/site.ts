/**
 * The whole site from its sources: chapters in reading order (front matter `order`), one page per
 * chapter at `<slug>.html`, the landing page `index.html`, and `present.html`, every chapter's lecture
 * scenes for a lecturer. A chapter's slug is its file name
 * without `.md` and without a leading number: `content/01-introduction.md` -> `introduction.html`.
 */
import { EssayError } from './errors.ts';
import { parseFrontMatter } from './frontmatter.ts';
import type { PageScenes } from './env.ts';
import { renderChapter, type RenderContext } from './render.ts';
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

export function pageSlugs(plan: SitePlan): string[] {
  return ['index', ...plan.chapters.map((c) => c.slug), 'present'];
}

/** Render one page of the site; null for a slug it does not have. */
export function renderPage(plan: SitePlan, slug: string, context: RenderContext): string | null {
  const links = plan.chapters.map(({ slug, title, summary, number }) => ({ slug, title, summary, number }));
  if (slug === 'index') {
    const intro = plan.landing ? renderChapter(plan.landing.text, plan.landing.file, context, 'landing') : null;
    return landingHtml(intro, links);
  }
  if (slug === 'present') return presentHtml(plan.chapters.map((c, i) => ({ ...links[i], scenes: renderChapter(c.text, c.file, context).scenes })));
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
  const scenes: PageScenes[][] = [];
  for (const slug of pageSlugs(plan)) {
    if (slug === 'present') continue;
    const self = plan.chapters.find((c) => c.slug === slug);
    if (!self) {
      pages.set(slug, renderPage(plan, slug, context)!);
      continue;
    }
    // Each chapter is rendered once: its page, and its scenes for the presenter's page.
    const chapter = renderChapter(self.text, self.file, context);
    scenes[self.number - 1] = chapter.scenes;
    pages.set(slug, chapterHtml({ chapter, self: links[self.number - 1], chapters: links }));
  }
  pages.set('present', presentHtml(links.map((l, i) => ({ ...l, scenes: scenes[i] ?? [] }))));
  return pages;
}

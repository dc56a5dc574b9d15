/**
 * The whole site from its sources: chapters in reading order (front matter `order`), one page per
 * chapter at `<slug>.html`, the landing page `index.html`, `present.html`, every chapter's lecture
 * scenes for a lecturer, and `embed.html`, any one figure alone (for slides; embed-page.ts); the French edition
 * has the same under fr/ (fr/embed.html included). A chapter's slug is its file name
 * without `.md` and without a leading number: `content/01-introduction.md` -> `introduction.html`.
 */
import { EssayError } from './errors.ts';
import { parseFrontMatter } from './frontmatter.ts';
import { embedHtml, type EmbedChapter } from './embed-page.ts';
import { renderChapter, type RenderContext, type RenderedChapter } from './render.ts';
import { chapterHtml, landingHtml, pageHref, presentHtml, type ChapterLink, type Edition } from './template.ts';
import { fr } from '../i18n/fr.ts';
import { frenchCatalogue } from './french-typography.ts';

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
function gatheredPages(links: ChapterLink[], rendered: RenderedChapter[], files: SourceFile[], edition?: Edition, embedEdition?: Edition): Map<string, string> {
  const seen = new Map<string, string>();
  rendered.forEach((chapter, i) => {
    for (const f of chapter.figures) {
      const first = seen.get(f.id);
      if (first) throw new EssayError(files[i].file, f.line, `widget id "${f.id}" is also used in ${first}: ids are unique across the site (embed.html?w=<id> names one figure)`);
      seen.set(f.id, files[i].file);
    }
  });
  const chapters: EmbedChapter[] = links.map((l, i) => ({ ...l, scenes: rendered[i].scenes, figures: rendered[i].figures }));
  // Each edition has its embed page (embed.html, fr/embed.html), which its present page links to.
  return new Map([
    ['present', presentHtml(chapters, edition)],
    ['embed', embedHtml(chapters, embedEdition)],
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

/** Every page, keyed by its path without `.html` (`index`, `<slug>`, `present`, `embed`, and `fr/…` for the French edition); the first error stops the build. */
export function renderSite(files: SourceFile[], context: RenderContext, french: SourceFile[] = []): Map<string, string> {
  const plan = planSite(files);
  const frPlan = french.length > 0 ? planSite(french) : null;
  if (frPlan) checkTwins(plan, frPlan);
  const twinOf = (slug: string) => (frPlan ? (slug === 'index' || slug === 'present' ? true : frPlan.chapters.some((c) => c.slug === slug)) : false);
  const english = renderEdition(plan, { ...context, lang: 'en' }, (slug) => ({
    lang: 'en',
    alternates: twinOf(slug) ? [{ lang: 'en', href: pageHref(slug) }, { lang: 'fr', href: `./fr/${slug}.html` }] : undefined,
  }));
  const pages = english.pages;
  if (!frPlan) return pages;
  const head = frenchHead();
  const french_ = renderEdition(
    frPlan,
    { ...context, lang: 'fr' },
    (slug) => ({ lang: 'fr', alternates: [{ lang: 'en', href: `../${slug}.html` }, { lang: 'fr', href: pageHref(slug) }], head }),
    new Map(plan.chapters.map((c) => [c.slug, c.number])),
  );
  for (const [slug, chapter] of french_.chapters) checkParity(english.chapters.get(slug)!, chapter, frPlan.chapters.find((c) => c.slug === slug)!.file);
  for (const [slug, html] of french_.pages) pages.set(`fr/${slug}`, html);
  return pages;
}

/** What a page one folder down needs: the site root (service worker), the data folder, and the widgets' message catalogue as data. */
function frenchHead(): string {
  const json = JSON.stringify(frenchCatalogue(fr)).replace(/</g, '\\u003c');
  return `<meta name="local-minimum:root" content="../">
<meta name="local-minimum:data" content="../data/">
<script type="application/json" id="lm-messages">${json}</script>`;
}

/** Every French chapter translates an English one: the same file name (slug) and the same `order`. */
function checkTwins(english: SitePlan, french: SitePlan): void {
  for (const c of french.chapters) {
    const twin = english.chapters.find((e) => e.slug === c.slug);
    if (!twin) throw new EssayError(c.file, 1, `no English chapter with the slug "${c.slug}": a French chapter keeps its English twin's file name`);
    const frOrder = parseFrontMatter(c.text, c.file).meta.order;
    const enOrder = parseFrontMatter(twin.text, twin.file).meta.order;
    if (frOrder !== enOrder) throw new EssayError(c.file, lineOfKey(c.text, 'order'), `order ${frOrder} differs from ${twin.file} (order ${enOrder})`);
  }
}

function lineOfKey(text: string, key: string): number {
  const at = text.search(new RegExp(`^${key}\\s*:`, 'm'));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/**
 * A translation keeps its twin's figures: the same widgets with the same ids in the same order, and
 * the same number of lecture scenes per widget (a lecturer's `#id.scene=3` means the same in both).
 */
export function checkParity(english: RenderedChapter, french: RenderedChapter, file: string): void {
  const n = Math.max(english.figureList.length, french.figureList.length);
  const show = (f: { tag: string; id: string | null } | undefined) => (f ? `<${f.tag}${f.id ? ` id="${f.id}"` : ''}>` : 'nothing');
  for (let i = 0; i < n; i++) {
    const en = english.figureList[i];
    const frFig = french.figureList[i];
    if (en && frFig && en.tag === frFig.tag && en.id === frFig.id) continue;
    const line = frFig?.line ?? french.figureList.at(-1)?.line ?? 1;
    throw new EssayError(file, line, `figure ${i + 1} is ${show(frFig)} but the English twin's is ${show(en)}: a translation keeps the same widgets, ids and order`);
  }
  for (const en of english.scenes) {
    const frScenes = french.scenes.find((sc) => sc.id === en.id);
    const count = frScenes?.notes.length ?? 0;
    if (count !== en.notes.length) {
      const line = frScenes?.line ?? french.figureList.find((f) => f.id === en.id)?.line ?? 1;
      throw new EssayError(file, line, `scenes for "${en.id}": ${count} scene${count === 1 ? '' : 's'}, the English twin has ${en.notes.length}`);
    }
  }
  const extra = french.scenes.find((sc) => !english.scenes.some((e) => e.id === sc.id));
  if (extra) throw new EssayError(file, extra.line ?? 1, `scenes for "${extra.id}": the English twin has no scenes for this figure`);
}

/** One language's pages (keyed by slug) and its rendered chapters. `numbers`: chapter numbers to show (the French edition keeps the English numbering). */
function renderEdition(plan: SitePlan, context: RenderContext, edition: (slug: string) => Edition, numbers?: Map<string, number>) {
  const links = plan.chapters.map(({ slug, title, summary, number }) => ({ slug, title, summary, number: numbers?.get(slug) ?? number }));
  const pages = new Map<string, string>();
  const chapters = new Map<string, RenderedChapter>();
  const rendered: RenderedChapter[] = [];
  for (const slug of pageSlugs(plan)) {
    if (GATHERED.includes(slug)) continue;
    const at = plan.chapters.findIndex((c) => c.slug === slug);
    if (at < 0) {
      const intro = plan.landing ? renderChapter(plan.landing.text, plan.landing.file, context, 'landing') : null;
      pages.set(slug, landingHtml(intro, links, edition(slug)));
      continue;
    }
    const self = plan.chapters[at];
    // Each chapter is rendered once: its page, and its scenes and figures for the gathered pages.
    const chapter = renderChapter(self.text, self.file, context);
    chapters.set(slug, chapter);
    rendered[at] = chapter;
    pages.set(slug, chapterHtml({ chapter, self: links[at], chapters: links, edition: edition(slug) }));
  }
  // The embed page has no header, so no language switch, and no alternates: the English one is
  // rendered without them (as renderPage does), the French one with its edition's head alone.
  const embed = edition('embed');
  for (const [slug, html] of gatheredPages(links, rendered, plan.chapters, edition('present'), { lang: embed.lang, head: embed.head })) pages.set(slug, html);
  return { pages, chapters };
}

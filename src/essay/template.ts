/**
 * The page shell around rendered Markdown: landmarks, skip link, table of contents, references,
 * previous/next links. Every page loads one stylesheet and one client module; Vite rewrites both
 * root-relative URLs into hashed, relative asset URLs at build time (base: './').
 */
import { escapeHtml } from './html.ts';
import type { PageScenes } from './env.ts';
import type { RenderedChapter } from './render.ts';

export const SITE_TITLE = 'Local Minimum';
/** A valley with a ball resting in it, inline so that no request is made for /favicon.ico. */
const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M2 6C8 6 9 26 16 26S24 14 30 14" fill="none" stroke="#1d5fb8" stroke-width="3"/><circle cx="16" cy="21" r="4" fill="#d55e00"/></svg>',
)}`;

/** Root-relative: Vite resolves them from the project root, in dev and in the build. */
export const STYLESHEET = '/src/styles/main.css';
export const CLIENT_ENTRY = '/src/essay/client.ts';

export interface ChapterLink {
  slug: string;
  title: string;
  summary: string;
  /** 1-based position in the reading order. */
  number: number;
}

export function pageHref(slug: string): string {
  return `./${slug}.html`;
}

/** The embed page (embed-page.ts) showing one figure alone, at a lecture scene if given. */
export function embedHref(id: string, scene?: number): string {
  return `./embed.html?w=${id}${scene ? `&amp;scene=${scene}` : ''}`;
}

export interface ShellOptions {
  /** The page's one module script (default: the essay client). */
  script?: string;
  /** A second stylesheet after the site's. */
  stylesheet?: string;
  /** The "Skip to the text" link (pages with a header before the text). */
  skipLink?: boolean;
}

export function shell(title: string, description: string, body: string, options: ShellOptions = {}): string {
  const { script = CLIENT_ENTRY, stylesheet, skipLink = true } = options;
  const extra = stylesheet ? `\n<link rel="stylesheet" href="${stylesheet}">` : '';
  const skip = skipLink ? '\n<a class="skip-link" href="#main">Skip to the text</a>' : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#1d5fb8">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description)}">
<link rel="icon" href="${FAVICON}">
<link rel="stylesheet" href="${STYLESHEET}">${extra}
<script type="module" src="${script}"></script>
</head>
<body>${skip}
${body}
</body>
</html>
`;
}

/** `withBackend`: a badge the widget runtime fills with the compute backend (WebGPU, WebGL …). */
function siteHeader(current: string, withBackend = false): string {
  const home = current === 'index' ? ' aria-current="page"' : '';
  const badge = withBackend ? '\n<p class="backend-badge">Models run on <span data-lm-backend></span></p>' : '';
  return `<header class="site-header">
<a class="site-title" href="${pageHref('index')}"${home}>${SITE_TITLE}</a>
<span class="site-tagline">is deep learning in a local minimum?</span>${badge}
</header>`;
}

function siteFooter(chapters: ChapterLink[], current: string, sources: string[]): string {
  const list = chapters
    .map((c) => `<li><a href="${pageHref(c.slug)}"${c.slug === current ? ' aria-current="page"' : ''}>${escapeHtml(c.title)}</a></li>`)
    .join('\n');
  const whose = current === 'index' ? 'This essay' : 'This chapter';
  const drawn = sources.length ? `<p class="chapter-sources">${whose} draws on ${sources.join('; ')}.</p>\n` : '';
  return `<footer class="site-footer">
${drawn}<nav aria-label="All chapters">
<h2 class="footer-heading">Chapters</h2>
<ol class="footer-chapters">
${list}
</ol>
<p class="footer-present"><a href="${pageHref('present')}"${current === 'present' ? ' aria-current="page"' : ''}>Lecture scenes</a>: every figure's presets for a lecture, stepped with a clicker.</p>
</nav>
<p class="colophon">${SITE_TITLE} is an interactive essay. Its models train in your browser; the page loads nothing from other sites and sends nothing anywhere.</p>
</footer>`;
}

/** Previous and next chapter; the first chapter's "previous" is the landing page. */
function chapterNav(prev: ChapterLink | undefined, next: ChapterLink | undefined): string {
  const link = (slug: string, title: string, rel: 'prev' | 'next') => {
    const label = rel === 'prev' ? '← Previous' : 'Next →';
    return `<a class="chapter-nav-${rel}" rel="${rel}" href="${pageHref(slug)}"><span class="chapter-nav-label">${label}</span> <span class="chapter-nav-title">${escapeHtml(title)}</span></a>`;
  };
  const before = prev ? link(prev.slug, prev.title, 'prev') : link('index', `${SITE_TITLE}: all chapters`, 'prev');
  const after = next ? link(next.slug, next.title, 'next') : '';
  return `<nav class="chapter-nav" aria-label="Previous and next chapters">
${before}
${after}
</nav>`;
}

export interface ChapterPage {
  chapter: RenderedChapter;
  self: ChapterLink;
  chapters: ChapterLink[];
}

export function chapterHtml({ chapter, self, chapters }: ChapterPage): string {
  const at = chapters.findIndex((c) => c.slug === self.slug);
  const body = `${siteHeader(self.slug, chapter.widgets.length > 0)}
<main id="main" tabindex="-1">
<article class="chapter">
<header class="chapter-header">
<p class="chapter-kicker">Chapter ${self.number}</p>
<h1>${escapeHtml(chapter.meta.title)}</h1>
<p class="chapter-summary">${escapeHtml(chapter.meta.summary)}</p>
</header>
${chapter.toc}
<div class="prose">
${chapter.html}
</div>
${chapter.references}
</article>
${chapterNav(chapters[at - 1], chapters[at + 1])}
</main>
${siteFooter(chapters, self.slug, chapter.sources)}`;
  return shell(`${chapter.meta.title} · ${SITE_TITLE}`, chapter.meta.summary, body);
}

/** The landing page: the essay's introduction (content/index.md, if any) and the chapter list. */
export function landingHtml(intro: RenderedChapter | null, chapters: ChapterLink[]): string {
  const title = intro?.meta.title ?? SITE_TITLE;
  const summary = intro?.meta.summary ?? 'An interactive essay on the limits of deep learning.';
  const list = chapters
    .map(
      (c) => `<li class="chapter-card">
<a href="${pageHref(c.slug)}"><span class="chapter-card-number">${c.number}</span> <span class="chapter-card-title">${escapeHtml(c.title)}</span></a>
<p>${escapeHtml(c.summary)}</p>
</li>`,
    )
    .join('\n');
  const start = chapters[0] ? `<p class="start-reading"><a href="${pageHref(chapters[0].slug)}">Start reading: ${escapeHtml(chapters[0].title)} →</a></p>` : '';
  const body = `${siteHeader('index')}
<main id="main" tabindex="-1">
<article class="landing">
<header class="chapter-header">
<h1>${escapeHtml(title)}</h1>
<p class="chapter-summary">${escapeHtml(summary)}</p>
</header>
<div class="prose">
${intro?.html ?? ''}
</div>
<section class="chapter-index" aria-labelledby="chapters">
<h2 id="chapters">Chapters</h2>
<ol class="chapter-list">
${list}
</ol>
${start}
</section>
${intro?.references ?? ''}
</article>
</main>
${siteFooter(chapters, 'index', intro?.sources ?? [])}`;
  return shell(title === SITE_TITLE ? title : `${SITE_TITLE}: ${title}`, summary, body);
}

/** The presenter's page (`present.html`): every chapter's lecture scenes, each a link that opens the scene. */
export function presentHtml(chapters: (ChapterLink & { scenes: PageScenes[] })[]): string {
  const sections = chapters
    .filter((c) => c.scenes.length > 0)
    .map((c) => {
      const figures = c.scenes
        .map((f) => {
          const items = f.notes
            .map((note, i) => {
              const embed = `<a class="present-embed" href="${embedHref(f.id, i + 1)}" aria-label="Embed scene ${i + 1} of Figure ${f.figure} (for slides)">Embed</a>`;
              return `<li><a href="${pageHref(c.slug)}#${f.id}.scene=${i + 1}">${escapeHtml(note)}</a> <span class="present-embed-sep" aria-hidden="true">·</span> ${embed}</li>`;
            })
            .join('\n');
          return `<h3>Figure ${f.figure}. ${escapeHtml(f.title)}</h3>\n<ol class="present-scenes">\n${items}\n</ol>`;
        })
        .join('\n');
      return `<section aria-labelledby="present-${c.slug}">\n<h2 id="present-${c.slug}">${c.number}. <a href="${pageHref(c.slug)}">${escapeHtml(c.title)}</a></h2>\n${figures}\n</section>`;
    })
    .join('\n');
  const summary = 'Every lecture scene of the essay, chapter by chapter: a link opens the figure on that scene.';
  const body = `${siteHeader('present')}
<main id="main" tabindex="-1">
<article class="landing">
<header class="chapter-header">
<h1>Lecture scenes</h1>
<p class="chapter-summary">${summary}</p>
</header>
<div class="prose">
<p>Open a scene, press <kbd>F</kbd> for projector mode, then step through the figure's scenes with <kbd>Page Down</kbd> and <kbd>Page Up</kbd> (what a presentation clicker sends); <kbd>Space</kbd> plays and pauses, <kbd>→</kbd> takes one step, <kbd>R</kbd> resets, <kbd>Esc</kbd> leaves. Each scene sets every setting and the seed, so it runs the same every time.</p>
<p>For slides, a scene's <em>Embed</em> link shows that figure alone, locked to the scene and filling the window: put its address in an <code>&lt;iframe&gt;</code> or open it in a tab (<a href="./embed.html">every figure</a>).</p>
${sections}
</div>
</article>
</main>
${siteFooter(chapters, 'present', [])}`;
  return shell(`${SITE_TITLE}: lecture scenes`, summary, body);
}

/**
 * The embed page (`embed.html?w=<widget id>&scene=<n>`): one figure alone, locked and filling the
 * window, for a lecturer's slides or an `<iframe>`. Widget ids are unique across the site (site.ts
 * checks), so an id names a figure.
 *
 * The page holds every figure with an id as an inert `<template>` (the widget's tag with the
 * essay's attributes, and its lecture scenes as the hidden list the widget reads them from), and
 * the list of figures, shown without JavaScript or when the address names none. A small inline
 * script (`embedScript`, run while the page is parsed, so before the essay's client boots the
 * widgets) puts the figure asked for in the page; the client then boots it as on its chapter page.
 * The page loads the same client as a chapter page, so chapter pages carry no code for it beyond
 * the lock itself: `data-lm-embed` on the tag (shell.ts) makes the widget projector-sized with its
 * settings, export and projector button away, and leaves F and Page Up/Down to the page.
 */
import { escapeHtml } from './html.ts';
import type { PageScenes, PageWidget } from './env.ts';
import { renderScenes } from './scenes.ts';
import { embedHref, pageHref, shell, SITE_TITLE, type ChapterLink } from './template.ts';

export const EMBED_STYLESHEET = '/src/styles/embed.css';

export interface EmbedChapter extends ChapterLink {
  figures: (PageWidget & { id: string })[];
  scenes: PageScenes[];
}

function template(chapter: EmbedChapter, figure: PageWidget & { id: string }): string {
  const { schema, attrs, id } = figure;
  // The caption stays on the chapter page: a locked figure never unfolds it.
  const attrText = attrs
    .filter((a) => a.name !== 'caption')
    .map((a) => ` ${a.name}="${escapeHtml(a.value)}"`)
    .join('');
  const own = chapter.scenes.find((s) => s.id === id);
  const scenes = own ? renderScenes({ id, figure: figure.figure, scenes: own.notes.map((note, i) => ({ note, attrs: own.settings[i] })) }).replace('<details ', '<details hidden ') : '';
  const data = `data-embed="${id}" data-chapter="${chapter.slug}" data-chapter-title="${escapeHtml(chapter.title)}" data-title="${escapeHtml(schema.title)}" data-scenes="${own?.notes.length ?? 0}"`;
  return `<template ${data}>
<${schema.tag}${attrText} data-lm-embed><div class="widget-fallback"><p class="widget-fallback-title">${escapeHtml(schema.title)}</p></div></${schema.tag}>
${scenes}</template>`;
}

function listing(chapter: EmbedChapter): string {
  const items = chapter.figures
    .map((f) => {
      const own = chapter.scenes.find((s) => s.id === f.id);
      const scenes = own ? ` <span class="embed-scenes">scenes ${own.notes.map((_, i) => `<a href="${embedHref(f.id, i + 1)}" aria-label="${escapeHtml(f.schema.title)}, scene ${i + 1}">${i + 1}</a>`).join(' ')}</span>` : '';
      return `<li><a href="${embedHref(f.id)}">Figure ${f.figure}. ${escapeHtml(f.schema.title)}</a> <code>w=${f.id}</code>${scenes}</li>`;
    })
    .join('\n');
  return `<h2>${chapter.number}. <a href="${pageHref(chapter.slug)}">${escapeHtml(chapter.title)}</a></h2>\n<ul class="embed-list">\n${items}\n</ul>`;
}

export function embedHtml(chapters: EmbedChapter[]): string {
  const withFigures = chapters.filter((c) => c.figures.length > 0);
  const summary = 'One figure of the essay alone, locked and filling the window, for slides or an iframe.';
  const body = `<main id="main" class="embed-main" tabindex="-1">
<h1 class="lm-visually-hidden" data-embed-heading hidden></h1>
<div class="embed-slot" data-embed-slot></div>
<p class="embed-open" data-embed-open hidden><a target="_blank" rel="noopener" href="${pageHref('index')}">Open in the essay</a></p>
<section class="embed-index prose" data-embed-index aria-labelledby="embed-index-title">
<h1 id="embed-index-title">Embed a figure</h1>
<p class="embed-message" data-embed-message role="alert" hidden></p>
<p>${summary} The address <code>embed.html?w=&lt;figure&gt;&amp;scene=&lt;n&gt;</code> shows the figure on that lecture scene (the scene is optional; a chapter's state link, <code>embed.html#&lt;figure&gt;.&lt;setting&gt;=&lt;value&gt;</code>, works too). Its settings cannot be changed there; <kbd>Space</kbd> plays and pauses, <kbd>→</kbd> steps, <kbd>R</kbd> resets. In HTML slides:</p>
<pre><code>&lt;iframe src="embed.html?w=bp-vs-fa&amp;amp;scene=2" title="Backprop vs feedback alignment" width="1280" height="720"&gt;&lt;/iframe&gt;</code></pre>
<p>Every figure's <em>Embed link</em> button copies its address with its current settings. The figures:</p>
${withFigures.map(listing).join('\n')}
<p><a href="${pageHref('index')}">${SITE_TITLE}</a> · <a href="${pageHref('present')}">Lecture scenes</a></p>
</section>
${withFigures.flatMap((c) => c.figures.map((f) => template(c, f))).join('\n')}
<script>(${embedScript.toString()})();</script>
</main>`;
  return shell(`${SITE_TITLE}: embed a figure`, summary, body, undefined, { stylesheet: EMBED_STYLESHEET, skipLink: false });
}

/**
 * Runs in the page, inline (so self-contained: no imports, no outer names). Reads which figure and
 * scene the address asks for: `?w=<id>&scene=<n>`, a chapter's state hash `#<id>.<key>=<value>`
 * (with or without `w`), or both; `scene` becomes the hash's `<id>.scene=<n>`, which the widget
 * reads. An unknown or malformed address shows the list of figures with a message, and no error.
 * Keys pressed outside the figure (focus on the page, as in an iframe just clicked) are handed to
 * it, so Space, → and R work at once; focus is never taken, so slides around an iframe keep theirs.
 */
export function embedScript(): void {
  const available = Array.from(document.querySelectorAll<HTMLTemplateElement>('template[data-embed]'));
  const find = (name: string | null | undefined) => available.find((t) => t.dataset.embed === name);
  const params = new URLSearchParams(location.search);
  const rawScene = params.get('scene');
  const hashTokens = location.hash.replace(/^#/, '').split('&').filter((t) => t !== '');
  // Without `w`, a chapter's state hash names its figure: `#bp-vs-fa.seeds=3&…`.
  const id = params.get('w') ?? hashTokens.map((t) => /^([A-Za-z][\w-]*)\./.exec(t)?.[1]).find((name) => find(name)) ?? null;
  const template = find(id);
  const count = Number(template?.dataset.scenes ?? 0);
  const scene = rawScene !== null && /^\s*\d+\s*$/.test(rawScene) ? Number(rawScene) : NaN;
  let problem = '';
  if (id === null) {
    if (rawScene !== null || hashTokens.length > 0) problem = 'The address names no figure: add ?w= and one of the names below.';
  } else if (!template) problem = `There is no figure named “${id}”. Choose one below.`;
  else if (rawScene !== null && count === 0) problem = `The figure “${id}” has no lecture scenes: leave out scene=.`;
  else if (rawScene !== null && !(scene >= 1 && scene <= count)) problem = `The figure “${id}” has scenes 1 to ${count}; scene=${rawScene} is not one of them.`;
  if (problem) {
    const box = document.querySelector<HTMLElement>('[data-embed-message]')!;
    box.textContent = problem;
    box.hidden = false;
  }
  if (problem || !template || id === null) return;

  const slot = document.querySelector<HTMLElement>('[data-embed-slot]')!;
  slot.append(template.content.cloneNode(true));
  if (rawScene !== null) {
    // The widget reads its scene from the hash, as on its chapter page; settings already there win.
    const rest = hashTokens.filter((t) => !t.startsWith(`${id}.scene=`));
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${[`${id}.scene=${scene}`, ...rest].join('&')}`);
  }
  const title = template.dataset.title ?? id;
  const chapter = template.dataset.chapterTitle ?? '';
  const heading = document.querySelector<HTMLElement>('[data-embed-heading]')!;
  heading.textContent = `${title} (${chapter})`;
  heading.hidden = false;
  document.title = `${title} · Local Minimum`;
  document.querySelector<HTMLElement>('[data-embed-index]')!.hidden = true;
  document.documentElement.classList.add('lm-embed-figure');

  const open = document.querySelector<HTMLElement>('[data-embed-open]')!;
  const link = open.querySelector('a')!;
  // The chapter at this figure, with the state the figure has now (it writes the hash as it changes).
  const update = () => {
    const mine = location.hash.replace(/^#/, '').split('&').filter((t) => t.startsWith(`${id}.`));
    link.href = `./${template.dataset.chapter}.html#${mine.length ? mine.join('&') : id}`;
  };
  update();
  for (const type of ['pointerenter', 'focus', 'click']) link.addEventListener(type, update);
  link.setAttribute('aria-label', `Open in the essay: ${title}, in ${chapter}`);
  open.hidden = false;

  const widget = slot.querySelector<HTMLElement>('[data-lm-embed]')!;
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.defaultPrevented || (target instanceof Node && widget.contains(target)) || (target instanceof Element && target.closest('a, button, input, select, textarea'))) return;
    const figure = widget.querySelector('.lm-figure') ?? widget;
    const forwarded = new KeyboardEvent('keydown', { key: event.key, code: event.code, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, bubbles: true, cancelable: true });
    if (!figure.dispatchEvent(forwarded)) event.preventDefault();
  });
}

/**
 * The embed page (`embed.html?w=<widget id>&scene=<n>`): one figure alone, locked and filling the
 * window, for a lecturer's slides or an `<iframe>`. Each edition has its own: `embed.html`, and
 * `fr/embed.html` with the French chapters' figures and the widgets' French catalogue (TEXT below
 * holds the page's own strings, the inline script's included). Widget ids are unique across the site (site.ts
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
import { frenchSpacing } from './french-typography.ts';
import { renderScenes } from './scenes.ts';
import { STRINGS, type Lang } from './strings.ts';
import { embedHref, pageHref, shell, SITE_TITLE, type ChapterLink, type Edition } from './template.ts';
import { translate } from './translate.ts';

export const EMBED_STYLESHEET = '/src/styles/embed.css';

export interface EmbedChapter extends ChapterLink {
  figures: (PageWidget & { id: string })[];
  scenes: PageScenes[];
}

/**
 * What the inline script says (it runs in the page, so it gets them as data): `{id}`, `{count}`,
 * `{scene}`, `{title}` and `{chapter}` are filled in there.
 */
export interface EmbedScriptText {
  noFigure: string;
  unknown: string;
  noScenes: string;
  badScene: string;
  /** The tab's title once a figure shows. */
  documentTitle: string;
  /** "Open in the essay"'s accessible name. */
  openLabel: string;
}

/** The page's own text, one table per language (the French edition's page is fr/embed.html). */
interface EmbedText {
  pageTitle: string;
  summary: string;
  open: string;
  heading: string;
  /** The paragraph after the summary, up to the example. */
  help: string;
  /** The `<iframe>` example's address and title. */
  example: { src: string; title: string };
  everyFigure: string;
  scenes: string;
  sceneLabel: (title: string, scene: number) => string;
  script: EmbedScriptText;
}

const TEXT: Record<Lang, EmbedText> = {
  en: {
    pageTitle: `${SITE_TITLE}: embed a figure`,
    summary: 'One figure of the essay alone, locked and filling the window, for slides or an iframe.',
    open: 'Open in the essay',
    heading: 'Embed a figure',
    help: "The address <code>embed.html?w=&lt;figure&gt;&amp;scene=&lt;n&gt;</code> shows the figure on that lecture scene (the scene is optional; a chapter's state link, <code>embed.html#&lt;figure&gt;.&lt;setting&gt;=&lt;value&gt;</code>, works too). Its settings cannot be changed there; <kbd>Space</kbd> plays and pauses, <kbd>→</kbd> steps, <kbd>R</kbd> resets. In HTML slides:",
    example: { src: 'embed.html?w=bp-vs-fa&amp;amp;scene=2', title: 'Backprop vs feedback alignment' },
    everyFigure: "Every figure's <em>Embed link</em> button copies its address with its current settings. The figures:",
    scenes: 'scenes',
    sceneLabel: (title, scene) => `${title}, scene ${scene}`,
    script: {
      noFigure: 'The address names no figure: add ?w= and one of the names below.',
      unknown: 'There is no figure named “{id}”. Choose one below.',
      noScenes: 'The figure “{id}” has no lecture scenes: leave out scene=.',
      badScene: 'The figure “{id}” has scenes 1 to {count}; scene={scene} is not one of them.',
      documentTitle: `{title} · ${SITE_TITLE}`,
      openLabel: 'Open in the essay: {title}, in {chapter}',
    },
  },
  // French spacing (no-break spaces before : ; ? ! and inside « ») as the widgets' catalogue gets it.
  fr: {
    pageTitle: frenchSpacing(`${SITE_TITLE} : intégrer une figure`),
    summary: 'Une figure de l’essai, seule, verrouillée et en plein écran, pour des diapositives ou une iframe.',
    open: 'Ouvrir dans l’essai',
    heading: 'Intégrer une figure',
    help: frenchSpacing(
      'L’adresse <code>embed.html?w=&lt;figure&gt;&amp;scene=&lt;n&gt;</code> montre la figure sur cette scène de cours (la scène est facultative ; le lien d’état d’un chapitre, <code>embed.html#&lt;figure&gt;.&lt;réglage&gt;=&lt;valeur&gt;</code>, marche aussi). Ses réglages n’y sont pas modifiables ; <kbd>Espace</kbd> lance et met en pause, <kbd>→</kbd> fait un pas, <kbd>R</kbd> réinitialise. Dans des diapositives HTML :',
    ),
    example: { src: 'fr/embed.html?w=bp-vs-fa&amp;amp;scene=2', title: 'Rétropropagation contre alignement par rétroaction' },
    everyFigure: frenchSpacing('Le bouton <em>Lien d’intégration</em> de chaque figure copie son adresse avec ses réglages du moment. Les figures :'),
    scenes: 'scènes',
    sceneLabel: (title, scene) => `${title}, scène ${scene}`,
    script: {
      noFigure: frenchSpacing('L’adresse ne nomme aucune figure : ajoutez ?w= et l’un des noms ci-dessous.'),
      unknown: frenchSpacing('Il n’y a pas de figure nommée « {id} ». Choisissez-en une ci-dessous.'),
      noScenes: frenchSpacing('La figure « {id} » n’a pas de scènes de cours : retirez scene=.'),
      badScene: frenchSpacing('La figure « {id} » a les scènes 1 à {count} ; scene={scene} n’en fait pas partie.'),
      documentTitle: `{title} · ${SITE_TITLE}`,
      openLabel: frenchSpacing('Ouvrir dans l’essai : {title}, dans {chapter}'),
    },
  },
};

function template(chapter: EmbedChapter, figure: PageWidget & { id: string }, lang: Lang): string {
  const { schema, attrs, id } = figure;
  const title = translate(lang, schema.title);
  // The caption stays on the chapter page: a locked figure never unfolds it.
  const attrText = attrs
    .filter((a) => a.name !== 'caption')
    .map((a) => ` ${a.name}="${escapeHtml(a.value)}"`)
    .join('');
  const own = chapter.scenes.find((s) => s.id === id);
  const summary = lang === 'en' ? undefined : STRINGS[lang].scenesSummary(figure.figure, own?.notes.length ?? 0);
  const scenes = own ? renderScenes({ id, figure: figure.figure, scenes: own.notes.map((note, i) => ({ note, attrs: own.settings[i] })), summary }).replace('<details ', '<details hidden ') : '';
  const data = `data-embed="${id}" data-chapter="${chapter.slug}" data-chapter-title="${escapeHtml(chapter.title)}" data-title="${escapeHtml(title)}" data-scenes="${own?.notes.length ?? 0}"`;
  return `<template ${data}>
<${schema.tag}${attrText} data-lm-embed><div class="widget-fallback"><p class="widget-fallback-title">${escapeHtml(title)}</p></div></${schema.tag}>
${scenes}</template>`;
}

function listing(chapter: EmbedChapter, lang: Lang): string {
  const text = TEXT[lang];
  const items = chapter.figures
    .map((f) => {
      const title = translate(lang, f.schema.title);
      const own = chapter.scenes.find((s) => s.id === f.id);
      const scenes = own ? ` <span class="embed-scenes">${text.scenes} ${own.notes.map((_, i) => `<a href="${embedHref(f.id, i + 1)}" aria-label="${escapeHtml(text.sceneLabel(title, i + 1))}">${i + 1}</a>`).join(' ')}</span>` : '';
      return `<li><a href="${embedHref(f.id)}">${STRINGS[lang].figure(f.figure)} ${escapeHtml(title)}</a> <code>w=${f.id}</code>${scenes}</li>`;
    })
    .join('\n');
  return `<h2>${chapter.number}. <a href="${pageHref(chapter.slug)}">${escapeHtml(chapter.title)}</a></h2>\n<ul class="embed-list">\n${items}\n</ul>`;
}

/**
 * The page, in the edition's language: English at embed.html, French at fr/embed.html (the French
 * chapters' figures, their notes and titles in French, and the edition's head: site root, data
 * folder and the widgets' catalogue, so the figure itself speaks French). It links only within its
 * own folder, so each edition's page stays in its edition.
 */
export function embedHtml(chapters: EmbedChapter[], edition?: Edition): string {
  const lang = edition?.lang ?? 'en';
  const text = TEXT[lang];
  const withFigures = chapters.filter((c) => c.figures.length > 0);
  const { summary } = text;
  const script = JSON.stringify(text.script).replace(/</g, '\\u003c');
  const body = `<main id="main" class="embed-main" tabindex="-1">
<h1 class="lm-visually-hidden" data-embed-heading hidden></h1>
<div class="embed-slot" data-embed-slot></div>
<p class="embed-open" data-embed-open hidden><a target="_blank" rel="noopener" href="${pageHref('index')}">${text.open}</a></p>
<section class="embed-index prose" data-embed-index aria-labelledby="embed-index-title">
<h1 id="embed-index-title">${text.heading}</h1>
<p class="embed-message" data-embed-message role="alert" hidden></p>
<p>${summary} ${text.help}</p>
<pre><code>&lt;iframe src="${text.example.src}" title="${text.example.title}" width="1280" height="720"&gt;&lt;/iframe&gt;</code></pre>
<p>${text.everyFigure}</p>
${withFigures.map((c) => listing(c, lang)).join('\n')}
<p><a href="${pageHref('index')}">${SITE_TITLE}</a> · <a href="${pageHref('present')}">${STRINGS[lang].lectureScenes}</a></p>
</section>
${withFigures.flatMap((c) => c.figures.map((f) => template(c, f, lang))).join('\n')}
<script>(${embedScript.toString()})(${script});</script>
</main>`;
  return shell(text.pageTitle, summary, body, edition, { stylesheet: EMBED_STYLESHEET, skipLink: false });
}

/**
 * Runs in the page, inline (so self-contained: no imports, no outer names). Reads which figure and
 * scene the address asks for: `?w=<id>&scene=<n>`, a chapter's state hash `#<id>.<key>=<value>`
 * (with or without `w`), or both; `scene` becomes the hash's `<id>.scene=<n>`, which the widget
 * reads. An unknown or malformed address shows the list of figures with a message, and no error.
 * Keys pressed outside the figure (focus on the page, as in an iframe just clicked) are handed to
 * it, so Space, → and R work at once; focus is never taken, so slides around an iframe keep theirs.
 */
export function embedScript(text: EmbedScriptText): void {
  const say = (message: string, values: Record<string, string | number>) => message.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
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
    if (rawScene !== null || hashTokens.length > 0) problem = text.noFigure;
  } else if (!template) problem = say(text.unknown, { id });
  else if (rawScene !== null && count === 0) problem = say(text.noScenes, { id });
  else if (rawScene !== null && !(scene >= 1 && scene <= count)) problem = say(text.badScene, { id, count, scene: rawScene });
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
  document.title = say(text.documentTitle, { title });
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
  link.setAttribute('aria-label', say(text.openLabel, { title, chapter }));
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

/**
 * The per-page state shared by the Markdown rules: where the text came from (for error lines),
 * what it may refer to (bibliography, widget schemas), and what rendering collected on the way.
 */
import type { Env } from 'markdown-it';
import type { WidgetSchema } from '../settings/schema.ts';
import type { Bibliography } from './bibliography.ts';
import type { SourceLocation } from './errors.ts';
import type { Attribute } from './tags.ts';
import { STRINGS, type Lang, type Strings } from './strings.ts';
import { translate } from './translate.ts';

export interface Heading {
  level: 2 | 3;
  id: string;
  /** Rendered inline HTML of the heading (math included, links stripped). */
  html: string;
}

export interface EssayEnv extends SourceLocation, Env {
  bibliography: Bibliography;
  widgets: ReadonlyMap<string, WidgetSchema>;
  /** The page's language, its template strings, and the widget catalogue's translation (titles). */
  lang: Lang;
  strings: Strings;
  tr: (text: string) => string;
  /** Every widget figure on the page, in order: tag, id (if any) and file line (the French edition's parity check). */
  figureList: { tag: string; id: string | null; line: number }[];
  /** Citation keys in order of first citation: the reference list's numbering. */
  cited: string[];
  headings: Heading[];
  /** Widget figures so far, for "Figure n." captions. */
  figures: number;
  widgetIds: Set<string>;
  /** Widgets with an id on this page, in order: their schema, figure number and attributes (lecture scenes and the embed page refer to them). */
  widgetsById: Map<string, PageWidget>;
  /** Lecture scenes on this page, in order (scenes.ts): the presenter's page lists them. */
  scenes: PageScenes[];
}

/** A widget with an id: what the embed page needs to show it on its own (template.ts). */
export interface PageWidget {
  schema: WidgetSchema;
  figure: number;
  /** The tag's attributes as written (id included). */
  attrs: Attribute[];
  /** The tag's line in its file (for errors). */
  line: number;
}

/** One figure's lecture scenes: its id, number and title, and each scene's note and settings. */
export interface PageScenes {
  id: string;
  figure: number;
  title: string;
  notes: string[];
  /** Each scene's attributes, as in the block (the embed page lists them for the widget to read). */
  settings: Attribute[][];
  /** File line of the scenes block. */
  line?: number;
}

/** markdown-it's `env` bag, seen as the page state it always is here (see createEnv). */
export function essayEnv(env: Env | undefined): EssayEnv {
  return env as unknown as EssayEnv;
}

export function createEnv(
  where: SourceLocation,
  bibliography: Bibliography,
  widgets: readonly WidgetSchema[],
  lang: Lang = 'en',
): EssayEnv {
  return {
    ...where,
    bibliography,
    widgets: new Map(widgets.map((w) => [w.tag, w])),
    lang,
    strings: STRINGS[lang],
    tr: (text) => translate(lang, text),
    figureList: [],
    cited: [],
    headings: [],
    figures: 0,
    widgetIds: new Set(),
    widgetsById: new Map(),
    scenes: [],
  };
}

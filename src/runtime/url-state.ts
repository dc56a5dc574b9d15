/**
 * Widget configuration in the URL hash, so a link restores the exact demo (seed included).
 *
 * Format: `#<widget>.<setting>=<value>&<widget>.<setting>=<value>…`, e.g.
 *   #overfit.train-size=1000&overfit.learning-rate=0.01&overfit.seed=3
 * - <widget> is the element's state id (its `id` attribute, else the tag's first word: `overfit`,
 *   then `overfit-2`, … for more widgets of one tag); <setting> is the kebab-case attribute name
 *   of a schema setting, `seed`, or `scene` (the lecture scene shown, 1-based: widgets/base/scenes.ts).
 *   Values are URI-encoded.
 * - Several widgets share one hash; tokens of other widgets, and a plain anchor (`#references`),
 *   are kept as they are.
 * - Reading never throws: an undecodable token is skipped, a malformed or out-of-range value falls
 *   back to the default or is clamped (schema.ts). Values are only ever parsed, never put in the page.
 * - Writing uses history.replaceState (no history entries), debounced.
 */
import { attributeName, formatSetting, parseSeed, parseSetting, type Settings, type WidgetSchema } from '../settings/schema';

export interface WidgetUrlState {
  /** Only the settings present (and valid) in the hash, already validated and clamped. */
  settings: Settings;
  seed?: number;
  /** The lecture scene asked for (1-based), if any. */
  scene?: number;
}

interface ParsedHash {
  /** key (`widget.setting`) → decoded raw value; the last occurrence wins. */
  params: Map<string, string>;
  /** Tokens that are not `widget.setting=value` pairs, kept verbatim in order. */
  other: string[];
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const KEY = /^[A-Za-z][\w-]*\.[a-z][a-z0-9-]*$/;

export function parseHash(hash: string): ParsedHash {
  const params = new Map<string, string>();
  const other: string[] = [];
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { params, other };
  for (const token of body.split('&')) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    const key = eq < 0 ? null : safeDecode(token.slice(0, eq));
    const value = eq < 0 ? null : safeDecode(token.slice(eq + 1));
    if (key !== null && value !== null && KEY.test(key)) params.set(key, value);
    else other.push(token);
  }
  return { params, other };
}

/** The valid settings and seed for one widget found in the hash. */
export function readState(hash: string, widgetId: string, schema: WidgetSchema): WidgetUrlState {
  const { params } = parseHash(hash);
  const settings: Settings = {};
  for (const s of schema.settings) {
    const raw = params.get(`${widgetId}.${attributeName(s.key)}`);
    if (raw !== undefined) settings[s.key] = parseSetting(s, raw);
  }
  const state: WidgetUrlState = { settings };
  const rawSeed = params.get(`${widgetId}.seed`);
  const seed = parseSeed(rawSeed, -1);
  if (seed >= 0) state.seed = seed;
  const scene = parseSeed(params.get(`${widgetId}.scene`), 0);
  if (scene >= 1) state.scene = scene;
  return state;
}

/** The hash with this widget's full state written (every setting and the seed), others kept. */
export function writeState(hash: string, widgetId: string, schema: WidgetSchema, settings: Settings, seed: number, scene?: number): string {
  const { other } = parseHash(hash);
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${widgetId}.`;
  // Keep other widgets' tokens in place (as written), drop this widget's.
  const kept = body.split('&').filter((token) => {
    if (token === '' || other.includes(token)) return false;
    const key = safeDecode(token.slice(0, Math.max(0, token.indexOf('='))));
    return key !== null && !key.startsWith(prefix);
  });
  const mine = schema.settings
    .filter((s) => settings[s.key] !== undefined)
    .map((s) => `${prefix}${attributeName(s.key)}=${encodeURIComponent(formatSetting(s, settings[s.key]))}`);
  mine.push(`${prefix}seed=${seed >>> 0}`);
  if (scene !== undefined && scene >= 1) mine.push(`${prefix}scene=${scene}`);
  const tokens = [...other, ...kept, ...mine];
  return tokens.length ? `#${tokens.join('&')}` : '';
}

/** A state id for an element: its id when usable, else the tag's first word numbered by order. */
export function stateIdFor(el: Element): string {
  const id = el.id;
  if (/^[A-Za-z][\w-]*$/.test(id)) return id;
  const tag = el.tagName.toLowerCase();
  const stem = tag.split('-')[0];
  const doc = el.ownerDocument;
  const same = Array.from(doc.getElementsByTagName(tag)).filter((e) => !/^[A-Za-z][\w-]*$/.test(e.id));
  const index = same.indexOf(el);
  return index <= 0 ? stem : `${stem}-${index + 1}`;
}

/** Batches widget writes into one debounced history.replaceState. */
export class UrlState {
  private readonly pending = new Map<string, (hash: string) => string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly win: Pick<Window, 'location' | 'history'> = window,
    private readonly delayMs = 300,
  ) {}

  read(widgetId: string, schema: WidgetSchema): WidgetUrlState {
    return readState(this.win.location.hash, widgetId, schema);
  }

  write(widgetId: string, schema: WidgetSchema, settings: Settings, seed: number, scene?: number): void {
    this.pending.set(widgetId, (hash) => writeState(hash, widgetId, schema, { ...settings }, seed, scene));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Write pending changes now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    // A window torn down before the timer fired (a closed frame; a test file's jsdom after its
    // teardown, where this threw an uncaught error into the next file) has no location: nothing to write.
    if (!this.win.location) {
      this.pending.clear();
      return;
    }
    let hash = this.win.location.hash;
    for (const apply of this.pending.values()) hash = apply(hash);
    this.pending.clear();
    if (hash === this.win.location.hash) return;
    const url = new URL(this.win.location.href);
    url.hash = hash;
    try {
      this.win.history.replaceState(this.win.history.state, '', url.href);
    } catch {
      // e.g. a sandboxed iframe: the URL just does not follow
    }
  }
}

let shared: UrlState | null = null;

/** The page's UrlState (one per window). */
export function urlState(): UrlState {
  shared ??= new UrlState(window);
  return shared;
}

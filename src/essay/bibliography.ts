/**
 * The one bibliography, `content/references.json`: an array of CSL-JSON items, the format Zotero,
 * pandoc and citeproc read. Each item needs `id`, `type`, `title`, `author` and `issued`; e.g.
 *
 *   { "id": "lillicrap2016", "type": "article-journal",
 *     "author": [{ "family": "Lillicrap", "given": "Timothy P." }],
 *     "title": "Random synaptic feedback weights support error backpropagation for deep learning",
 *     "container-title": "Nature Communications", "volume": "7", "page": "13276",
 *     "issued": { "date-parts": [[2016]] }, "DOI": "10.1038/ncomms13276" }
 *
 * Optional: container-title, volume, issue, page, publisher, DOI, URL, note.
 */
import { EssayError } from './errors.ts';
import { escapeHtml } from './html.ts';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  title: string;
  author: CslName[];
  issued: { 'date-parts': number[][] };
  'container-title'?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  publisher?: string;
  DOI?: string;
  URL?: string;
  note?: string;
}

export type Bibliography = ReadonlyMap<string, CslItem>;

/** Parse and check the bibliography; errors name the file and the line of the offending item. */
export function parseBibliography(text: string, file: string): Bibliography {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new EssayError(file, 1, `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(data)) throw new EssayError(file, 1, 'expected an array of CSL-JSON items');
  const items = new Map<string, CslItem>();
  data.forEach((raw: unknown, index) => {
    const item = raw as Partial<CslItem>;
    const id = typeof item?.id === 'string' ? item.id : '';
    const line = id ? lineOfId(text, id) : 1;
    const fail = (why: string): never => {
      throw new EssayError(file, line, `item ${id ? `"${id}"` : `#${index + 1}`}: ${why}`);
    };
    if (!id) fail('needs a string "id"');
    if (!/^[A-Za-z0-9_][A-Za-z0-9_:.\-/]*$/.test(id)) fail('the id may use letters, digits and _ : . - / only');
    if (items.has(id)) fail('duplicate id');
    if (typeof item.type !== 'string') fail('needs a "type" (e.g. article-journal, paper-conference, book, report)');
    if (typeof item.title !== 'string' || !item.title.trim()) fail('needs a "title"');
    if (!Array.isArray(item.author) || item.author.length === 0) fail('needs an "author" list');
    for (const name of item.author!) {
      if (!name || (typeof name.family !== 'string' && typeof name.literal !== 'string')) fail('each author needs "family" (and "given") or "literal"');
    }
    const year = item.issued?.['date-parts']?.[0]?.[0];
    if (!Number.isInteger(year)) fail('needs "issued": { "date-parts": [[year]] }');
    if (item.URL !== undefined && !/^https?:\/\//.test(item.URL)) fail('"URL" must start with http:// or https://');
    items.set(id, item as CslItem);
  });
  return items;
}

function lineOfId(text: string, id: string): number {
  const at = text.search(new RegExp(`"id"\\s*:\\s*"${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

export function year(item: CslItem): number {
  return item.issued['date-parts'][0][0];
}

function initials(given: string): string {
  return given
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => part.split('-').map((p) => `${p[0]}.`).join('-'))
    .join(' ');
}

/** "Lillicrap, T. P." or the literal name. */
function formatName(name: CslName): string {
  if (name.literal) return name.literal;
  return name.given ? `${name.family}, ${initials(name.given)}` : name.family!;
}

/** Up to six authors, then "et al."; the last joined with "&". */
export function formatAuthors(names: CslName[]): string {
  const shown = names.slice(0, 6).map(formatName);
  if (names.length > 6) return `${shown.join(', ')}, et al.`;
  if (shown.length === 1) return shown[0];
  return `${shown.slice(0, -1).join(', ')} & ${shown[shown.length - 1]}`;
}

/** A short label for tooltips: "Lillicrap et al., 2016". */
export function shortLabel(item: CslItem): string {
  const first = item.author[0];
  const family = first.literal ?? first.family ?? '';
  const tail = item.author.length > 2 ? ' et al.' : item.author.length === 2 ? ` & ${item.author[1].family ?? item.author[1].literal}` : '';
  return `${family}${tail}, ${year(item)}`;
}

/** End with a full stop unless the text already ends a sentence ("…transformations?"). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.?!]$/.test(t) ? t : `${t}.`;
}

/** One reference as HTML: authors (year). Title. <em>Venue</em>, volume(issue), pages. Link. */
export function formatReference(item: CslItem): string {
  const parts = [`${escapeHtml(formatAuthors(item.author))} (${year(item)}).`, escapeHtml(sentence(item.title))];
  const venue: string[] = [];
  if (item['container-title']) venue.push(`<em>${escapeHtml(item['container-title'])}</em>`);
  if (item.volume !== undefined) venue.push(`${escapeHtml(String(item.volume))}${item.issue !== undefined ? `(${escapeHtml(String(item.issue))})` : ''}`);
  if (item.page) venue.push(escapeHtml(item.page.replace(/-/g, '–')));
  if (!item['container-title'] && item.publisher) venue.push(escapeHtml(item.publisher));
  if (venue.length) parts.push(`${venue.join(', ')}.`);
  if (item.note) parts.push(escapeHtml(sentence(item.note)));
  const href = item.DOI ? `https://doi.org/${item.DOI}` : item.URL;
  if (href) {
    const label = item.DOI ? `doi:${item.DOI}` : item.URL!;
    parts.push(`<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`);
  }
  return parts.join(' ');
}

/**
 * Chapter front matter (YAML between `---` lines):
 *
 *   title: Is deep learning in a local minimum?   (required)
 *   order: 1                                       (required, except in index.md; chapters are listed by it)
 *   summary: One or two sentences for the landing page and <meta name="description">.  (required)
 *   sources: [free text, Markdown links allowed]   (optional: what the chapter draws on)
 *
 * Any other key fails the build, so a typo cannot silently drop a field.
 */
import matter from 'gray-matter';
import { EssayError } from './errors.ts';

export interface ChapterMeta {
  title: string;
  order: number;
  summary: string;
  sources: string[];
}

export interface ParsedSource {
  meta: ChapterMeta;
  body: string;
  /** Lines before the body, so body line n (0-based) is file line lineOffset + n + 1. */
  lineOffset: number;
}

const KEYS = ['title', 'order', 'summary', 'sources'];

/** `kind: 'landing'` (content/index.md) makes `order` optional. */
export function parseFrontMatter(source: string, file: string, kind: 'chapter' | 'landing' = 'chapter'): ParsedSource {
  if (!/^---\r?\n/.test(source)) throw new EssayError(file, 1, 'a chapter must open with front matter (--- title, order, summary ---)');
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object each time: gray-matter caches results by input unless options are given.
    parsed = matter(source, {});
  } catch (err) {
    const mark = (err as { mark?: { line?: number } }).mark;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new EssayError(file, (mark?.line ?? 0) + 2, `bad front matter: ${reason}`);
  }
  const data = parsed.data as Record<string, unknown>;
  const lineOf = (key: string) => {
    const at = source.search(new RegExp(`^${key}\\s*:`, 'm'));
    return at < 0 ? 1 : source.slice(0, at).split('\n').length;
  };
  for (const key of Object.keys(data)) {
    if (!KEYS.includes(key)) throw new EssayError(file, lineOf(key), `unknown front matter key "${key}" (allowed: ${KEYS.join(', ')})`);
  }
  const { title, order = kind === 'landing' ? 0 : undefined, summary, sources = [] } = data;
  if (typeof title !== 'string' || !title.trim()) throw new EssayError(file, lineOf('title'), 'front matter needs a "title" (text)');
  if (typeof order !== 'number' || !Number.isFinite(order)) throw new EssayError(file, lineOf('order'), 'front matter needs an "order" (a number)');
  if (typeof summary !== 'string' || !summary.trim()) throw new EssayError(file, lineOf('summary'), 'front matter needs a "summary" (text)');
  if (!Array.isArray(sources) || !sources.every((s) => typeof s === 'string')) {
    throw new EssayError(file, lineOf('sources'), '"sources" must be a list of text items');
  }
  const body = parsed.content;
  const head = source.endsWith(body) ? source.slice(0, source.length - body.length) : '';
  const lineOffset = head.split('\n').length - 1;
  return { meta: { title: title.trim(), order, summary: summary.trim(), sources }, body, lineOffset };
}

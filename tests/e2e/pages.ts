/** Every chapter page, from the one list of chapters: each is measured by the page-wide tests (budget, layout). */
import { existsSync, readdirSync } from 'node:fs';
import { chapters } from '../../src/chapters';

export const chapterPages: readonly string[] = chapters.map((c) => c.slug);

/**
 * The French edition's pages (`fr/<slug>`) that this checkout has a translation for (content/fr/),
 * with its landing, presenter's and embed pages (its list of figures); the same JavaScript as their
 * English twins, so the budget spec leaves them out.
 */
const translated = existsSync('content/fr') ? readdirSync('content/fr').filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '').replace(/^\d+[-_]/, '')) : [];
export const frenchPages: readonly string[] = translated.length ? ['fr/index', ...chapterPages.filter((s) => translated.includes(s)).map((s) => `fr/${s}`), 'fr/present', 'fr/embed'] : [];

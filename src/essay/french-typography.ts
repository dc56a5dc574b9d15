/**
 * French spacing around high punctuation, as content/fr/ already writes it: a no-break space
 * (U+00A0) before ":" and inside « », a narrow no-break space (U+202F) before ";", "!" and "?".
 * Only a plain space is replaced, and only where the mark is punctuation (followed
 * by a space, the end, or closing punctuation), so "?backend=" or "http://" stay as they are. Applied
 * to the widgets' catalogue as it is injected into French pages (site.ts) and to the text of French
 * Markdown (markdown.ts; text tokens only: never math, code, URLs or HTML attributes). Idempotent.
 */
const NBSP = '\u00a0';
const NNBSP = '\u202f';

export function frenchSpacing(text: string): string {
  return text
    .replace(/ ([;!?])(?=\s|$|[»)\]"'’.,…])/g, `${NNBSP}$1`)
    .replace(/ :(?=\s|$|[»)\]"'’.,…])/g, `${NBSP}:`)
    .replace(/« /g, `«${NBSP}`)
    .replace(/ »/g, `${NBSP}»`);
}

/** The catalogue with French spacing in every translation (keys, the English text, untouched). */
export function frenchCatalogue(catalogue: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(catalogue).map(([en, text]) => [en, frenchSpacing(text)]));
}

/**
 * The French catalogue: English UI string → French. Keys are the exact English text passed to `t()`
 * (src/i18n/t.ts) or written in a widget schema (title, labels, help, option labels); `{name}` marks
 * a value filled in at run time. Never bundled into page JavaScript: the build injects it as JSON
 * into French pages (src/essay/site.ts). `tests/unit/i18n-catalogue.test.ts` checks that every schema
 * string and every `t()` literal in src has a non-empty entry.
 */
export const fr: Record<string, string> = {
};

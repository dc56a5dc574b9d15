/**
 * The widgets' translation: `t('Scene {n} of {total}', { n: 2, total: 5 })`. English pages carry no
 * catalogue and get the English text back; a French page carries its catalogue as data
 * (`<script type="application/json" id="lm-messages">`, injected at build from src/i18n/fr.ts), so
 * the JavaScript stays the same for both and `t()` stays a few hundred bytes (the page budget).
 * A string missing from the catalogue shows in English. Imports nothing.
 */
let table: Record<string, string> | null | undefined;

function messages(): Record<string, string> | null {
  if (table !== undefined) return table;
  table = null;
  if (typeof document === 'undefined') return table;
  const el = document.getElementById('lm-messages');
  try {
    if (el?.textContent) table = JSON.parse(el.textContent) as Record<string, string>;
  } catch {
    table = null;
  }
  return table;
}

/** Forget the catalogue read so far (tests; a page never changes language). */
export function resetMessages(): void {
  table = undefined;
}

export function t(text: string, params?: Record<string, string | number>): string {
  const out = messages()?.[text] || text;
  return params ? out.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m)) : out;
}

/** True on a page of the French edition. */
export function isFrench(): boolean {
  return typeof document !== 'undefined' && document.documentElement.lang === 'fr';
}

/** Numbers as the page's language writes them: a decimal comma in French (2.5 → "2,5", 1e-4 stays). */
export function localNumber(text: string): string {
  return isFrench() ? text.replace(/(\d)\.(\d)/g, '$1,$2') : text;
}

/** An integer with the page language's digit grouping: 1,234 (English), 1 234 (French). */
export function groupNumber(n: number): string {
  return n.toLocaleString(isFrench() ? 'fr-FR' : 'en-US');
}

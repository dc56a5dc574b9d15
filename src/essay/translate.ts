/** Build-time lookup in the widget catalogue (src/i18n): schema titles in figure fallbacks and on the presenter's page. */
import { fr } from '../i18n/fr.ts';
import type { Lang } from './strings.ts';

export function translate(lang: Lang, text: string): string {
  return lang === 'fr' ? (fr[text] ?? text) : text;
}

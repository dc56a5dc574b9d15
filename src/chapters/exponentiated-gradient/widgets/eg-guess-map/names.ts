/**
 * The candidates' names as the page's language says them: the rule (with its article in French, so
 * a sentence can say "the hidden rule was {rule}") and the geometry ("in the {geometry} geometry").
 * schema.ts keeps the English names (the run and the tests use them).
 */
import { t } from '../../../../i18n/t';
import type { CandidateName } from './config';

export function ruleName(potential: CandidateName): string {
  if (potential === '2-norm') return t('gradient descent');
  if (potential === '3-norm') return t('{p}-norm mirror descent', { p: 3 });
  return t('exponentiated gradient');
}

export function geometryName(potential: CandidateName): string {
  if (potential === '2-norm') return t('Euclidean (2-norm)');
  if (potential === '3-norm') return t('{p}-norm', { p: 3 });
  return t('log-domain (entropy)');
}

/** A name at the start of a sentence or a title. */
export function capitalized(text: string): string {
  return text ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}

/**
 * The French catalogue: English UI string → French. Keys are the exact English text passed to `t()`
 * (src/i18n/t.ts) or written in a widget schema (title, labels, help, option labels); `{name}` marks
 * a value filled in at run time. Never bundled into page JavaScript: the build injects it as JSON
 * into French pages (src/essay/site.ts). One file per chapter under fr/
 * (its widgets' code and schemas), fr/shared.ts for the base, the viz and the essay, and fr/schemas.ts for the schema strings several chapters share.
 * `tests/unit/i18n-catalogue.test.ts` checks that every schema
 * string and every `t()` literal in src has a non-empty entry.
 */
import { shared } from './fr/shared.ts';
import { schemas } from './fr/schemas.ts';
import { introduction } from './fr/introduction.ts';
import { adversarialAttacks } from './fr/adversarial-attacks.ts';
import { feedbackAlignment } from './fr/feedback-alignment.ts';
import { catastrophicForgetting } from './fr/catastrophic-forgetting.ts';
import { binaryCrossbar } from './fr/binary-crossbar.ts';
import { cnnPooling } from './fr/cnn-pooling.ts';
import { exponentiatedGradient } from './fr/exponentiated-gradient.ts';
import { neuralTangentKernel } from './fr/neural-tangent-kernel.ts';
import { brainsNotFeedForward } from './fr/brains-not-feed-forward.ts';
import { dataTables } from './fr/data-tables.ts';

/** The parts as one catalogue; a key two parts give different French is an error, not a silent override. */
export function mergeCatalogues(parts: Record<string, Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const [part, entries] of Object.entries(parts)) {
    for (const [key, value] of Object.entries(entries)) {
      if (key in out && out[key] !== value) throw new Error(`French catalogue: "${key}" is "${out[key]}" in ${from[key]} and "${value}" in ${part}`);
      out[key] = value;
      from[key] = part;
    }
  }
  return out;
}

export const fr: Record<string, string> = mergeCatalogues({ shared, schemas, introduction, adversarialAttacks, feedbackAlignment, catastrophicForgetting, binaryCrossbar, cnnPooling, exponentiatedGradient, neuralTangentKernel, brainsNotFeedForward, dataTables });

/**
 * Predict, then observe, inside a figure: a few multiple-choice questions the reader answers before
 * running it, and the figure's own verdict once the run has the answer ("GD's total loss grew like N:
 * you said like √N"). The choices are the reader's, not the demo's: they stay out of the URL and
 * survive a reset. Radio buttons, so arrow keys choose and screen readers announce the group.
 */
import './predict.css';
import { h, uid } from './dom';
import { t } from '../../i18n/t';

export interface PredictQuestion {
  id: string;
  prompt: string;
  options: readonly { value: string; label: string }[];
}

export interface Verdict {
  /** The option the run bears out. */
  answer: string;
  /** What the run showed, in a sentence. */
  text: string;
}

interface Built {
  question: PredictQuestion;
  inputs: Map<string, HTMLInputElement>;
  result: HTMLElement;
}

export class PredictionBox {
  readonly element: HTMLElement;
  private readonly built: Built[];
  private readonly status: HTMLElement;

  /**
   * `waiting`: the line under the questions until the answers come ("The race checks your predictions
   * when it ends."). Each answer's line is there from the start, empty, so the figure does not grow
   * when the answers arrive. `accessibleName`: the box's accessible name, unique on the page (two figures
   * may show the same visible title).
   */
  constructor(title: string, questions: readonly PredictQuestion[], private readonly waiting: string, accessibleName = title) {
    this.status = h('p', { class: 'lm-predict-status', text: t(waiting), attrs: { 'data-testid': 'predict-status', 'aria-live': 'polite' } });
    const fieldsets: HTMLElement[] = [];
    this.built = questions.map((question) => {
      const name = uid(`lm-predict-${question.id}`);
      const inputs = new Map<string, HTMLInputElement>();
      const options = question.options.map((o) => {
        const input = h('input', { attrs: { type: 'radio', name, value: o.value, 'data-testid': `predict-${question.id}-${o.value}` } });
        inputs.set(o.value, input);
        return h('label', { class: 'lm-predict-option', attrs: { 'data-value': o.value } }, [input, h('span', { text: t(o.label) })]);
      });
      const result = h('p', { class: 'lm-predict-result', attrs: { 'data-testid': `predict-${question.id}-result` } });
      const promptId = `${name}-prompt`;
      fieldsets.push(
        h('div', { class: 'lm-predict-question', attrs: { role: 'radiogroup', 'aria-labelledby': promptId, 'data-question': question.id } }, [
          h('p', { class: 'lm-predict-prompt', text: t(question.prompt), attrs: { id: promptId } }),
          h('div', { class: 'lm-predict-options' }, options),
          result,
        ]),
      );
      return { question, inputs, result };
    });
    this.element = h('section', { class: 'lm-predict', attrs: { 'aria-label': t(accessibleName), 'data-testid': 'predict' } }, [h('p', { class: 'lm-predict-title', text: t(title) }), ...fieldsets, this.status]);
  }

  /** The reader's choice for a question (null if none yet). */
  choice(id: string): string | null {
    const b = this.built.find((x) => x.question.id === id);
    if (!b) return null;
    for (const [value, input] of b.inputs) if (input.checked) return value;
    return null;
  }

  /** Show each question's answer and whether the reader's choice matched it. */
  reveal(verdicts: Readonly<Record<string, Verdict>>, status = ''): void {
    for (const b of this.built) {
      const v = verdicts[b.question.id];
      if (!v) continue;
      const chosen = this.choice(b.question.id);
      for (const [value, input] of b.inputs) {
        const label = input.parentElement as HTMLElement;
        label.classList.toggle('is-answer', value === v.answer);
        label.classList.toggle('is-wrong', value === chosen && value !== v.answer);
      }
      const labelOf = (value: string) => {
        const o = b.question.options.find((x) => x.value === value);
        return o ? t(o.label) : value;
      };
      const answer = labelOf(v.answer);
      const mark = chosen === null ? '' : chosen === v.answer ? ` ${t('You predicted it.')}` : ` ${t('You predicted “{choice}”.', { choice: labelOf(chosen) })}`;
      b.result.textContent = `${t('Answer: {answer}.', { answer })} ${v.text}${mark}`;
      b.result.dataset.verdict = chosen === null ? 'none' : chosen === v.answer ? 'right' : 'wrong';
    }
    this.status.textContent = status || '\u00a0';
    this.element.dataset.revealed = 'true';
  }

  /** Back to asking (a new run): the answers hide, the reader's choices stay. */
  hide(): void {
    for (const b of this.built) {
      b.result.textContent = '';
      delete b.result.dataset.verdict;
      for (const input of b.inputs.values()) (input.parentElement as HTMLElement).classList.remove('is-answer', 'is-wrong');
    }
    this.status.textContent = t(this.waiting);
    delete this.element.dataset.revealed;
  }
}

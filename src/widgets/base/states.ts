/**
 * The states a figure shows over its stage: loading ("Loading MNIST…"), an error with Retry (the
 * run again from the current settings) and Defaults (the figure's default settings and seed), and
 * "diverged" (a NaN or infinite loss paused the run) naming the setting that likely caused it, with
 * Reset (the current settings) and Defaults. Either way out leaves the state, so none can trap a reader.
 */
import type { Setting, Settings, WidgetSchema } from '../../settings/schema';
import { h } from './dom';
import { formatValue } from './format';
import { t } from '../../i18n/t';

export type StateKind = 'loading' | 'error' | 'diverged';

/**
 * Cross-entropy over 10 classes starts near ln 10 ≈ 2.3. The lib flags only NaN/infinite losses
 * (its log-softmax is stable, so a too-large step often gives a huge but finite loss and a dead
 * network); past this a run has blown up for any practical purpose, and the figure says "diverged".
 */
export const BLOWN_UP_CROSS_ENTROPY = 100;

/** Keys and labels that name a step size: the usual culprit when training diverges. */
const STEP_SIZE = /learning.?rate|step.?size|^lr$/i;

/** What the figure knows about how its settings came to be, for naming the culprit of a divergence. */
export interface DivergenceContext {
  /** The key of the setting the reader changed last (null: none since the settings were loaded). */
  lastChanged?: string | null;
  /** The figure's defaults (its tag's attributes over the schema's); the schema's when absent. */
  defaults?: Settings;
  /** What went wrong, when not the loss itself (e.g. "every unit fell silent"); default: from the loss. */
  cause?: string;
}

/**
 * What a diverged figure says, naming the setting most likely to blame:
 * - the setting the reader changed last, if it is away from its default: "Training diverged (loss
 *   blew up) after feedback-weight scale was set to 5 (default 0.5). Set it back and reset.";
 * - else every setting away from its default (the suspects, e.g. from a link), listed (with the
 *   step size when there are several: any of them may be to blame);
 * - else, or when the step size is the one suspect: "… with learning rate 10. Lower it and reset."
 * Settings that only redraw the page (`live: 'page'`) are never suspects.
 */
export function divergenceMessage(schema: WidgetSchema, settings: Settings, loss: number, context: DivergenceContext = {}): string {
  const what = context.cause ?? (Number.isNaN(loss) ? t('loss became NaN') : !Number.isFinite(loss) ? t('loss became infinite') : t('loss blew up'));
  const value = (s: Setting) => formatValue(s, settings[s.key] ?? s.default);
  const fallback = (s: Setting) => context.defaults?.[s.key] ?? s.default;
  const moved = (s: Setting) => s.live !== 'page' && (settings[s.key] ?? s.default) !== fallback(s);
  const stepSize = schema.settings.find((s) => s.type === 'number' && (STEP_SIZE.test(s.key) || STEP_SIZE.test(s.label)));
  const lowerStep = () => t('Training diverged ({what}) with {setting} {value}. Lower it and reset.', { what, setting: t(stepSize!.label).toLowerCase(), value: value(stepSize!) });
  const label = (s: Setting) => {
    const text = t(s.label);
    return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
  };

  const last = schema.settings.find((s) => s.key === context.lastChanged);
  if (last && moved(last)) {
    if (last === stepSize) return lowerStep();
    const was = formatValue(last, fallback(last));
    const verb = last.type === 'toggle' ? t('{setting} was switched {value}', { setting: label(last), value: value(last) }) : t('{setting} was set to {value}', { setting: label(last), value: value(last) });
    return t('Training diverged ({what}) after {change} (default {was}). Set it back and reset.', { what, change: verb, was });
  }
  const suspects = schema.settings.filter(moved);
  if (suspects.length === 0 || (suspects.length === 1 && suspects[0] === stepSize)) {
    return stepSize ? lowerStep() : t('Training diverged ({what}). Change the settings and reset.', { what });
  }
  const listed = suspects.map((s) => t('{setting} {value} (default {was})', { setting: label(s), value: value(s), was: formatValue(s, fallback(s)) }));
  if (listed.length === 1) return t('Training diverged ({what}) with {suspect}. Set it back and reset.', { what, suspect: listed[0] });
  // Several suspects and no telling which: the step size, at its default or not, is one more.
  const lower = stepSize && !suspects.includes(stepSize) ? t(', or lower {setting} {value},', { setting: t(stepSize.label).toLowerCase(), value: value(stepSize) }) : '';
  return t('Training diverged ({what}) with {suspects} and {last}. Set one of them back{lower} and reset.', { what, suspects: listed.slice(0, -1).join(', '), last: listed.at(-1)!, lower });
}

function button(text: string, testId: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { class: cls, text, attrs: { type: 'button', 'data-testid': testId } });
  b.addEventListener('click', onClick);
  return b;
}

function buttons(first: HTMLButtonElement, onDefaults?: () => void): HTMLElement {
  const row = h('div', { class: 'lm-state-actions' }, [first]);
  if (onDefaults) row.append(button(t('Defaults'), 'defaults', 'lm-button', onDefaults));
  return row;
}

export class StateView {
  readonly element: HTMLElement;
  private kind: StateKind | null = null;

  constructor() {
    this.element = h('div', { class: 'lm-state', attrs: { hidden: true, 'data-testid': 'state' } });
  }

  get current(): StateKind | null {
    return this.kind;
  }

  loading(text: string): void {
    this.show('loading', [h('span', { class: 'lm-spinner', attrs: { 'aria-hidden': 'true' } }), h('span', { text })], 'status');
  }

  /** An error: Retry rebuilds from the current settings; Defaults (when given) from the defaults. */
  error(text: string, onRetry: () => void, onDefaults?: () => void): void {
    const retry = button(t('Retry'), 'retry', 'lm-button lm-primary', onRetry);
    this.show('error', [h('p', { class: 'lm-state-text', text }), buttons(retry, onDefaults)], 'alert');
  }

  /** The run diverged: Reset starts it again with the current settings; Defaults (when given) from the defaults. */
  diverged(text: string, onReset: () => void, onDefaults?: () => void): void {
    const reset = button(t('Reset'), 'diverged-reset', 'lm-button lm-primary', onReset);
    this.show('diverged', [h('p', { class: 'lm-state-text', text }), buttons(reset, onDefaults)], 'alert');
  }

  clear(): void {
    this.kind = null;
    this.element.hidden = true;
    this.element.removeAttribute('data-state');
    this.element.removeAttribute('role');
    this.element.replaceChildren();
  }

  private show(kind: StateKind, children: Node[], role: 'status' | 'alert'): void {
    this.kind = kind;
    this.element.dataset.state = kind;
    this.element.setAttribute('role', role);
    this.element.replaceChildren(h('div', { class: 'lm-state-box' }, children));
    this.element.hidden = false;
  }
}

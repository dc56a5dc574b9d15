/**
 * The states a figure shows over its stage: loading ("Loading MNIST…"), an error with Retry (the
 * run again from the current settings) and Defaults (the figure's default settings and seed), and
 * "diverged" (a NaN or infinite loss paused the run) naming the setting that likely caused it, with
 * Reset (the current settings) and Defaults. Either way out leaves the state, so none can trap a reader.
 */
import type { Settings, WidgetSchema } from '../../settings/schema';
import { h } from './dom';
import { formatValue } from './format';

export type StateKind = 'loading' | 'error' | 'diverged';

/**
 * Cross-entropy over 10 classes starts near ln 10 ≈ 2.3. The lib flags only NaN/infinite losses
 * (its log-softmax is stable, so a too-large step often gives a huge but finite loss and a dead
 * network); past this a run has blown up for any practical purpose, and the figure says "diverged".
 */
export const BLOWN_UP_CROSS_ENTROPY = 100;

/** Keys and labels that name a step size: the usual culprit when training diverges. */
const STEP_SIZE = /learning.?rate|step.?size|^lr$/i;

/**
 * "Training diverged (loss became NaN) with learning rate 10. Lower it and reset."
 * Names the step-size setting when the schema has one; otherwise asks for other settings.
 */
export function divergenceMessage(schema: WidgetSchema, settings: Settings, loss: number): string {
  const what = Number.isNaN(loss) ? 'loss became NaN' : !Number.isFinite(loss) ? 'loss became infinite' : 'loss blew up';
  const culprit = schema.settings.find((s) => s.type === 'number' && (STEP_SIZE.test(s.key) || STEP_SIZE.test(s.label)));
  if (!culprit) return `Training diverged (${what}). Change the settings and reset.`;
  const value = formatValue(culprit, settings[culprit.key] ?? culprit.default);
  return `Training diverged (${what}) with ${culprit.label.toLowerCase()} ${value}. Lower it and reset.`;
}

function button(text: string, testId: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { class: cls, text, attrs: { type: 'button', 'data-testid': testId } });
  b.addEventListener('click', onClick);
  return b;
}

function buttons(first: HTMLButtonElement, onDefaults?: () => void): HTMLElement {
  const row = h('div', { class: 'lm-state-actions' }, [first]);
  if (onDefaults) row.append(button('Defaults', 'defaults', 'lm-button', onDefaults));
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
    const retry = button('Retry', 'retry', 'lm-button lm-primary', onRetry);
    this.show('error', [h('p', { class: 'lm-state-text', text }), buttons(retry, onDefaults)], 'alert');
  }

  /** The run diverged: Reset starts it again with the current settings; Defaults (when given) from the defaults. */
  diverged(text: string, onReset: () => void, onDefaults?: () => void): void {
    const reset = button('Reset', 'diverged-reset', 'lm-button lm-primary', onReset);
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

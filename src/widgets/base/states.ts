/**
 * The states a figure shows over its stage: loading ("Loading MNIST…"), an error with a Retry
 * button, and "diverged" (a NaN or infinite loss paused the run) naming the setting that likely
 * caused it, with a Reset button.
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

  error(text: string, onRetry: () => void): void {
    const retry = h('button', { class: 'lm-button', text: 'Retry', attrs: { type: 'button', 'data-testid': 'retry' } });
    retry.addEventListener('click', onRetry);
    this.show('error', [h('p', { class: 'lm-state-text', text }), retry], 'alert');
  }

  diverged(text: string, onReset: () => void): void {
    const reset = h('button', { class: 'lm-button lm-primary', text: 'Reset', attrs: { type: 'button', 'data-testid': 'diverged-reset' } });
    reset.addEventListener('click', onReset);
    this.show('diverged', [h('p', { class: 'lm-state-text', text }), reset], 'alert');
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

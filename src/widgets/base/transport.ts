/**
 * Play/Pause, Step and Reset, and the keyboard map used while focus is inside a widget:
 * Space play/pause, → step, R reset, F projector mode, Esc leaves projector mode.
 * Keys keep their native meaning where a control needs them: arrows move a focused slider,
 * Space works a focused button, checkbox or select, and letters type into a number box.
 */
import { h, setButtonContent } from './dom';
import { t } from '../../i18n/t';

export type Shortcut = 'toggle' | 'step' | 'reset' | 'projector' | 'exit';

interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target: EventTarget | null;
}

/** Which shortcut a keydown means, or null to leave the key alone. Pure, for tests. */
export function shortcutFor(event: KeyLike): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const el = event.target as Element | null;
  const tag = el?.tagName?.toLowerCase() ?? '';
  const type = tag === 'input' ? ((el as HTMLInputElement).type || 'text').toLowerCase() : '';
  const editable = tag === 'textarea' || (el as HTMLElement | null)?.isContentEditable === true || (tag === 'input' && !['range', 'checkbox', 'radio', 'button', 'submit', 'reset'].includes(type));
  const key = event.key;
  if (key === 'Escape') return 'exit';
  if (editable) return null;
  // Native activation: Space presses a button, ticks a box, opens a select.
  const nativeSpace = tag === 'button' || tag === 'select' || tag === 'summary' || tag === 'a' || type === 'checkbox' || type === 'radio' || type === 'button';
  // Arrow keys move a focused slider and choose in a select.
  const nativeArrows = type === 'range' || tag === 'select' || type === 'radio';
  switch (key) {
    case ' ':
    case 'Spacebar':
      return nativeSpace ? null : 'toggle';
    case 'ArrowRight':
      return nativeArrows ? null : 'step';
    case 'r':
    case 'R':
      return tag === 'select' ? null : 'reset';
    case 'f':
    case 'F':
      return tag === 'select' ? null : 'projector';
    default:
      return null;
  }
}

export interface TransportCallbacks {
  onToggle(): void;
  onStep(): void;
  onReset(): void;
}

export interface Transport {
  element: HTMLElement;
  play: HTMLButtonElement;
  step: HTMLButtonElement;
  reset: HTMLButtonElement;
  setPlaying(playing: boolean): void;
  /** Disable the buttons while the run is not ready (loading, error). */
  setEnabled(enabled: boolean): void;
  /** Disable Play and Step only (a diverged run: Reset is the way on). */
  setRunnable(runnable: boolean): void;
}

export function buildTransport(callbacks: TransportCallbacks): Transport {
  const play = h('button', { class: 'lm-button lm-play', attrs: { type: 'button', 'data-testid': 'play', 'data-state': 'paused', 'aria-keyshortcuts': 'Space' } });
  const step = h('button', { class: 'lm-button', attrs: { type: 'button', 'data-testid': 'step', 'aria-keyshortcuts': 'ArrowRight', title: t('Step (→)') } });
  const reset = h('button', { class: 'lm-button', attrs: { type: 'button', 'data-testid': 'reset', 'aria-keyshortcuts': 'R', title: t('Reset (R): same seed, same run') } });
  setButtonContent(step, 'step', t('Step'));
  setButtonContent(reset, 'reset', t('Reset'));
  play.addEventListener('click', () => callbacks.onToggle());
  step.addEventListener('click', () => callbacks.onStep());
  reset.addEventListener('click', () => callbacks.onReset());
  const setPlaying = (playing: boolean) => {
    setButtonContent(play, playing ? 'pause' : 'play', playing ? t('Pause') : t('Play'));
    play.dataset.state = playing ? 'playing' : 'paused';
    play.title = playing ? t('Pause (Space)') : t('Play (Space)');
    step.disabled = playing || play.disabled;
  };
  setPlaying(false);
  return {
    element: h('div', { class: 'lm-transport', attrs: { role: 'group', 'aria-label': t('Training') } }, [play, step, reset]),
    play,
    step,
    reset,
    setPlaying,
    setEnabled(enabled) {
      play.disabled = !enabled;
      reset.disabled = !enabled;
      step.disabled = !enabled || play.dataset.state === 'playing';
    },
    setRunnable(runnable) {
      play.disabled = !runnable;
      step.disabled = !runnable || play.dataset.state === 'playing';
    },
  };
}

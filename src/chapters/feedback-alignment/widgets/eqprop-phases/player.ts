/**
 * The phase player: a scrubber over the trace's positions (free, nudged, update) with its own
 * play/pause, animated on requestAnimationFrame. One pass takes a few seconds, pausing at the end
 * of each phase; while the model trains, a finished pass starts the next on the newest trace.
 * A new trace while idle plays one pass (not under prefers-reduced-motion: it shows the update).
 */
import type { EqPropTrace } from '../../runs/eqprop';
import { h, setButtonContent } from '../../../../widgets/base/dom';
import { prefersReducedMotion } from '../../../../widgets/base/motion';
import { positionAt, positionCount, type Position } from './phases';
import { localNumber, t } from '../../../../i18n/t';

export interface PlayerCallbacks {
  /** Draw position `pos` of `trace`. */
  show(trace: EqPropTrace, pos: number): void;
  /** Whether a finished pass starts the next one (true while the model trains). */
  loop(): boolean;
}

/** Milliseconds per iteration of each phase, and the pause at its end. */
const TIMING = { free: [70, 700], plus: [140, 600], minus: [140, 600], update: [0, 2600] } as const;

export function describe(trace: EqPropTrace, at: Position): string {
  const b = trace.beta;
  switch (at.phase) {
    case 'free':
      return t('Free phase · iteration {t} of {steps}: the input is clamped, every unit settles to what its neighbours say.', { t: at.t, steps: at.steps });
    case 'plus':
      return t('Nudged phase, +β = {beta} · iteration {t} of {steps}: the output is pulled toward the label {label}; the tick marks the free equilibrium.', { beta: localNumber(String(b)), t: at.t, steps: at.steps, label: trace.label });
    case 'minus':
      return t('Nudged phase, −β = −{beta} · iteration {t} of {steps}: the same pull, pushed away from the label instead.', { beta: localNumber(String(b)), t: at.t, steps: at.steps });
    case 'update':
      return trace.minus
        ? t("Update: each unit's change between the two nudged states (÷ 2β), and each synapse's (red: strengthen, blue: weaken) — all local.")
        : t("Update: each unit's change between the two states (÷ β), and each synapse's (red: strengthen, blue: weaken) — all local.");
  }
}

export class PhasePlayer {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly range: HTMLInputElement;
  private readonly label: HTMLElement;
  private trace: EqPropTrace | null = null;
  private pending: EqPropTrace | null = null;
  private pos = 0;
  private animating = false;
  private frame: unknown = 0;
  private last = 0;
  private wait = 0;

  constructor(private readonly callbacks: PlayerCallbacks) {
    this.button = h('button', { class: 'lm-button lm-quiet lm-ep-replay', attrs: { type: 'button', 'data-testid': 'phase-play', title: t('Play the two phases') } });
    this.range = h('input', { class: 'lm-ep-scrub', attrs: { type: 'range', min: 0, max: 1, step: 1, value: 0, 'aria-label': t('Relaxation iteration'), 'data-testid': 'phase-scrub' } });
    this.label = h('p', { class: 'lm-ep-phase', attrs: { 'data-testid': 'phase-label', 'aria-live': 'off' } });
    this.button.addEventListener('click', () => (this.animating ? this.stop() : this.start(this.pos >= this.max() ? 0 : this.pos)));
    this.range.addEventListener('input', () => {
      this.stop();
      this.seek(Number(this.range.value));
    });
    this.element = h('div', { class: 'lm-ep-player' }, [this.button, this.range, this.label]);
    this.setButton();
  }

  /**
   * A new trace. While looping (training) it waits for the next pass; otherwise it is shown at once,
   * and played from the start when `autoplay` (and motion is allowed).
   */
  setTrace(trace: EqPropTrace, autoplay: boolean): void {
    if (this.animating && this.callbacks.loop()) {
      this.pending = trace;
      return;
    }
    const first = this.trace === null;
    this.take(trace);
    if (autoplay && !prefersReducedMotion()) this.start(0);
    else {
      this.stop();
      this.seek(first ? this.max() : this.pos);
    }
  }

  dispose(): void {
    this.stop();
  }

  private max(): number {
    return this.trace ? positionCount(this.trace) - 1 : 0;
  }

  private take(trace: EqPropTrace): void {
    const atEnd = this.trace !== null && this.pos >= this.max();
    this.trace = trace;
    this.pending = null;
    this.range.max = String(this.max());
    if (atEnd) this.pos = this.max();
  }

  private seek(pos: number): void {
    if (!this.trace) return;
    this.pos = Math.max(0, Math.min(this.max(), pos));
    this.range.value = String(this.pos);
    const at = positionAt(this.trace, this.pos);
    this.label.textContent = describe(this.trace, at);
    this.range.setAttribute('aria-valuetext', at.phase === 'update' ? t('update') : t('{phase} phase, iteration {t}', { phase: t(at.phase), t: at.t }));
    this.callbacks.show(this.trace, this.pos);
  }

  private start(from: number): void {
    if (!this.trace) return;
    this.animating = true;
    this.wait = 0;
    this.seek(from);
    this.setButton();
    this.last = performance.now();
    cancelFrame(this.frame);
    this.frame = nextFrame((t) => this.tick(t));
  }

  private stop(): void {
    this.animating = false;
    cancelFrame(this.frame);
    this.setButton();
    if (this.pending) {
      this.take(this.pending);
      this.seek(this.pos);
    }
  }

  private tick(now: number): void {
    if (!this.animating || !this.trace) return;
    if (!this.element.isConnected) return this.stop();
    this.wait -= Math.min(100, now - this.last);
    this.last = now;
    while (this.wait <= 0) {
      const at = positionAt(this.trace, this.pos);
      if (this.pos >= this.max()) {
        if (this.pending) this.take(this.pending);
        if (!this.callbacks.loop()) {
          this.seek(this.max());
          this.stop();
          return;
        }
        this.seek(0);
        this.wait += TIMING.free[0];
        break;
      }
      this.seek(this.pos + 1);
      const next = positionAt(this.trace, this.pos);
      const [per, hold] = TIMING[next.phase];
      this.wait += per + (next.t === next.steps || next.phase === 'update' ? hold : 0);
      if (next.phase !== at.phase && next.phase !== 'update') this.wait += 150;
    }
    this.frame = nextFrame((t) => this.tick(t));
  }

  private setButton(): void {
    setButtonContent(this.button, this.animating ? 'pause' : 'play', this.animating ? t('Pause phases') : t('Play phases'));
    this.button.setAttribute('aria-pressed', String(this.animating));
  }
}

/** requestAnimationFrame, or a 16 ms timer where there is none (Node, some test DOMs). */
function nextFrame(cb: (now: number) => void): unknown {
  return typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : setTimeout(() => cb(performance.now()), 16);
}

function cancelFrame(handle: unknown): void {
  if (typeof cancelAnimationFrame === 'function' && typeof handle === 'number') cancelAnimationFrame(handle);
  else clearTimeout(handle as ReturnType<typeof setTimeout>);
}

/**
 * The live text summary screen readers hear ("step 400, train accuracy 98.0%, test accuracy
 * 71.3%"): an aria-live="polite" region written at most once every ~2 s, so it informs
 * without chattering. The latest text always lands (a trailing write).
 */
import { h } from './dom';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LiveSummary {
  readonly element: HTMLElement;
  private last = -Infinity;
  private pending: string | null = null;
  private timer: unknown = null;

  constructor(
    readonly intervalMs = 2000,
    private readonly clock: Clock = realClock,
  ) {
    this.element = h('p', { class: 'lm-summary lm-visually-hidden', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'summary' } });
  }

  /** Say `text`, now if the last announcement is old enough, else when it is. */
  update(text: string): void {
    if (text === this.element.textContent && this.pending === null) return;
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) {
      this.write(text);
      return;
    }
    this.pending = text;
    if (this.timer === null) this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Write the pending text now (e.g. on pause, so the final numbers are current). */
  flush(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.pending !== null) this.write(this.pending);
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private write(text: string): void {
    this.pending = null;
    this.last = this.clock.now();
    if (this.element.textContent !== text) this.element.textContent = text;
  }
}

/**
 * A figure's lifecycle, after distill's d-figure: code loads when a widget nears the viewport
 * (IntersectionObserver with a pre-warm margin of one and a half screen heights; one widget
 * initialised per animation frame), and a training widget runs only while it is on screen and the
 * tab is visible. The margin is what lets a figure show its first numbers as the reader reaches it:
 * building a run and its first evaluation take 0.3–1.5 s for the heavier figures on a 2-core laptop
 * (bench/FIRST.md), about the time a reader takes to scroll a screen and a half; at 600 px the
 * heavier ones were still loading when they came into view. Initialising costs one run and one
 * evaluation per figure; training waits until the figure is on screen.
 */

export interface SchedulerOptions {
  /** Pre-warm margin for loading, as CSS (default '150% 0px': 1.5 viewport heights above and below). */
  nearMargin?: string;
  /** Injected for tests; default: the global IntersectionObserver (absent: everything counts as on screen). */
  IntersectionObserver?: typeof IntersectionObserver;
  document?: Document;
  /** Runs a callback on the next frame (default requestAnimationFrame, or a 16 ms timer). */
  nextFrame?: (cb: () => void) => void;
}

type Unsubscribe = () => void;

/** See the header: 1.5 screen heights ahead (and behind, for a reader scrolling up). */
export const NEAR_MARGIN = '150% 0px';

export class Scheduler {
  private readonly doc: Document;
  private readonly IO: typeof IntersectionObserver | undefined;
  private readonly nextFrame: (cb: () => void) => void;
  private nearObserver: IntersectionObserver | null = null;
  private viewObserver: IntersectionObserver | null = null;
  private readonly nearCallbacks = new Map<Element, () => void>();
  private readonly viewCallbacks = new Map<Element, { onscreen: boolean; notify: (active: boolean) => void }>();
  private readonly queue: (() => void)[] = [];
  private draining = false;
  private readonly onVisibility = () => this.notifyAll();

  constructor(private readonly options: SchedulerOptions = {}) {
    this.doc = options.document ?? document;
    this.IO = options.IntersectionObserver ?? (globalThis.IntersectionObserver as typeof IntersectionObserver | undefined);
    this.nextFrame = options.nextFrame ?? ((cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16)));
  }

  /** Call `cb` once, when `el` comes within the pre-warm margin of the viewport (one per frame). */
  whenNear(el: Element, cb: () => void): Unsubscribe {
    if (!this.IO) {
      this.enqueue(cb);
      return () => undefined;
    }
    this.nearObserver ??= new this.IO((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const fn = this.nearCallbacks.get(entry.target);
        if (!fn) continue;
        this.nearCallbacks.delete(entry.target);
        this.nearObserver?.unobserve(entry.target);
        this.enqueue(fn);
      }
    }, { rootMargin: this.options.nearMargin ?? NEAR_MARGIN });
    this.nearCallbacks.set(el, cb);
    this.nearObserver.observe(el);
    return () => {
      this.nearCallbacks.delete(el);
      this.nearObserver?.unobserve(el);
    };
  }

  /**
   * Tell `notify(active)` whenever `el` becomes active (on screen and the tab visible) or inactive.
   * It is called once right away with the current state as far as known.
   */
  watch(el: Element, notify: (active: boolean) => void): Unsubscribe {
    const record = { onscreen: !this.IO, notify };
    if (this.viewCallbacks.size === 0) this.doc.addEventListener('visibilitychange', this.onVisibility);
    this.viewCallbacks.set(el, record);
    if (this.IO) {
      this.viewObserver ??= new this.IO((entries) => {
        for (const entry of entries) {
          const r = this.viewCallbacks.get(entry.target);
          if (!r || r.onscreen === entry.isIntersecting) continue;
          r.onscreen = entry.isIntersecting;
          r.notify(this.isActive(r));
        }
      }, { threshold: 0 });
      this.viewObserver.observe(el);
    }
    notify(this.isActive(record));
    return () => {
      this.viewCallbacks.delete(el);
      this.viewObserver?.unobserve(el);
      if (this.viewCallbacks.size === 0) this.doc.removeEventListener('visibilitychange', this.onVisibility);
    };
  }

  private isActive(record: { onscreen: boolean }): boolean {
    return record.onscreen && this.doc.visibilityState !== 'hidden';
  }

  private notifyAll(): void {
    for (const r of this.viewCallbacks.values()) r.notify(this.isActive(r));
  }

  private enqueue(cb: () => void): void {
    this.queue.push(cb);
    if (this.draining) return;
    this.draining = true;
    const drain = () => {
      const next = this.queue.shift();
      if (!next) {
        this.draining = false;
        return;
      }
      try {
        next();
      } finally {
        this.nextFrame(drain);
      }
    };
    this.nextFrame(drain);
  }
}

let shared: Scheduler | null = null;

/** The page's scheduler. */
export function scheduler(): Scheduler {
  shared ??= new Scheduler();
  return shared;
}

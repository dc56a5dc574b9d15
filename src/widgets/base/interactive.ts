/**
 * A lighter base than TrainingWidget for figures that are not a training loop: the attack lab
 * (a worker session answering requests: predict this drawing, take one attack step) and the
 * linearity figure (plain JavaScript). It keeps the shared chrome of WidgetShell (settings from
 * the schema, URL state, seed, transport, keyboard, projector mode, export, live summary, states)
 * and adds a small player: Play calls playFrame() until it reports that nothing is left, only while
 * the figure is on screen and the tab visible; a queue serialises the subclass's async work, and a
 * generation counter lets it drop results that a newer request made stale.
 *
 * Status (data-status on the host, read by the end-to-end tests): 'loading' | 'ready' (paused) |
 * 'playing' | 'finished' | 'error'.
 */
import './styles';
import { scheduler } from '../../runtime/scheduler';
import { prefersReducedMotion } from './motion';
import { WidgetShell } from './shell';
import type { WidgetSchema } from '../../settings/schema';
import { t } from '../../i18n/t';

export type InteractiveStatus = 'loading' | 'ready' | 'playing' | 'finished' | 'error';

export abstract class InteractiveWidget<S extends WidgetSchema = WidgetSchema> extends WidgetShell<S> {
  protected playing = false;
  /** On screen and the tab visible. */
  protected active = false;
  protected ready = false;
  /** Bumped by every (re)load, disconnect and failure: async results of an older one are dropped. */
  protected generation = 0;
  private looping = false;
  private chain: Promise<unknown> = Promise.resolve();
  private unwatch: (() => void) | undefined;

  /** Build whatever the figure needs (a worker run, data) and draw its first state. */
  protected abstract load(generation: number): Promise<void>;
  /** Release it (worker runs); called on disconnect and before a reload. */
  protected abstract unload(): Promise<void>;
  /** One frame of playing. Resolve false when there is nothing left to play: the figure pauses, 'finished'. */
  protected abstract playFrame(): Promise<boolean>;
  /** The status line's text now. */
  protected abstract statusText(): string;

  connectedCallback(): void {
    this.ensureBuilt();
    this.watchHash(true);
    this.unwatch = scheduler().watch(this, (active) => {
      this.active = active;
      if (active) void this.loop();
      this.onActiveChange(active);
    });
    void this.reload(this.hasAttribute('autoplay') && !prefersReducedMotion());
  }

  disconnectedCallback(): void {
    this.generation++;
    this.ready = false;
    this.setPlaying(false);
    this.unwatch?.();
    this.watchHash(false);
    this.projector.exit();
    this.summary.dispose();
    void this.enqueue(() => this.unload()).catch(() => undefined);
  }

  /** Hook: the figure came on or went off screen. */
  protected onActiveChange(active: boolean): void {
    void active;
  }

  protected togglePlay(): void {
    this.setPlaying(!this.playing);
  }

  /** Serialise async work (worker requests): each call runs after the previous one settles. */
  protected enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Unload and load again (a setting that needs a new run changed, or Retry). */
  protected async reload(playAfter = false): Promise<void> {
    const gen = ++this.generation;
    this.ready = false;
    this.setPlaying(false);
    this.transport.setEnabled(false);
    this.setStatus('loading');
    // Retry or Defaults: the error gives way at once (load() may show its own progress over it).
    if (this.states.current && this.states.current !== 'loading') this.states.loading(t('Loading…'));
    try {
      await this.enqueue(async () => {
        await this.unload();
        if (gen === this.generation) await this.load(gen);
      });
      if (gen !== this.generation) return;
      this.ready = true;
      this.states.clear();
      this.transport.setEnabled(true);
      this.setStatus('ready');
      this.refreshStatus();
      if (playAfter) this.setPlaying(true);
    } catch (err) {
      if (gen === this.generation) this.fail(err);
    }
  }

  protected setPlaying(playing: boolean): void {
    if (playing && (!this.ready || this.states.current)) return;
    this.playing = playing;
    this.transport.setPlaying(playing);
    if (this.ready) this.setStatus(playing ? 'playing' : this.dataset.status === 'finished' && !playing ? 'finished' : 'ready');
    if (!playing) this.summary.flush();
    this.refreshStatus();
    if (playing) void this.loop();
  }

  /** Mark the figure finished (its animation has nothing left) without a frame of play. */
  protected markFinished(finished: boolean): void {
    if (!this.ready) return;
    if (finished && !this.playing) this.setStatus('finished');
    else if (!finished && this.dataset.status === 'finished') this.setStatus('ready');
  }

  protected setStatus(status: InteractiveStatus): void {
    this.dataset.status = status;
  }

  protected refreshStatus(): void {
    const text = this.ready ? this.statusText() : '';
    if (this.statusLine.textContent !== text) this.statusLine.textContent = text;
  }

  protected fail(err: unknown, prefix = t('Something went wrong')): void {
    this.generation++;
    this.ready = false;
    this.playing = false;
    this.transport.setPlaying(false);
    this.transport.setEnabled(false);
    this.setStatus('error');
    this.refreshStatus();
    const message = err instanceof Error ? err.message : String(err);
    this.states.error(t('{prefix}: {message}', { prefix, message }), () => void this.reload(false), () => this.resetToDefaults());
  }

  /** Defaults (from an error or divergence): the default settings and seed, and the figure rebuilt from them. */
  protected resetToDefaults(): void {
    this.restoreDefaults();
    this.stateReplaced();
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.playing && this.active && this.ready) {
        const gen = this.generation;
        const more = await this.playFrame();
        if (gen !== this.generation || !this.playing) continue;
        if (!more) {
          this.playing = false;
          this.transport.setPlaying(false);
          this.setStatus('finished');
          this.summary.flush();
        }
        this.refreshStatus();
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.looping = false;
    }
  }
}

/**
 * The base every training widget extends: a custom element (light DOM, so the essay's CSS
 * variables reach it) with the shared chrome (shell.ts) and the run lifecycle: start the shared
 * worker, train while playing AND on screen AND the tab is visible, pause on divergence, restart
 * on a non-live setting, dispose the worker runs when the element is removed.
 *
 * A subclass builds its stage and talks to the worker through five hooks (startRun, stopRun,
 * advance, applyLive, summarize); stopRun's default disposes `this.run`, the run startRun made. Every call to the worker goes through one queue per widget, so
 * a reset never races a training chunk; a generation counter drops results of a superseded run.
 *
 * Over 300 lines on purpose: the lifecycle's states (loading, ready, playing, diverged, restarting)
 * and the one queue that orders them read as one piece; split, its halves would call each other back.
 */
import './styles';
import { getTrainer, type TrainerClient } from '../../runtime/client';
import { contextLostText, displayName } from '../../runtime/backend-choice';
import { isNotLiveError, type BackendChangedEvent, type ConfigOf, type MetricsOf, type RunKind, type RunRef } from '../../runtime/protocol';
import type { EngineReport } from '../../runtime/engine-choice';
import { scheduler } from '../../runtime/scheduler';
import { configChanges, type Setting, type SettingValue, type Settings, type WidgetSchema } from '../../settings/schema';
import { prefersReducedMotion } from './motion';
import { WidgetShell } from './shell';
import { divergenceMessage } from './states';
import { groupNumber, t } from '../../i18n/t';

export interface TickResult {
  step: number;
  loss: number;
  /** The loss became NaN or infinite (or blew up): playing stops and the figure says why. */
  diverged: boolean;
  stepsPerSec: number;
  /** The engine the run trains on (TrainReport.engine), for the badge. */
  engine?: EngineReport;
  /** The widget's planned run is over (e.g. a step limit); playing stops. */
  finished?: boolean;
}

/** On the host as data-status: 'loading' | 'ready' (paused) | 'playing' | 'diverged' | 'finished' | 'error'. */
export type WidgetStatus = 'loading' | 'ready' | 'playing' | 'diverged' | 'finished' | 'error';

const RESTART_DELAY_MS = 250;
const STATUS_EVERY_MS = 250;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any kind: each widget names its own
export abstract class TrainingWidget<Kind extends RunKind<any, any> = RunKind<object, unknown>, S extends WidgetSchema = WidgetSchema> extends WidgetShell<S> {
  protected trainer: TrainerClient | null = null;
  /** The worker run startRun made (null when there is none); the default stopRun disposes it. */
  protected run: RunRef<ConfigOf<Kind>, MetricsOf<Kind>> | null = null;
  /** The config the run was created with, live changes included (see createRunFrom and sendLive). */
  protected runConfig: ConfigOf<Kind> | null = null;
  private playing = false;
  private active = false;
  private ready = false;
  private finished = false;
  private looping = false;
  private generation = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private pendingLive: Settings = {};
  private liveQueued = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private resumeAfterRestart = false;
  /** A start in progress will play when ready (a restart asked for meanwhile keeps that intent). */
  private startingToPlay = false;
  private unwatch: (() => void) | undefined;
  private stepsPerSec = 0;
  /** The settings the current run was started with. */
  private startedWith: Settings = {};
  private statusAt = -Infinity;

  /** Create the worker run of `kind` from `config`, remembered so live settings send only what they change. */
  protected async createRunFrom(trainer: TrainerClient, kind: Kind, config: ConfigOf<Kind>): Promise<RunRef<ConfigOf<Kind>, MetricsOf<Kind>>> {
    const run = await trainer.createRun<ConfigOf<Kind>, MetricsOf<Kind>>(kind, config);
    this.run = run;
    this.runConfig = config;
    return run;
  }

  /**
   * The run's config as the settings now give it: send the run what changed (the run kind's live
   * keys) and return it. Nothing is sent when nothing changed.
   */
  protected async sendLive(trainer: TrainerClient, next: ConfigOf<Kind>): Promise<Partial<ConfigOf<Kind>>> {
    if (!this.run || !this.runConfig) return {};
    const update = configChanges<ConfigOf<Kind>>(this.runConfig, next);
    this.runConfig = next;
    if (Object.keys(update).length === 0) return update;
    try {
      await trainer.update(this.run, update);
    } catch (err) {
      // The settings also differ from the run's in ways it cannot take live (a slider of a setting
      // that restarts, dragged and not yet released; a restart still pending): rebuild it from them.
      if (!isNotLiveError(err)) throw err;
      this.scheduleRestart();
      return {};
    }
    return update;
  }

  /** Create the worker run(s) for `this.settings` and `this.seed`, and clear the drawing. */
  protected abstract startRun(trainer: TrainerClient): Promise<void>;
  /** Dispose every worker run this widget holds (safe to call when there is none). */
  protected async stopRun(trainer: TrainerClient): Promise<void> {
    const run = this.run;
    this.run = null;
    if (run) await trainer.dispose(run);
  }
  /** Train one chunk ('play': a ~40 ms slice; 'step': up to the next evaluation) and draw. */
  protected abstract advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult>;
  /** Apply live settings to the running run(s) without a reset. */
  protected abstract applyLive(trainer: TrainerClient, partial: Settings): Promise<void>;
  /** One sentence for screen readers: "step 400, train accuracy 98.0%, test accuracy 71.3%". */
  protected abstract summarize(): string;
  /**
   * What the figure says when its run diverged: by default it names the setting the reader changed
   * last, else those away from their defaults, else the step size (states.ts). A widget that knows
   * which of its settings was the culprit says so instead.
   */
  protected divergenceText(loss: number): string {
    return divergenceMessage(this.schema, this.settings as Settings, loss, this.divergenceContext());
  }
  /** What the loading state says once the engine is up. */
  protected loadingText(): string {
    return t('Loading data…');
  }

  connectedCallback(): void {
    this.ensureBuilt();
    this.watchHash(true);
    this.trainer?.events.addEventListener('backend-changed', this.onBackendChanged);
    this.unwatch = scheduler().watch(this, (active) => this.setActive(active));
    void this.start(this.hasAttribute('autoplay') && !prefersReducedMotion());
  }

  disconnectedCallback(): void {
    this.generation++;
    this.setPlaying(false);
    this.ready = false;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.unwatch?.();
    this.watchHash(false);
    this.trainer?.events.removeEventListener('backend-changed', this.onBackendChanged);
    this.projector.exit();
    this.summary.dispose();
    const trainer = this.trainer;
    if (trainer) void this.enqueue(() => this.stopRun(trainer)).catch(() => undefined);
  }

  play(): void {
    this.setPlaying(true);
  }

  pause(): void {
    this.setPlaying(false);
  }

  /** A fresh run with the same settings and seed: the same run again. Stays paused. */
  reset(): void {
    void this.start(false);
  }

  /** Train up to the next evaluation, then stop (paused only). */
  step(): void {
    if (!this.ready || this.playing || !this.trainer || this.states.current) return;
    const trainer = this.trainer;
    const gen = this.generation;
    this.enqueue(() => this.advance(trainer, 'step'))
      .then((r) => gen === this.generation && this.afterTick(r, true))
      .catch((err) => this.fail(err));
  }

  protected togglePlay(): void {
    this.setPlaying(!this.playing);
  }

  protected enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Update the summary and the status line (call after drawing new data). */
  protected announce(force = true): void {
    this.summary.update(this.summarize());
    this.updateStatus(force);
  }

  protected settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    if (setting.live) {
      if (changed) this.queueLive(key, value);
    } else if (committed && (value !== this.startedWith[key] || this.restartTimer !== undefined)) {
      // Compared with the running run's value: dragging a slider already stored each value on input.
      this.scheduleRestart();
    }
  }

  protected seedChanged(): void {
    this.scheduleRestart();
  }

  protected stateReplaced(): void {
    void this.start(false);
  }

  private async start(playAfter: boolean): Promise<void> {
    const gen = ++this.generation;
    this.startingToPlay = playAfter;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.ready = false;
    this.finished = false;
    this.playing = false;
    this.startedWith = { ...(this.settings as Settings) };
    this.transport.setPlaying(false);
    this.transport.setEnabled(false);
    this.setStatus('loading');
    if (!this.trainer) this.states.loading(t('Starting the training engine…'));
    try {
      if (!this.trainer) {
        const trainer = await getTrainer();
        if (gen !== this.generation) return;
        this.trainer = trainer;
        trainer.events.addEventListener('backend-changed', this.onBackendChanged);
        this.badge.follow(trainer);
      }
      const trainer = this.trainer;
      if (this.states.current !== 'loading') this.states.loading(this.loadingText());
      await this.enqueue(async () => {
        await this.stopRun(trainer);
        if (gen === this.generation) await this.startRun(trainer);
      });
      if (gen !== this.generation) return;
      this.ready = true;
      this.states.clear();
      this.transport.setEnabled(true);
      this.setStatus('ready');
      this.announce();
      if (this.startingToPlay) this.setPlaying(true);
    } catch (err) {
      if (gen === this.generation) this.fail(err, this.trainer ? t('Training could not start') : t('The training engine could not start'));
    }
  }

  private setPlaying(playing: boolean): void {
    if (playing && this.finished) {
      void this.start(true);
      return;
    }
    // Play pressed while the run loads (a lecturer's Space right after a scene or a reset): play once it is ready.
    if (!this.ready && this.states.current === 'loading') {
      this.startingToPlay = playing;
      return;
    }
    if (playing && (!this.ready || this.states.current)) return;
    this.playing = playing;
    this.transport.setPlaying(playing);
    if (this.ready) this.setStatus(playing ? 'playing' : 'ready');
    if (!playing) {
      this.badge.setSpeed(null);
      this.summary.flush();
    }
    this.updateStatus();
    if (playing) void this.loop();
  }

  private setActive(active: boolean): void {
    this.active = active;
    this.updateStatus();
    if (active) void this.loop();
    else this.badge.setSpeed(null);
  }

  private async loop(): Promise<void> {
    if (this.looping) return;
    this.looping = true;
    try {
      while (this.playing && this.active && this.ready && this.trainer) {
        const trainer = this.trainer;
        const gen = this.generation;
        // Checked again when the queue reaches it: a pause or reset meanwhile cancels the chunk.
        const r = await this.enqueue(() => (this.playing && gen === this.generation ? this.advance(trainer, 'play') : Promise.resolve(null)));
        if (r && gen === this.generation) this.afterTick(r);
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.looping = false;
    }
  }

  /** A result in: draw the status (`force`: now, e.g. after →; else at most every STATUS_EVERY_MS). */
  private afterTick(r: TickResult, force = false): void {
    this.lastStep = r.step;
    // Read by the benchmark and the end-to-end tests (an attribute write does not repaint).
    this.dataset.step = String(r.step);
    this.stepsPerSec = r.stepsPerSec;
    if (r.engine) this.badge.setEngine(r.engine);
    const before = this.dataset.status;
    if (r.diverged) {
      this.setPlaying(false);
      this.setStatus('diverged');
      this.transport.setRunnable(false);
      this.states.diverged(this.divergenceText(r.loss), () => this.reset(), () => this.resetToDefaults());
    } else if (r.finished) {
      this.setPlaying(false);
      this.finished = true;
      this.setStatus('finished');
    }
    // Paused (a → step, or the chunk in flight when Pause was pressed): the line shows the last step.
    this.announce(force || !this.playing || this.dataset.status !== before);
  }

  private fail(err: unknown, prefix = t('Something went wrong')): void {
    this.generation++;
    this.startingToPlay = false;
    this.playing = false;
    this.ready = false;
    this.transport.setPlaying(false);
    this.transport.setEnabled(false);
    this.badge.setSpeed(null);
    this.setStatus('error');
    const message = err instanceof Error ? err.message : String(err);
    this.states.error(t('{prefix}: {message}', { prefix, message }), () => void this.start(false), () => this.resetToDefaults());
  }

  /** Defaults (from an error or divergence): the default settings and seed, and a fresh run from them. */
  private resetToDefaults(): void {
    this.restoreDefaults();
    this.stateReplaced();
  }

  private setStatus(status: WidgetStatus): void {
    this.dataset.status = status;
  }

  /** While training, the status line and speed change at most every STATUS_EVERY_MS (each change repaints). */
  private updateStatus(force = true): void {
    const now = performance.now();
    if (!force && now - this.statusAt < STATUS_EVERY_MS) return;
    this.statusAt = now;
    if (this.playing && this.active) this.badge.setSpeed(this.stepsPerSec);
    const step = groupNumber(this.lastStep);
    let text = '';
    if (this.finished) text = t('Finished · step {step}', { step });
    else if (this.playing && !this.active) text = t('Paused off screen · step {step}', { step });
    else if (this.playing) text = t('Training · step {step}', { step });
    else if (this.ready) text = t('Paused · step {step}', { step });
    if (this.statusLine.textContent !== text) this.statusLine.textContent = text;
  }

  /** Live settings coalesce: however fast a slider moves, one update per queue turn. */
  private queueLive(key: string, value: SettingValue): void {
    this.pendingLive[key] = value;
    if (this.liveQueued) return;
    this.liveQueued = true;
    this.enqueue(async () => {
      this.liveQueued = false;
      const partial = this.pendingLive;
      this.pendingLive = {};
      if (this.ready && this.trainer) await this.applyLive(this.trainer, partial);
    }).catch((err) => this.fail(err));
  }

  /** Non-live changes restart the run, debounced so dragging or arrowing a slider restarts once. */
  private scheduleRestart(): void {
    // Playing, or about to: a restart already scheduled, or one loading now, that will play.
    const resume = this.playing || (this.restartTimer !== undefined && this.resumeAfterRestart) || (!this.ready && this.startingToPlay);
    this.resumeAfterRestart = resume;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.start(resume);
    }, RESTART_DELAY_MS);
  }

  private readonly onBackendChanged = (event: Event) => {
    const detail = (event as CustomEvent<BackendChangedEvent>).detail;
    this.badge.setBackend(detail.info);
    // The worker replayed our run to the step it had reached on the new backend: go on from there.
    // A widget between runs (loading, failed) starts afresh.
    if (this.ready && this.run && detail.rebuilt.includes(this.run.id)) {
      this.badge.setNotice(t('{why}: continued on {backend} from step {step}.', { why: contextLostText(detail.lost, detail.detail), backend: displayName(detail.info.name), step: groupNumber(this.lastStep) }));
      this.badge.setEngine(null);
      return;
    }
    this.badge.setNotice(t('{why}: restarted on {backend}.', { why: contextLostText(detail.lost, detail.detail), backend: displayName(detail.info.name) }));
    void this.start(this.playing);
  };
}

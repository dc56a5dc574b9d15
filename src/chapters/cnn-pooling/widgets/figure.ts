/**
 * What the chapter's three figures share. Each holds one worker run of five (or three) nets, which
 * answers at once from the shipped seed-1 weights, or — "Weights: retrain here" — starts from fresh
 * nets and trains them in the worker from the figure's seed while the reader watches.
 *
 *   Play   retraining and not yet trained: trains (science.md's 375 steps per seed), stopping at
 *          every epoch to measure the figure's curves, grid or tally; otherwise plays the figure's
 *          animation (the digit sweeping across, the face's parts moving, the shift column).
 *   →      one training chunk (to the next 25 steps) or one animation step.
 *   R      retraining: fresh nets from the seed; otherwise back to the animation's start.
 *
 * Live settings go to the run without a reset (coalesced: one update per turn of the queue), 'page'
 * settings only redraw, the rest load a new run. The run measures its curves a few test images per
 * evaluation (runs/measure.ts): while its metrics say `pending`, the figure keeps asking, on screen
 * and when not training, so the measurement fills in without ever holding up a slider.
 *
 * Over 300 lines on purpose: the three figures' shared lifecycle (shipped weights vs retraining,
 * animation vs training, the keyboard map above) is one state machine; splitting it would scatter it.
 */
import { getTrainer, type TrainerClient } from '../../../runtime/client';
import { dataBaseUrl } from '../../../runtime/page';
import { isNotLiveError, type RunKind, type RunRef } from '../../../runtime/protocol';
import { configChanges, type Setting, type SettingValue, type Settings, type WidgetSchema } from '../../../settings/schema';
import { InteractiveWidget } from '../../../widgets/base/interactive';
import { divergenceMessage } from '../../../widgets/base/states';
import { groupNumber, t } from '../../../i18n/t';

/** What every run of the chapter reports besides its figure's numbers. */
export interface FigureMetrics {
  step: number;
  /** Steps in all when retraining (0: shipped weights, nothing to train). */
  total: number;
  loss: number;
  /** More measuring to do at these weights (evaluate again). */
  pending: boolean;
  diverged: boolean;
}

const RELOAD_DELAY_MS = 250;
/** Training: one worker call's budget, and how often the figure redraws the digit's answers meanwhile. */
const TRAIN_BUDGET_MS = 120;
const EVAL_EVERY_MS = 450;
/** → while retraining: this many steps (or to the next epoch). */
const STEP_CHUNK = 25;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export abstract class PoolingFigure<C extends object, M extends FigureMetrics, S extends WidgetSchema> extends InteractiveWidget<S> {
  protected abstract readonly kind: RunKind<C, M>;
  protected trainer: TrainerClient | null = null;
  protected run: RunRef<C, M> | null = null;
  /** The latest metrics (null before the first). */
  protected latest: M | null = null;
  /** One animation frame every so many ms. */
  protected animationFrameMs = 450;
  private sent: C | null = null;
  private pendingUpdate: Partial<C> = {};
  private updateQueued = false;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private loadedWith: Settings = {};
  private lastEvalAt = 0;
  private lastFrameAt = 0;
  /** Training reached an epoch: measure before going on. */
  private checkpoint = false;
  private measuring = false;

  /** The run's config for the current settings, seed and what the page holds (e.g. a drawing). */
  protected abstract makeConfig(): C;
  /** Draw these metrics. */
  protected abstract show(m: M): void;
  /** One animation step (trained nets); resolve false at the animation's end. */
  protected abstract animateStep(): boolean | Promise<boolean>;
  /** The animation back to its start. */
  protected abstract rewind(): void;
  /** A 'page' setting changed: redraw from the metrics in hand. */
  protected abstract redraw(): void;
  /** One sentence for screen readers. */
  protected abstract summarize(): string;
  /** What the loading state says. */
  protected abstract loadingText(): string;
  /** Where the animation is, for the status line while it plays ("+3 px"). */
  protected abstract animationText(): string;
  /** After the run's first numbers are shown (e.g. fetch a gallery). */
  protected async onRunCreated(trainer: TrainerClient, run: RunRef<C, M>): Promise<void> {
    void trainer;
    void run;
  }
  /** A setting changed (any kind): e.g. mark the host for CSS. */
  protected onSettingShown(): void {}

  /** The reader asked for nets trained here from the seed. */
  protected get retraining(): boolean {
    return (this.settings as Settings).weights === 'retrain';
  }

  /** Nothing (more) to train: shipped weights, or training is over. */
  protected get trained(): boolean {
    return this.latest ? this.latest.step >= this.latest.total : !this.retraining;
  }

  /** Steps per measured epoch (science.md: 125 steps of 64 digits per pass over 8,000). */
  protected epochSteps(m: M): number {
    return Math.max(1, Math.round(m.total / 3));
  }

  protected modelsUrl(): string {
    return new URL('../models/cnn-pooling/', dataBaseUrl()).href;
  }

  protected async load(gen: number): Promise<void> {
    this.onSettingShown();
    if (!this.trainer) {
      this.states.loading(t('Starting the engine…'));
      this.trainer = await getTrainer();
      this.trainer.events.addEventListener('backend-changed', () => void this.reload(false));
      this.badge.follow(this.trainer);
    }
    const trainer = this.trainer;
    this.loadedWith = { ...(this.settings as Settings) };
    this.latest = null;
    this.checkpoint = false;
    this.states.loading(this.loadingText());
    const config = this.makeConfig();
    const run = await trainer.createRun(this.kind, config);
    if (gen !== this.generation) {
      await trainer.dispose(run);
      return;
    }
    this.run = run;
    this.sent = config;
    this.accept(await trainer.evaluate(run));
    // After the first numbers: on a warm visit they come before the worker has built the run (the
    // runtime's snapshots), and what onRunCreated asks of the run would hold them back.
    void this.enqueue(() => (run === this.run ? this.onRunCreated(trainer, run) : Promise.resolve())).catch((err: unknown) => {
      if (run === this.run) this.fail(err);
    });
  }

  protected async unload(): Promise<void> {
    const run = this.run;
    this.run = null;
    if (run && this.trainer) await this.trainer.dispose(run);
  }

  protected override onActiveChange(active: boolean): void {
    if (active) void this.measure();
  }

  protected async playFrame(): Promise<boolean> {
    if (this.retraining && (!this.trained || this.checkpoint)) return this.trainFrame();
    await sleep(this.lastFrameAt + this.animationFrameMs - performance.now());
    this.lastFrameAt = performance.now();
    return this.animateStep();
  }

  /** One chunk of training (or of measuring at an epoch); false when training is over and measured. */
  private async trainFrame(): Promise<boolean> {
    const gen = this.generation;
    const { trainer, run } = this;
    if (!trainer || !run) return false;
    const held = () => run === this.run && gen === this.generation;
    if (this.checkpoint) {
      const m = await this.enqueue(() => (held() ? trainer.evaluate(run) : Promise.resolve(null)));
      if (!m || gen !== this.generation) return false;
      this.accept(m);
      if (!m.pending) this.checkpoint = false;
      return !this.trained || this.checkpoint;
    }
    const step = this.latest?.step ?? 0;
    const epoch = this.latest ? this.epochSteps(this.latest) : STEP_CHUNK;
    const target = Math.min(this.latest?.total ?? Infinity, (Math.floor(step / epoch) + 1) * epoch);
    const r = await this.enqueue(() => (held() ? trainer.train(run, { untilStep: target, budgetMs: TRAIN_BUDGET_MS }) : Promise.resolve(null)));
    if (!r || gen !== this.generation) return false;
    this.lastStep = r.step;
    if (r.diverged) {
      this.diverge(r.loss);
      return false;
    }
    const atEpoch = r.step >= target;
    if (atEpoch || performance.now() - this.lastEvalAt > EVAL_EVERY_MS) {
      const m = await this.enqueue(() => (held() ? trainer.evaluate(run) : Promise.resolve(null)));
      if (!m || gen !== this.generation) return false;
      this.accept(m);
    }
    if (atEpoch) this.checkpoint = true;
    return true;
  }

  private diverge(loss: number): void {
    this.setPlaying(false);
    this.states.diverged(divergenceMessage(this.schema, this.settings as Settings, loss, this.divergenceContext()), () => void this.reload(false), () => this.resetToDefaults());
  }

  step(): void {
    if (!this.ready || this.playing) return;
    const { trainer, run } = this;
    if (!trainer || !run) return;
    const gen = this.generation;
    if (!(this.retraining && !this.trained)) {
      void Promise.resolve(this.animateStep()).catch((err) => this.failIfCurrent(gen, err));
      return;
    }
    const step = this.latest?.step ?? 0;
    const epoch = this.latest ? this.epochSteps(this.latest) : STEP_CHUNK;
    const target = Math.min(this.latest?.total ?? Infinity, step - (step % STEP_CHUNK) + STEP_CHUNK, (Math.floor(step / epoch) + 1) * epoch);
    this.enqueue(async () => {
      if (run !== this.run || gen !== this.generation) return;
      const r = await trainer.train(run, { untilStep: target, budgetMs: 120_000 });
      if (gen !== this.generation) return;
      if (r.diverged) return this.diverge(r.loss);
      const m = await trainer.evaluate(run);
      if (gen === this.generation) this.accept(m);
    }).catch((err) => this.failIfCurrent(gen, err));
  }

  /** An error of a run the figure has since replaced (a new scene, URL or setting) is no error of the figure's. */
  private failIfCurrent(gen: number, err: unknown): void {
    if (gen === this.generation) this.fail(err);
  }

  reset(): void {
    if (!this.ready) return;
    if (this.retraining) {
      void this.reload(false);
      return;
    }
    this.setPlaying(false);
    this.rewind();
  }

  protected settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    this.onSettingShown();
    if (setting.live === 'page') {
      if (changed) this.redraw();
    } else if (setting.live) {
      if (changed) this.sendChanges();
    } else if (committed && (value !== this.loadedWith[key] || this.reloadTimer !== undefined)) {
      this.scheduleReload();
    }
  }

  protected seedChanged(): void {
    this.scheduleReload();
  }

  protected stateReplaced(): void {
    this.onSettingShown();
    void this.reload(false);
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload(false);
    }, RELOAD_DELAY_MS);
  }

  /** Send the run what the settings (or the page's state) changed since it last heard, then redraw. */
  protected sendChanges(): void {
    const next = this.makeConfig();
    if (!this.sent) return;
    const update = configChanges(this.sent, next);
    this.sent = next;
    if (Object.keys(update).length === 0) return;
    Object.assign(this.pendingUpdate, update);
    if (this.updateQueued) return;
    this.updateQueued = true;
    const gen = this.generation;
    this.enqueue(async () => {
      this.updateQueued = false;
      const partial = this.pendingUpdate;
      this.pendingUpdate = {};
      const { trainer, run } = this;
      if (!trainer || !run || gen !== this.generation) return;
      try {
        await trainer.update(run, partial);
      } catch (err) {
        // Settings the run cannot take live differ too (a reload is pending): rebuild from them.
        if (!isNotLiveError(err)) throw err;
        this.scheduleReload();
        return;
      }
      const m = await trainer.evaluate(run);
      if (gen === this.generation) this.accept(m);
    }).catch((err) => this.failIfCurrent(gen, err));
  }

  /** New metrics: draw them, and keep measuring while the run says there is more (not while training). */
  private accept(m: M): void {
    this.latest = m;
    this.lastEvalAt = performance.now();
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.pending = String(m.pending);
    this.show(m);
    this.summary.update(this.summarize());
    this.refreshStatus();
    if (m.pending) void this.measure();
  }

  /** More to measure, and a moment to do it: a run, on screen, not in the middle of training. */
  private shouldMeasure(): boolean {
    return Boolean(this.run && this.trainer && this.latest?.pending && this.active && !(this.playing && this.retraining && !this.trained));
  }

  /** Ask again while the run has more to measure (one loop at a time; it looks again when it ends). */
  private async measure(): Promise<void> {
    if (this.measuring) return;
    this.measuring = true;
    let failed = false;
    let gen = this.generation;
    try {
      await sleep(0);
      while (this.shouldMeasure()) {
        gen = this.generation;
        const trainer = this.trainer as TrainerClient;
        const run = this.run as RunRef<C, M>;
        // By its turn in the queue a reload may have disposed this run (a new scene, URL or setting).
        const m = await this.enqueue(() => (run === this.run ? trainer.evaluate(run) : Promise.resolve(null)));
        if (m === null || gen !== this.generation || run !== this.run) continue;
        this.latest = m;
        this.show(m);
        this.dataset.pending = String(m.pending);
        if (!m.pending) {
          this.summary.update(this.summarize());
          this.refreshStatus();
        }
        await sleep(0);
      }
    } catch (err) {
      // A run disposed under the measurement (the figure moved on) is not a failure.
      failed = gen === this.generation;
      this.failIfCurrent(gen, err);
    } finally {
      this.measuring = false;
    }
    if (!failed && this.shouldMeasure()) void this.measure();
  }

  /** The status line keeps its row while loading (on a phone it wraps onto a row of its own). */
  protected override refreshStatus(): void {
    super.refreshStatus();
    if (!this.statusLine.textContent) this.statusLine.textContent = '\u00a0';
  }

  protected statusText(): string {
    const m = this.latest;
    if (!m) return '';
    // Short: on a laptop it shares the toolbar's row, on a phone it has one row of its own.
    const measuring = m.pending ? ` · ${t('measuring…')}` : '';
    if (this.retraining && (!this.trained || this.checkpoint)) {
      const where = t('step {step} of {total}', { step: groupNumber(m.step), total: groupNumber(m.total) });
      if (this.playing) return `${t('Training')} · ${where}${this.checkpoint ? ` · ${t('measuring…')}` : ''}`;
      return `${m.step === 0 ? t('Untrained') : t('Paused')} · ${where}${measuring}`;
    }
    if (this.playing) return `${t('Playing')} · ${this.animationText()}`;
    return `${this.retraining ? t('Trained here') : t('Shipped networks')}${measuring}`;
  }

}

/**
 * <attack-lab>: gradient descent on the image. Pick a test digit or draw one, choose a model and an
 * attack, and watch the model's answer change while no pixel moves by more than ε.
 *
 * The model and the attack live in the shared worker as one 'attack-lab' run (the lib's
 * AttackLabSession): the page sends the digit and the settings, and draws the snapshots it gets
 * back. Play animates the attack (FGSM's single step, PGD's iterations, NES's queries climbing);
 * Step takes one frame; Reset goes back to the clean digit. Once the reader has attacked, a new
 * digit, drawing or setting re-runs a white-box attack to the end at once (PGD: all its iterations),
 * and restarts the black box. Changing the model, its weights or the seed loads a new run (or
 * retrains, with progress shown, when the reader asks for it).
 *
 * Over 300 lines on purpose: which change reloads the model, which rewinds the attack and which
 * re-runs it to the end is one decision table, kept in one file so it can be read whole.
 */
import './attack-lab.css';
import './attack-lab-narrow.css';
import type { AttackLabConfig, AttackLabSnapshot } from '../../runs/lab-snapshot';
import { getTrainer, type TrainerClient } from '../../../../runtime/client';
import { dataBaseUrl } from '../../../../runtime/page';
import { isNotLiveError, type ConfigOf, type MetricsOf, type RunRef } from '../../../../runtime/protocol';
import { configChanges, type Setting, type SettingValue } from '../../../../settings/schema';
import { formatProbability } from './bars';
import { formatPercent } from '../../../../viz/format';
import { buildLabFigure } from './figure';
import { InteractiveWidget } from '../../../../widgets/base/interactive';
import { attackLabSchema } from './schema';
import { capitalize, LabView, modelName, theModel, type LabContext } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { attackLabKind } from '../../kinds';
import { attackLabConfig, NES_QUERY_BUDGET, targetClass, type AttackLabSettings } from './config';

const RELOAD_DELAY_MS = 250;
/** Play: at most one PGD iteration per this many ms, so the eye can follow it. */
const PGD_FRAME_MS = 60;
const NES_FRAME_MS = 50;
/** Test digits in the gallery. */
const GALLERY_SIZE = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class AttackLabElement extends InteractiveWidget<typeof attackLabSchema> {
  protected readonly schema = attackLabSchema;
  private trainer: TrainerClient | null = null;
  private run: RunRef<ConfigOf<typeof attackLabKind>, MetricsOf<typeof attackLabKind>> | null = null;
  private view!: LabView;
  private snap: AttackLabSnapshot | null = null;
  /** The reader has attacked since the last reset: changes re-run the attack. */
  private engaged = false;
  /** The reader's drawing (null: the gallery digit). */
  private drawn: Float32Array | null = null;
  /** The config the worker run has, live changes included. */
  private sent: AttackLabConfig | null = null;
  private pending: Partial<AttackLabConfig> = {};
  private pendingFinal = true;
  private liveQueued = false;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private loadedWith: Partial<AttackLabSettings> = {};
  private galleryShown = false;
  private lastFrameAt = 0;
  private playingSince = 0;

  protected mountStage(stage: HTMLElement): void {
    this.view = new LabView({
      onDraw: (image, final) => {
        this.drawn = image.slice();
        this.sendChanges(final);
      },
      onPick: (digit) => {
        this.drawn = null;
        this.settings.digit = digit;
        this.persist();
        this.sendChanges(true);
      },
    });
    stage.append(this.view.element);
    this.markSettings();
    this.view.placeholder(this.context(), this.maxFrames(), GALLERY_SIZE);
  }

  /** How many frames the chosen attack takes at most (as the lib's session counts them). */
  private maxFrames(): number {
    const s = this.settings;
    if (s.attack === 'fgsm') return 1;
    if (s.attack === 'pgd') return s.iterations + 1;
    return Math.max(1, Math.floor((NES_QUERY_BUDGET - 1) / (2 * s.samples + 1)));
  }

  protected override exportFigure(): SVGSVGElement | null {
    const shown = this.view.snapshot;
    return shown ? buildLabFigure(document, shown.snap, shown.ctx, this.view) : null;
  }

  protected async load(gen: number): Promise<void> {
    if (!this.trainer) {
      this.states.loading(t('Starting the engine…'));
      this.trainer = await getTrainer();
      this.trainer.events.addEventListener('backend-changed', () => void this.reload(false));
      this.badge.follow(this.trainer);
    }
    const trainer = this.trainer;
    this.loadedWith = { ...this.settings };
    const retrain = this.settings.weights === 'retrain';
    const model = theModel(this.settings.model);
    this.states.loading(retrain ? t('Loading the training digits to retrain {model}…', { model }) : t('Loading {model}…', { model }));
    const config = this.config();
    const run = await trainer.createRun(attackLabKind, config);
    this.sent = config;
    if (gen !== this.generation) {
      await trainer.dispose(run);
      return;
    }
    this.run = run;
    const showGallery = async () => {
      if (this.galleryShown) return;
      const g = await trainer.samples(run, GALLERY_SIZE);
      if (gen !== this.generation || this.galleryShown) return;
      this.view.setGallery(g.images, g.labels);
      this.galleryShown = true;
    };
    let snap = await trainer.evaluate(run);
    // A retraining shows its digits while it trains; otherwise they come after the first numbers: on
    // a warm visit those come before the worker has built the run (the runtime's snapshots), and the
    // gallery would hold them back.
    if (snap.phase === 'training') await showGallery();
    while (snap.phase === 'training' && snap.training) {
      if (gen !== this.generation) return;
      const { step, total, loss } = snap.training;
      const progress = { model, seed: this.seed, step: groupNumber(step), total: groupNumber(total), percent: formatPercent(Math.floor((100 * step) / total) / 100, 0) };
      this.states.loading(
        Number.isFinite(loss)
          ? t('Retraining {model} here from seed {seed}: step {step} of {total} ({percent}) · batch loss {loss}', { ...progress, loss: localNumber(loss.toFixed(2)) })
          : t('Retraining {model} here from seed {seed}: step {step} of {total} ({percent})', progress),
      );
      if (!this.active) {
        await sleep(250);
        continue;
      }
      const r = await trainer.train(run, { untilStep: total, budgetMs: 150 });
      if (r.diverged) throw new Error(t('retraining diverged (the loss became NaN)'));
      snap = await trainer.evaluate(run);
    }
    this.engaged = false;
    this.show(snap);
    void showGallery().catch((err: unknown) => {
      if (gen === this.generation) this.fail(err);
    });
  }

  protected async unload(): Promise<void> {
    const run = this.run;
    this.run = null;
    if (run && this.trainer) await this.trainer.dispose(run);
  }

  protected async playFrame(): Promise<boolean> {
    const nes = this.settings.attack === 'nes';
    const now = performance.now();
    if (this.snap?.frames === 0 || this.snap?.done) this.playingSince = now;
    await sleep(this.lastFrameAt + (nes ? NES_FRAME_MS : PGD_FRAME_MS) - now);
    this.lastFrameAt = performance.now();
    return this.enqueue(async () => {
      const { trainer, run } = this;
      if (!trainer || !run || !this.playing) return true;
      if (this.snap?.done) await trainer.update(run, {});
      this.engaged = true;
      // NES speeds up as it goes: 1 estimate per frame for the first second, then 2, 4, … 16.
      const steps = nes ? Math.min(16, 2 ** Math.floor((performance.now() - this.playingSince) / 1000)) : 1;
      await trainer.train(run, { steps, budgetMs: 60 });
      const snap = await trainer.evaluate(run);
      this.show(snap);
      return !snap.done;
    });
  }

  protected statusText(): string {
    const s = this.snap;
    if (!s) return '';
    const f = s.frame;
    const where = this.progressText(s);
    if (this.playing) return t('Attacking · {where}', { where });
    if (s.done && f) return f.success ? t('Fooled · {where}', { where }) : t('Not fooled · {where}', { where });
    if (f) return t('Paused · {where}', { where });
    return t('Ready · press Play to attack');
  }

  /** "iteration 12 of 40", "1,531 queries", "one step". */
  private progressText(s: AttackLabSnapshot): string {
    const f = s.frame;
    if (this.settings.attack === 'nes') return t('{n} queries', { n: groupNumber(f?.queries ?? 0) });
    if (this.settings.attack === 'fgsm') return f ? t('one step') : t('no step yet');
    return t('iteration {i} of {total}', { i: f?.iteration ?? 0, total: s.maxFrames - 1 });
  }

  step(): void {
    if (!this.ready || this.playing) return;
    const gen = this.generation;
    this.enqueue(async () => {
      const { trainer, run } = this;
      if (!trainer || !run) return;
      if (this.snap?.done) await trainer.update(run, {});
      this.engaged = true;
      await trainer.train(run, { steps: 1, budgetMs: 10_000 });
      const snap = await trainer.evaluate(run);
      if (gen === this.generation) this.show(snap);
    }).catch((err) => this.fail(err));
  }

  reset(): void {
    if (!this.ready) return;
    this.setPlaying(false);
    this.engaged = false;
    const gen = this.generation;
    this.enqueue(async () => {
      const { trainer, run } = this;
      if (!trainer || !run) return;
      await trainer.update(run, {});
      const snap = await trainer.evaluate(run);
      if (gen === this.generation) this.show(snap);
    }).catch((err) => this.fail(err));
  }

  protected settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    this.markSettings();
    if (setting.live) {
      if (changed) this.sendChanges(committed);
    } else if (committed && (value !== this.loadedValue(key) || this.reloadTimer !== undefined)) {
      this.scheduleReload();
    }
  }

  protected seedChanged(): void {
    this.scheduleReload();
  }

  protected stateReplaced(): void {
    this.markSettings();
    this.drawn = null;
    void this.reload(false);
  }

  /** A setting's value when the run was loaded. */
  private loadedValue(key: string): unknown {
    const loaded: Record<string, unknown> = this.loadedWith;
    return loaded[key];
  }

  /** The attack and weights on the host, so CSS shows only the settings that apply. */
  private markSettings(): void {
    this.dataset.attack = this.settings.attack;
    this.dataset.weights = this.settings.weights;
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload(false);
    }, RELOAD_DELAY_MS);
  }

  private config(): AttackLabConfig {
    return attackLabConfig(this.settings, this.seed, { image: this.drawn, modelsUrl: new URL('../models/', dataBaseUrl()).href });
  }

  /** Send the run what the settings or the drawing changed since it last heard. */
  private sendChanges(final: boolean): void {
    const next = this.config();
    if (this.sent) {
      const update = configChanges(this.sent, next);
      if (Object.keys(update).length > 0) this.queueLive(update, final);
    }
    this.sent = next;
  }


  /**
   * Live changes and drawing coalesce: however fast the reader draws or drags, one update per turn
   * of the queue. `final`: the stroke or drag is over (a slow attack may run).
   */
  private queueLive(partial: Partial<AttackLabConfig>, final: boolean): void {
    Object.assign(this.pending, partial);
    this.pendingFinal = final;
    if (this.liveQueued) return;
    this.liveQueued = true;
    const gen = this.generation;
    this.enqueue(async () => {
      this.liveQueued = false;
      const partialNow = this.pending;
      const finalNow = this.pendingFinal;
      this.pending = {};
      const { trainer, run } = this;
      if (!trainer || !run || gen !== this.generation) return;
      try {
        await trainer.update(run, partialNow);
      } catch (err) {
        // Settings the run cannot take live differ too (a slider that reloads, moved and not yet
        // released; a reload pending): rebuild the run from them instead of failing.
        if (!isNotLiveError(err)) throw err;
        this.scheduleReload();
        return;
      }
      let snap = await trainer.evaluate(run);
      if (this.engaged && !this.playing && snap.phase === 'ready') {
        const attack = this.settings.attack;
        // White box: re-run to the end at once (FGSM even mid-stroke; PGD when the stroke ends).
        if (attack === 'fgsm' || (attack === 'pgd' && finalNow)) {
          await trainer.train(run, { untilStep: snap.maxFrames, budgetMs: 30_000 });
          snap = await trainer.evaluate(run);
        }
      }
      if (gen !== this.generation) return;
      this.show(snap);
      // Black box: queries take time, so it runs as an animation once the stroke or drag is over.
      if (this.engaged && !this.playing && finalNow && this.settings.attack === 'nes') this.setPlaying(true);
    }).catch((err) => this.fail(err));
  }

  private show(snap: AttackLabSnapshot): void {
    this.snap = snap;
    this.lastStep = snap.frames;
    this.dataset.step = String(snap.frames);
    this.dataset.frames = String(snap.frames);
    this.dataset.queries = String(snap.frame?.queries ?? 0);
    this.dataset.fooled = String(Boolean(snap.frame?.success));
    this.view.render(snap, this.context());
    this.markFinished(snap.done);
    this.refreshStatus();
    this.summary.update(this.summarize(snap));
  }

  private context(): LabContext {
    const s = this.settings;
    return {
      attack: s.attack,
      epsilon: s.epsilon,
      modelName: modelName(this.loadedWith.model ?? s.model),
      theModel: theModel(this.loadedWith.model ?? s.model),
      drawn: this.drawn !== null,
      digit: s.digit,
      target: targetClass(s.target),
    };
  }

  private summarize(snap: AttackLabSnapshot): string {
    const model = capitalize(theModel(this.loadedWith.model ?? this.settings.model));
    const top = argmax(snap.clean);
    const read = { model, digit: top, p: formatProbability(snap.clean[top]) };
    const clean = this.drawn ? t('{model} reads the drawn digit as {digit} ({p}).', read) : t('{model} reads the test digit as {digit} ({p}).', read);
    const f = snap.frame;
    if (!f) return t('{clean} Not attacked yet.', { clean });
    const adv = argmax(f.probabilities);
    const attacked = { clean, where: this.progressText(snap), epsilon: localNumber(String(this.settings.epsilon)), digit: adv, p: formatProbability(f.probabilities[adv]) };
    return f.success ? t('{clean} Attacked at {where} with ε {epsilon}: it reads {digit} ({p}), fooled.', attacked) : t('{clean} Attacked at {where} with ε {epsilon}: it reads {digit} ({p}).', attacked);
  }
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

if (!customElements.get(attackLabSchema.tag)) customElements.define(attackLabSchema.tag, AttackLabElement);

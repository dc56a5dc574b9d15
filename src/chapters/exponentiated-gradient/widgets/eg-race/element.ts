/**
 * <eg-race>: Kivinen and Warmuth's race, live. Gradient descent and EG± learn the same online linear
 * regression side by side in the worker, one stream per input count N (16 to 4,096 and the reader's
 * N), all from one seed; each trial both predict, see the answer and pay (ŷ − y)². The left chart
 * follows the N shown, the right one every N's total so far: with one relevant input EG±'s loss grows
 * like log N and GD's like N; the dense task reverses the ranking. The step-size multipliers apply
 * live; everything else starts a new race. Before playing, the reader predicts; a finished race
 * checks the predictions. The race is cheap (≈ 0.1 ms per trial for every N), so playing paces it
 * to about four seconds whatever its length.
 */
import '../eg.css';
import type { TrainerClient } from '../../../../runtime/client';
import type { RaceMetrics } from '../../runs/sparse-dense-race';
import type { Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { PredictionBox } from '../../../../widgets/base/predict';
import { egRaceKind } from '../../kinds';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { nextFrame } from '../plots';
import { BLOWN_UP_SQUARED_ERROR, raceConfig } from './config';
import { raceSchema } from './schema';
import { RACE_QUESTIONS, raceVerdicts } from './verdicts';
import { RaceView } from './view';

/** Frames a played race takes, whatever its number of trials (≈ 4 s at 60 frames a second). */
const PLAY_FRAMES = 240;
/** Step (→) advances a tenth of the race. */
const STEP_PARTS = 10;

export class RaceElement extends TrainingWidget<typeof egRaceKind, typeof raceSchema> {
  protected readonly schema = raceSchema;
  private view!: RaceView;
  private predictions!: PredictionBox;
  private metrics: RaceMetrics | null = null;

  protected mountStage(stage: HTMLElement): void {
    this.predictions = new PredictionBox('Predict, then press play', RACE_QUESTIONS, 'The race checks your predictions when it ends.', 'Predict the race');
    this.view = new RaceView();
    stage.append(this.predictions.element, this.view.element);
  }

  protected override loadingText(): string {
    return t('Setting up the race…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    const config = raceConfig(this.settings, this.seed);
    this.metrics = null;
    this.predictions.hide();
    this.view.configure({ shown: Math.round(this.settings.inputs), trials: config.trials, dense: this.settings.target === 'dense' });
    const run = await this.createRunFrom(trainer, egRaceKind, config);
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No race to run');
    const trials = this.runConfig?.trials ?? this.settings.trials;
    let r;
    if (mode === 'play') {
      await nextFrame();
      r = await trainer.train(run, { steps: Math.max(1, Math.ceil(trials / PLAY_FRAMES)) });
    } else {
      const part = Math.ceil(trials / STEP_PARTS);
      const step = this.metrics?.step ?? 0;
      r = await trainer.train(run, { untilStep: Math.min(trials, step - (step % part) + part), budgetMs: 60_000 });
    }
    const m = await trainer.evaluate(run);
    this.record(m);
    const diverged = r.diverged || (Number.isFinite(r.loss) && r.loss > BLOWN_UP_SQUARED_ERROR);
    return { step: r.step, loss: r.loss, diverged, stepsPerSec: r.stepsPerSec, finished: m.done && !diverged };
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    void partial;
    await this.sendLive(trainer, raceConfig(this.settings, this.seed));
    if (this.run) this.record(await trainer.evaluate(this.run));
  }

  protected summarize(): string {
    const m = this.metrics;
    const shown = Math.round(this.settings.inputs);
    const k = Math.round(this.settings.relevant);
    const task =
      this.settings.target === 'dense'
        ? t('the dense task (every input relevant, one input per trial)')
        : k > 1
          ? t('the sparse task ({k} relevant inputs among N random signs)', { k })
          : t('the sparse task ({k} relevant input among N random signs)', { k });
    if (!m || m.step === 0) return t('Ready: gradient descent and EG± on {task}, N = {sizes}. Press play.', { task, sizes: m ? m.sizes.map(groupNumber).join(', ') : groupNumber(shown) });
    const i = m.sizes.indexOf(shown);
    const f = (x: number) => (x >= 100 ? groupNumber(Math.round(x)) : localNumber(x.toFixed(1)));
    const here = i >= 0 ? t('at N = {n} gradient descent has paid {gd} and EG± {eg}', { n: groupNumber(shown), gd: f(m.gd[i]), eg: f(m.eg[i]) }) : '';
    const last = m.sizes.length - 1;
    const range = t('; from N = {from} to {to}, gradient descent {gdFrom} to {gdTo}, EG± {egFrom} to {egTo}', { from: m.sizes[0], to: groupNumber(m.sizes[last]), gdFrom: f(m.gd[0]), gdTo: f(m.gd[last]), egFrom: f(m.eg[0]), egTo: f(m.eg[last]) });
    // N shown between the raced sizes: no "here" part, and the range opens the sentence without its "; ".
    return t('Trial {step} of {trials}, {task}: {here}{range}.', { step: groupNumber(m.step), trials: groupNumber(this.runConfig?.trials ?? m.step), task, here, range: here ? range : range.replace(/^\s*;\s*/, '') });
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
    requestAnimationFrame(() => this.view.fit());
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return this.view.exportFigure(this.schema.title, { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private record(m: RaceMetrics): void {
    this.metrics = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.view.draw(m);
    if (m.done) this.predictions.reveal(raceVerdicts(m, Math.round(this.settings.inputs)), t('Press play to race again, or change the task and predict anew.'));
    this.announce(false);
  }
}

if (!customElements.get(raceSchema.tag)) customElements.define(raceSchema.tag, RaceElement);

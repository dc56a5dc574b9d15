/**
 * <shift-probe>: the CNN-pooling chapter's centrepiece. A digit — one of twenty test digits, or one
 * the reader draws — moves −6 … +6 px sideways in front of five networks (an MLP, a max-pool CNN, a
 * MaxBlurPool CNN, a global-average-pool CNN and the max-pool CNN trained on shifted digits), and
 * each one's answer, its class probabilities and its answers along the whole sweep are shown, with
 * each net's accuracy against the shift on held-out test digits.
 *
 * The worker sends the probabilities at all 13 shifts for the digit (runs/shift-probe.ts), so the
 * shift slider is answered here, in the same frame, without a worker call (data-answer-ms on the
 * host records how long the last move took to draw). A new digit, a stroke or the wrap toggle goes to
 * the worker. Play sweeps the digit from −6 to +6 px; with "retrain here" it first trains the five
 * nets in the worker from the seed (figure.ts).
 */
import './shift-probe.css';
import type { ShiftProbeMetrics } from '../../runs/shift-probe';
import type { TrainerClient } from '../../../../runtime/client';
import type { RunRef } from '../../../../runtime/protocol';
import { shiftProbeKind } from '../../kinds';
import { t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz/format';
import { PoolingFigure } from '../figure';
import { netStyle } from '../nets-style';
import { shiftProbeConfig } from './config';
import { shiftProbeSchema } from './schema';
import { answerAt, curveOf, formatShift } from './series';
import { ShiftProbeView } from './view';

type Config = ReturnType<typeof shiftProbeConfig>;

export class ShiftProbeElement extends PoolingFigure<Config, ShiftProbeMetrics, typeof shiftProbeSchema> {
  protected readonly schema = shiftProbeSchema;
  protected readonly kind = shiftProbeKind;
  private view!: ShiftProbeView;
  /** The reader's drawing (null: the gallery digit). */
  private drawn: number[] | null = null;
  private galleryShown = false;

  protected mountStage(stage: HTMLElement): void {
    this.view = new ShiftProbeView({
      onDraw: (image, final) => {
        this.drawn = Array.from(image);
        this.sendChanges();
        void final;
      },
      onPick: (slot) => {
        this.drawn = null;
        this.setSetting('digit', slot);
        this.sendChanges();
      },
      onShift: (shift) => this.moveTo(shift),
    });
    stage.append(this.view.element);
    // The shift slider and the wrap toggle sit under the moved digit, where the eye is.
    for (const key of ['shift', 'wrap']) {
      const control = this.querySelector<HTMLElement>(`.lm-control[data-key='${key}']`);
      if (control) this.view.controlSlot.append(control);
    }
    this.view.placeholder(this.retraining);
  }

  protected override onSettingShown(): void {
    this.dataset.weights = this.settings.weights;
  }

  protected makeConfig(): Config {
    return shiftProbeConfig(this.settings, this.seed, { drawn: this.drawn, modelsUrl: this.modelsUrl() });
  }

  protected loadingText(): string {
    return this.retraining ? t('Loading the training digits and building five fresh networks…') : t('Loading the five trained networks…');
  }

  protected override async onRunCreated(trainer: TrainerClient, run: RunRef<Config, ShiftProbeMetrics>): Promise<void> {
    if (this.galleryShown) return;
    const g = await trainer.samples(run, 20);
    this.view.setGallery(g.images, g.labels);
    this.galleryShown = true;
  }

  protected show(m: ShiftProbeMetrics): void {
    // The pad shows the gallery digit (a drawing stays as drawn).
    if (m.digit.label !== null && !this.view.pad.drawing) this.view.pad.set(m.digit.image);
    this.view.render(m, { shift: this.settings.shift, wrap: this.settings.wrap, retraining: this.retraining });
    this.dataset.answers = m.nets.map((_, j) => answerAt(m, j, this.settings.shift).answer).join('');
  }

  /** A shift chosen on the page (slider, a strip cell, an animation step): drawn from the metrics in hand. */
  private moveTo(shift: number): void {
    const s = Math.max(-6, Math.min(6, Math.round(shift)));
    if (s !== this.settings.shift) this.setSetting('shift', s);
    this.redraw();
  }

  protected redraw(): void {
    const t0 = performance.now();
    this.view.reshift(this.settings.shift);
    const m = this.latest;
    if (!m) return;
    this.dataset.answers = m.nets.map((_, j) => answerAt(m, j, this.settings.shift).answer).join('');
    this.dataset.shift = String(this.settings.shift);
    this.dataset.answerMs = (performance.now() - t0).toFixed(2);
    this.summary.update(this.summarize());
  }

  protected animateStep(): boolean {
    const from = this.settings.shift >= 6 ? -6 : this.settings.shift + 1;
    this.moveTo(from);
    return from < 6;
  }

  protected rewind(): void {
    this.moveTo(0);
    this.markFinished(false);
  }

  protected animationText(): string {
    return formatShift(this.settings.shift);
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
  }

  protected summarize(): string {
    const m = this.latest;
    if (!m) return '';
    const shift = this.settings.shift;
    const what = m.digit.label === null ? t('Your drawing') : t('Test digit {label}', { label: m.digit.label });
    const answers = m.nets.map((id, j) => {
      const a = answerAt(m, j, shift);
      return `${netStyle(id).short} ${a.answer} (${formatPercent(Math.round(100 * a.confidence) / 100, 0)})`;
    });
    const k = shift + 6;
    const measured = m.curves.seeds.some((s) => s.done > 0);
    const accs = m.nets.map((id, j) => `${netStyle(id).short} ${formatPercent(curveOf(m.curves.seeds, j).mean[k], 0)}`).join(', ');
    const acc = measured ? t('; on test digits at this shift: {accs}', { accs }) : '';
    const params = { what, shift: formatShift(shift), answers: answers.join(', '), acc };
    return m.wrap ? t('{what} moved {shift}, wrapped: {answers}{acc}.', params) : t('{what} moved {shift}: {answers}{acc}.', params);
  }
}

if (!customElements.get(shiftProbeSchema.tag)) customElements.define(shiftProbeSchema.tag, ShiftProbeElement);

/**
 * <ber-robustness>: how many wrong weights a binarized network takes. The worker loads the chapter's
 * shipped nets (standard and error-aware BNN 784-512-512-10) and computes, one point per step, the
 * accuracy under random sign flips at each BER from 1e-5 to 0.5, the standard net on 2T2R device
 * pairs read binary and ternary, and the 10% smallest vs largest |W_h| flipped; batch norm is
 * recalibrated for every point. The reader predicts first; the finished curves answer.
 */
import '../xb.css';
import type { TrainerClient } from '../../../../runtime/client';
import { dataBaseUrl } from '../../../../runtime/page';
import type { BerCurveMetrics } from '../../runs/ber-curve';
import type { Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { PredictionBox } from '../../../../widgets/base/predict';
import { berCurveKind } from '../../kinds';
import { berConfig } from './config';
import { berSchema } from './schema';
import { BER_QUESTIONS, berVerdicts } from './verdicts';
import { BerView, SERIES_STYLE } from './view';
import { localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz';

const nextFrame = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 16)));

export class BerRobustnessElement extends TrainingWidget<typeof berCurveKind, typeof berSchema> {
  protected readonly schema = berSchema;
  private view!: BerView;
  private predictions!: PredictionBox;
  private metrics: BerCurveMetrics | null = null;

  protected mountStage(stage: HTMLElement): void {
    this.predictions = new PredictionBox('Predict, then press play', BER_QUESTIONS, 'The curves check your predictions when they are complete.', 'Predict the robustness curves, then press play');
    this.view = new BerView();
    stage.append(this.predictions.element, this.view.element);
  }

  protected override loadingText(): string {
    return t('Loading the shipped networks and the test digits…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.predictions.hide();
    const run = await this.createRunFrom(trainer, berCurveKind, berConfig(this.settings, this.seed, new URL('../models/binary-crossbar/', dataBaseUrl()).href));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to advance');
    if (mode === 'play') await nextFrame();
    const r = await trainer.train(run, { steps: 1, budgetMs: 60_000 });
    const m = await trainer.evaluate(run);
    this.record(m);
    return { step: r.step, loss: r.loss, diverged: false, stepsPerSec: r.stepsPerSec, finished: m.step >= m.total };
  }

  protected async applyLive(_trainer: TrainerClient, _partial: Settings): Promise<void> {}

  protected summarize(): string {
    const m = this.metrics;
    if (!m || m.step === 0) return t('Ready: press play to compute accuracy against bit error rate for the shipped binarized networks.');
    const f = (x: number | null) => (x === null ? t('not yet computed') : formatPercent(x));
    const parts = (Object.keys(SERIES_STYLE) as (keyof typeof SERIES_STYLE)[]).map((key) => {
      const done = m.bers.map((b, i) => [b, m.curves[key][i]] as const).filter(([, v]) => v !== null);
      return done.length ? t('{series}: {points}', { series: t(SERIES_STYLE[key].label), points: done.map(([b, v]) => `${localNumber(String(b))} → ${f(v)}`).join(', ') }) : '';
    });
    const magnitude = m.smallest !== null ? ` ${t('Flipping the 10% smallest |W_h|: {smallest}; the 10% largest: {largest}.', { smallest: f(m.smallest), largest: f(m.largest) })}` : '';
    return `${t('{step} of {total} points; clean {clean}.', { step: m.step, total: m.total, clean: f(m.clean) })}${magnitude} ${parts.filter(Boolean).join('. ')}`.trim();
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
    requestAnimationFrame(() => this.view.fit());
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return this.view.exportFigure(t(this.schema.title), { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private record(m: BerCurveMetrics): void {
    this.metrics = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.view.draw(m);
    if (m.step >= m.total) this.predictions.reveal(berVerdicts(m), t('Change the ternary margin or the number of digits and press play to compute again.'));
    this.announce(false);
  }
}

if (!customElements.get(berSchema.tag)) customElements.define(berSchema.tag, BerRobustnessElement);

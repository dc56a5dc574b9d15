/**
 * <quantize-prune>: the adversarial chapter's shipped float MLP (784-256-256-10), quantized to fewer
 * bits and pruned, scored live on test digits in the worker (typed arrays, no tfjs: run kind
 * 'quantize-prune'). Bits and sparsity apply live; Play fine-tunes the compressed network (pruned
 * weights kept at zero) up to its step count; → takes ten steps; R starts over from the shipped
 * weights. The two sweeps (accuracy against bits, against the fraction pruned) fill as the run is
 * evaluated; once both are in, the reader's predictions are checked against them.
 */
import '../software.css';
import type { TrainerClient } from '../../../../runtime/client';
import { dataBaseUrl } from '../../../../runtime/page';
import type { Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { PredictionBox, type PredictQuestion, type Verdict } from '../../../../widgets/base/predict';
import type { QuantizePruneMetrics } from '../../runs/quantize-prune';
import { quantizePruneKind } from '../../kinds';
import { quantizePruneConfig } from './config';
import { quantizePruneSchema } from './schema';
import { QuantizePruneView } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz';

/** A loss of more than this many points counts as "losing accuracy" in the predictions. */
export const LOSS_POINTS = 3;
const PLAY_STEPS = 2;
const STEP_STEPS = 10;

export const QUANTIZE_QUESTIONS: readonly PredictQuestion[] = [
  {
    id: 'bits',
    prompt: `Without fine-tuning, at how many bits per weight does the network first lose more than ${LOSS_POINTS} points of accuracy?`,
    options: [
      { value: '8', label: '8 bits' },
      { value: '4', label: '4 bits' },
      { value: '2', label: '2 bits' },
      { value: '1', label: 'Not even at 1 bit' },
    ],
  },
  {
    id: 'pruned',
    prompt: `Without fine-tuning, how many of its weights (the smallest first) can go before it loses more than ${LOSS_POINTS} points?`,
    options: [
      { value: '0.5', label: 'About half' },
      { value: '0.8', label: 'About 80%' },
      { value: '0.9', label: 'About 90%' },
      { value: '0.99', label: '99%' },
    ],
  },
];

/** What the sweeps answer: the first bit count that loses > LOSS_POINTS, the last sparsity that does not. */
export function quantizeVerdicts(m: QuantizePruneMetrics): Record<string, Verdict> {
  const limit = m.floatAccuracy - LOSS_POINTS / 100;
  const firstBad = m.sweeps.bits.find((p) => p.x < 32 && p.accuracy < limit);
  const bitsAnswer = firstBad ? (firstBad.x >= 8 ? '8' : firstBad.x >= 3 ? '4' : firstBad.x >= 2 ? '2' : '1') : '1';
  const kept = m.sweeps.sparsity.filter((p) => p.x > 0 && p.accuracy >= limit);
  const best = kept.length ? kept[kept.length - 1].x : 0.5;
  const prunedAnswer = best >= 0.99 ? '0.99' : best >= 0.9 ? '0.9' : best >= 0.8 ? '0.8' : '0.5';
  const pct = (x: number) => formatPercent(x);
  const at = (list: { x: number; accuracy: number }[], x: number) => list.find((p) => p.x === x)?.accuracy ?? NaN;
  return {
    bits: {
      answer: bitsAnswer,
      text: firstBad
        ? t(firstBad.x > 1 ? 'From {float} at 32 bits: {four} at 4 bits, {bad} at {bits} bits.' : 'From {float} at 32 bits: {four} at 4 bits, {bad} at {bits} bit.', {
            float: pct(m.floatAccuracy),
            four: pct(at(m.sweeps.bits, 4)),
            bad: pct(firstBad.accuracy),
            bits: firstBad.x,
          })
        : t('Even 1 bit keeps {accuracy}.', { accuracy: pct(at(m.sweeps.bits, 1)) }),
    },
    pruned: { answer: prunedAnswer, text: t('With {gone} of the weights gone it still scores {accuracy}; the next step down loses more.', { gone: formatPercent(Math.round(100 * best) / 100, 0), accuracy: pct(at(m.sweeps.sparsity, best)) }) },
  };
}

export class QuantizePruneElement extends TrainingWidget<typeof quantizePruneKind, typeof quantizePruneSchema> {
  protected readonly schema = quantizePruneSchema;
  private view!: QuantizePruneView;
  private predictions!: PredictionBox;
  private metrics: QuantizePruneMetrics | null = null;

  protected mountStage(stage: HTMLElement): void {
    this.predictions = new PredictionBox('Predict, then press play or move a slider', QUANTIZE_QUESTIONS, 'The two curves check your predictions once they are drawn.');
    this.view = new QuantizePruneView();
    stage.append(this.predictions.element, this.view.element);
  }

  protected override loadingText(): string {
    return t('Loading the float MLP and the test digits…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.predictions.hide();
    const run = await this.createRunFrom(trainer, quantizePruneKind, this.config());
    this.badge.setEngine({ name: 'js', label: t('JS typed arrays'), onGpu: false, reason: t('scoring and fine-tuning on the lib’s typed-array MLP engine, in the worker') });
    this.record(await trainer.evaluate(run));
    void this.fillSweeps(trainer, run);
  }

  /** Evaluate until the sweeps are in, one request at a time through the widget's queue (a reset or a slider goes between). */
  private async fillSweeps(trainer: TrainerClient, run: NonNullable<typeof this.run>): Promise<void> {
    while (this.run === run && !this.metrics?.sweepsDone) {
      const m = await this.enqueue(async () => (this.run === run ? trainer.evaluate(run) : null)).catch(() => null);
      if (!m || this.run !== run) return;
      this.record(m);
    }
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No network to fine-tune');
    const r = await trainer.train(run, { steps: mode === 'play' ? PLAY_STEPS : STEP_STEPS, budgetMs: 60_000 });
    const m = await trainer.evaluate(run);
    this.record(m);
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, finished: m.done && m.sweepsDone };
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    void partial;
    await this.sendLive(trainer, this.config());
    if (this.run) this.record(await trainer.evaluate(this.run));
  }

  protected summarize(): string {
    const m = this.metrics;
    if (!m) return t('Loading the float MLP.');
    const bits = m.bits === 32 ? t('32-bit float weights') : t('{bits}-bit weights', { bits: m.bits });
    const tuned = m.step > 0 ? t(', after {step} fine-tuning steps', { step: m.step }) : '';
    return t('{bits}, {pruned} pruned{tuned}: {accuracy} on {n} test digits (float model {float}), {ratio} times smaller.', {
      bits,
      pruned: formatPercent(Math.round(100 * m.sparsity) / 100, 0),
      tuned,
      accuracy: formatPercent(m.accuracy),
      n: groupNumber(m.evalSize),
      float: formatPercent(m.floatAccuracy),
      ratio: localNumber((m.floatBytes / m.modelBytes).toFixed(1)),
    });
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
    requestAnimationFrame(() => this.view.fit());
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return this.view.exportFigure(t(this.schema.title), { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private config() {
    return quantizePruneConfig(this.settings, this.seed, new URL('../models/', dataBaseUrl()).href);
  }

  private record(m: QuantizePruneMetrics): void {
    this.metrics = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.accuracy = m.accuracy.toFixed(4);
    this.dataset.sweeps = m.sweepsDone ? 'done' : String(m.sweeps.bits.length + m.sweeps.sparsity.length);
    this.view.draw(m);
    if (m.sweepsDone) this.predictions.reveal(quantizeVerdicts(m), t('Now fine-tune (play) a badly hurt setting: how much comes back?'));
    this.announce(false);
  }
}

if (!customElements.get(quantizePruneSchema.tag)) customElements.define(quantizePruneSchema.tag, QuantizePruneElement);

/**
 * <overfit-mlp>: the Introduction's figure. A 784-hidden-10 MLP trains live (in the worker) on a
 * seeded subset of real MNIST; train and test accuracy are drawn as two curves over steps, with the
 * generalisation gap beside them. With few examples the train curve climbs to 100% while the test
 * curve stalls well below: overfitting, as it happens. A strip shows the digits it learns from.
 */
import type { OverfitMetrics } from '../../runs/overfit';
import type { TrainerClient } from '../../../../runtime/client';
import type { ConfigOf, MetricsOf, RunRef } from '../../../../runtime/protocol';
import { formatPercent, frameThrottle, imageGrid, lineChart, seriesColor, type FrameThrottle, type ImageGrid, type LineChart } from '../../../../viz';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { BLOWN_UP_CROSS_ENTROPY } from '../../../../widgets/base/states';
import { h } from '../../../../widgets/base/dom';
import { buildStats, type Stats } from '../../../../widgets/base/stats';
import { projectorFrame } from '../../../../widgets/base/panels';
import { overfitSchema } from './schema';
import { overfitKind } from '../../kinds';
import { overfitConfig } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/**
 * The steps at which train and test accuracy are measured (on up to 2,000 training and 2,000 test
 * digits): dense early, where the curves move fast, sparser later. Fixed, so every run with the
 * same settings draws the same points.
 */
export function nextEvalStep(step: number): number {
  const every = step < 100 ? 10 : step < 500 ? 25 : 50;
  return step - (step % every) + every;
}
/** A run stops here (the story is told by then; the reader's battery is spared). */
export const MAX_STEPS = 3000;
const SAMPLE_COUNT = 20;
/** The chart's layout width in px; CSS scales it to the column (up in projector mode). */
const CHART_MAX_WIDTH = 640;
const CHART_MIN_WIDTH = 300;

export class OverfitElement extends TrainingWidget<typeof overfitKind, typeof overfitSchema> {
  protected readonly schema = overfitSchema;
  private chart!: LineChart;
  private chartBox!: HTMLElement;
  private chartWidth = 0;
  private redraw!: FrameThrottle;
  /** The projector layout the chart was built for ('' on the page). */
  private chartKey = '';
  private stats!: Stats;
  private grid!: ImageGrid;
  private samplesNote!: HTMLElement;
  private samplesKey = '';
  /** Every evaluation of the current run, in order: the chart is a function of it. */
  private history: OverfitMetrics[] = [];
  private nextEval = nextEvalStep(0);

  protected mountStage(stage: HTMLElement): void {
    this.chartBox = h('div', { class: 'lm-chart lm-fill' });
    this.redraw = frameThrottle(() => this.draw());
    this.stats = buildStats([
      { key: 'train', label: 'Train accuracy', color: seriesColor(0), testId: 'train-acc' },
      { key: 'test', label: 'Test accuracy', color: seriesColor(1), testId: 'test-acc' },
      { key: 'gap', label: 'Generalisation gap', testId: 'gap' },
      { key: 'epoch', label: 'Passes over the data', testId: 'epoch', minor: true },
    ]);
    this.grid = imageGrid({ label: 'Training digits', scale: 1.5 });
    // Says what is coming before the digits arrive, so the figure keeps its height when they do.
    this.samplesNote = h('p', { class: 'lm-samples-note', text: this.samplesText() });
    stage.append(
      h('div', { class: 'lm-overfit' }, [this.chartBox, this.stats.element]),
      h('div', { class: 'lm-samples' }, [this.samplesNote, this.grid.element]),
    );
    this.buildChart(CHART_MAX_WIDTH);
    // Narrow columns (phones) get a chart laid out at their width, so its text stays readable.
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => this.fitChart()).observe(this.chartBox);
    }
  }

  protected override loadingText(): string {
    return t('Loading MNIST…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.history = [];
    this.nextEval = nextEvalStep(0);
    this.redraw.request();
    this.showStats();
    const run = await this.createRunFrom(trainer, overfitKind, overfitConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
    // Queued, not awaited: on a warm visit the first numbers come before the worker has built the run
    // (the runtime's snapshots), and the digits would hold them back.
    void this.enqueue(() => (run === this.run ? this.showSamples(trainer, run) : Promise.resolve())).catch((err: unknown) => {
      if (run === this.run) this.samplesNote.textContent = err instanceof Error ? err.message : String(err);
    });
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    // Training stops exactly at each evaluation step, so every run draws its points at the same steps.
    const r = await trainer.train(run, { untilStep: Math.min(this.nextEval, MAX_STEPS), budgetMs: mode === 'step' ? 60_000 : 40 });
    // A fast engine takes many steps per call: judge by the worst loss among them.
    const blownUp = Math.max(r.loss, r.peakLoss ?? r.loss) > BLOWN_UP_CROSS_ENTROPY;
    if (!r.diverged && !blownUp && r.step >= this.nextEval) {
      this.record(await trainer.evaluate(run));
      this.nextEval = nextEvalStep(r.step);
    }
    const diverged = r.diverged || blownUp;
    return { step: r.step, loss: r.loss, diverged, stepsPerSec: r.stepsPerSec, engine: r.engine, finished: r.step >= MAX_STEPS };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, overfitConfig(this.settings, this.seed));
  }

  protected summarize(): string {
    const m = this.history.at(-1);
    const n = groupNumber(this.settings.trainSize);
    if (!m) return t('Ready to train on {n} examples. Press play.', { n });
    const gap = localNumber(((m.trainAccuracy - m.testAccuracy) * 100).toFixed(1));
    return t('step {step}, train accuracy {train}, test accuracy {test}, gap {gap} points, {n} training examples', {
      step: groupNumber(m.step),
      train: formatPercent(m.trainAccuracy),
      test: formatPercent(m.testAccuracy),
      gap,
      n,
    });
  }

  protected override onLayoutChange(): void {
    requestAnimationFrame(() => this.fitChart());
    this.redraw.request();
  }

  private record(m: OverfitMetrics): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.redraw.request();
    this.showStats();
    this.announce(false);
  }

  private showStats(): void {
    const m = this.history.at(-1);
    this.stats.set('train', m ? formatPercent(m.trainAccuracy) : '–');
    this.stats.set('test', m ? formatPercent(m.testAccuracy) : '–');
    this.stats.set('gap', m ? t('{n} pts', { n: localNumber(((m.trainAccuracy - m.testAccuracy) * 100).toFixed(1)) }) : '–');
    this.stats.set('epoch', m ? localNumber(m.epoch.toFixed(1)) : '–');
  }

  private buildChart(width: number, projector: { height: number; fontSize: number } | null = null): void {
    this.chartWidth = width;
    this.chartKey = projector ? `${width}×${projector.height}` : '';
    this.chart = lineChart({
      title: 'Train and test accuracy over training steps',
      width,
      height: projector ? projector.height : Math.round(width < 480 ? width * 0.72 : width * 0.5),
      fontSize: projector?.fontSize,
      xLabel: 'training steps',
      yLabel: 'accuracy',
      yDomain: [0, 1],
      xDomain: [0, 500],
      yFormat: (v) => formatPercent(v, 0),
      series: {
        train: { label: 'train', best: 'max', format: (v) => formatPercent(v) },
        test: { label: 'test', best: 'max', format: (v) => formatPercent(v) },
      },
    });
    this.chartBox.replaceChildren(this.chart.element);
    this.draw();
  }

  private fitChart(): void {
    // Projector mode: the chart takes the box CSS gives it (the screen's free space), at the projector's type size.
    const p = projectorFrame(this.chartBox);
    if (p) {
      if (this.chartKey !== `${p.width}×${p.height}`) this.buildChart(p.width, p);
      return;
    }
    if (this.chartKey) this.buildChart(CHART_MAX_WIDTH);
    const available = Math.round(this.chartBox.clientWidth);
    if (available <= 0) return;
    const width = Math.max(CHART_MIN_WIDTH, Math.min(CHART_MAX_WIDTH, available));
    if (Math.abs(width - this.chartWidth) >= 32) this.buildChart(width);
  }

  /** Draw the history: two curves and, between them, the gap shaded in the test colour. */
  private draw(): void {
    const h = this.history;
    const xs = h.map((m) => m.step);
    this.chart.setSeries('train', xs, h.map((m) => m.trainAccuracy));
    this.chart.setSeries('test', xs, h.map((m) => m.testAccuracy));
    // Under the test series' key: no legend entry of its own (the gap is named beside the chart).
    this.chart.setBand('test', xs, h.map((m) => Math.min(m.trainAccuracy, m.testAccuracy)), h.map((m) => Math.max(m.trainAccuracy, m.testAccuracy)));
    this.chart.render();
  }

  private samplesText(): string {
    return t('The first {count} of the {n} training digits, with their labels', { count: SAMPLE_COUNT, n: groupNumber(this.settings.trainSize) });
  }

  /** The first training digits with their labels (the same for every training-set size: subsets nest). */
  private async showSamples(trainer: TrainerClient, run: RunRef<ConfigOf<typeof overfitKind>, MetricsOf<typeof overfitKind>>): Promise<void> {
    this.samplesNote.textContent = this.samplesText();
    const key = `${this.seed}`;
    if (key === this.samplesKey) return;
    const s = await trainer.samples(run, SAMPLE_COUNT);
    this.grid.update(s.images, Array.from(s.labels, (label) => s.classNames[label]));
    this.samplesKey = key;
  }
}

if (!customElements.get(overfitSchema.tag)) customElements.define(overfitSchema.tag, OverfitElement);

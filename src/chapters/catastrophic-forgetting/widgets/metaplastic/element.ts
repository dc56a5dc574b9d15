/**
 * <metaplastic-synapse>: one metaplastic binarized network meets a stream of permuted-MNIST tasks.
 * Left: the factor f_meta(W_h) = 1 − tanh²(m·W_h) that shrinks updates pushing a hidden weight
 * towards zero, for the chosen m (the dotted line marks |W_h| where it falls to ½). Right: a live
 * histogram of |W_h| (a strided sample of all hidden weights) and the share of weights past that
 * line, "consolidated". Below: accuracy on the first task and on the newest one, the
 * stability–plasticity trade-off in two numbers. m applies live.
 */
import '../forgetting/forgetting.css';
import type { ForgettingLiveMetrics } from '../../runs/forgetting-live';
import type { TrainerClient } from '../../../../runtime/client';
import { formatPercent, frameThrottle, histogram, lineChart, seriesColor, type FrameThrottle, type Histogram, type LineChart } from '../../../../viz';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { h } from '../../../../widgets/base/dom';
import { buildStats, type Stats } from '../../../../widgets/base/stats';
import { evalEvery } from '../forgetting/model';
import { metaplasticSchema } from './schema';
import { forgettingKind } from '../../kinds';
import { metaplasticConfig } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

const W_MAX = 1;

/** f_meta at |W_h| = w. */
export function fMeta(meta: number, w: number): number {
  const t = Math.tanh(meta * w);
  return 1 - t * t;
}

export class MetaplasticElement extends TrainingWidget<typeof forgettingKind, typeof metaplasticSchema> {
  protected readonly schema = metaplasticSchema;
  private history: ForgettingLiveMetrics[] = [];
  private current = 0;
  private taskStart = 0;
  private nextEval = 0;
  private numTasks = 0;
  private redraw!: FrameThrottle;
  private curve!: LineChart;
  private hist!: Histogram;
  private stats!: Stats;
  private taskLabel!: HTMLElement;

  protected mountStage(stage: HTMLElement): void {
    this.redraw = frameThrottle(() => this.draw());
    this.curve = lineChart({
      title: 'f_meta = 1 − tanh²(m·W_h): how much of a step towards zero a hidden weight still takes',
      width: 320,
      height: 220,
      xLabel: '|W_h|',
      yLabel: 'f_meta',
      xDomain: [0, W_MAX],
      yDomain: [0, 1],
      series: { f: { label: 'f_meta', color: seriesColor(3) }, half: { label: 'f_meta = ½', color: seriesColor(0), dash: '2 3' } },
    });
    this.hist = histogram({ title: 'Hidden weights |W_h| (a sample of all of them)', width: 320, height: 220, xLabel: '|W_h|', yLabel: 'weights', domain: [0, W_MAX], thresholds: 25, color: seriesColor(3), noun: 'hidden weights' });
    this.taskLabel = h('span', { class: 'lm-fg-task', attrs: { 'data-testid': 'meta-current-task' } });
    this.stats = buildStats([
      { key: 'consolidated', label: 'Consolidated synapses (f_meta < ½)', color: seriesColor(3), testId: 'consolidated' },
      { key: 'first', label: 'Accuracy on task 1', color: seriesColor(0), testId: 'meta-first' },
      { key: 'newest', label: 'Accuracy on the newest task', color: seriesColor(1), testId: 'meta-newest' },
    ]);
    stage.append(
      h('div', { class: 'lm-fg-bar' }, [this.taskLabel]),
      h('div', { class: 'lm-fg-maps lm-meta-panels' }, [h('div', { class: 'lm-chart' }, [this.curve.element]), h('div', { class: 'lm-chart' }, [this.hist.element])]),
      this.stats.element,
    );
    // The task line as it will read once the network is built, so the panels below do not move then.
    this.numTasks = this.settings.tasks;
    this.showTask();
  }

  protected override loadingText(): string {
    return t('Loading MNIST and building the binarized network…');
  }

  protected override exportFigure(): SVGSVGElement | null {
    return this.hist.element;
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.history = [];
    this.current = 0;
    this.taskStart = 0;
    this.nextEval = evalEvery(this.settings.stepsPerTask);
    const run = await this.createRunFrom(trainer, forgettingKind, metaplasticConfig(this.settings, this.seed));
    const m = await trainer.evaluate(run);
    this.numTasks = m.tasks.length;
    this.record(m);
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    const taskEnd = this.taskStart + this.settings.stepsPerTask;
    const r = await trainer.train(run, { untilStep: Math.min(this.nextEval, taskEnd), budgetMs: mode === 'step' ? 60_000 : 40 });
    let finished = false;
    if (r.step >= this.nextEval || r.step >= taskEnd) {
      this.record(await trainer.evaluate(run));
      this.nextEval = r.step + evalEvery(this.settings.stepsPerTask);
    }
    if (r.step >= taskEnd) {
      if (this.current >= this.numTasks - 1) finished = true;
      else {
        await trainer.update(run, { task: this.current + 1 });
        this.current += 1;
        this.taskStart = r.step;
        this.showTask();
      }
    }
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, engine: r.engine, finished };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    if (!this.run) return;
    await this.sendLive(trainer, metaplasticConfig(this.settings, this.seed));
    this.redraw.request();
    this.showTask();
  }

  protected summarize(): string {
    const m = this.history.at(-1);
    if (!m) return t('Ready: press play.');
    const consolidated = m.weights ? formatPercent(m.weights.consolidated) : '–';
    return t('step {step}, task {task} of {tasks}, m = {m}: {consolidated} of hidden weights consolidated; task 1 {first}, newest task {newest}', {
      step: groupNumber(m.step),
      task: this.current + 1,
      tasks: this.numTasks,
      m: localNumber(String(this.settings.meta)),
      consolidated,
      first: formatPercent(m.accuracy[0][0]),
      newest: formatPercent(m.accuracy[0][this.current]),
    });
  }

  protected override onLayoutChange(): void {
    this.redraw.request();
  }

  private record(m: ForgettingLiveMetrics): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.dataset.task = String(this.current);
    this.showTask();
    this.redraw.request();
    this.announce(false);
  }

  private showTask(): void {
    const step = this.history.at(-1)?.step ?? 0;
    this.taskLabel.textContent = this.numTasks ? t('Learning task {task} of {tasks}{name} · step {step}{of}', { task: this.current + 1, tasks: this.numTasks, name: '', step: groupNumber(step - this.taskStart), of: ` / ${groupNumber(this.settings.stepsPerTask)}` }) : '';
  }

  private draw(): void {
    const meta = this.settings.meta;
    const xs = Array.from({ length: 101 }, (_, i) => (i / 100) * W_MAX);
    this.curve.setSeries('f', xs, xs.map((w) => fMeta(meta, w)));
    const half = meta > 0 ? Math.atanh(Math.SQRT1_2) / meta : NaN;
    this.curve.setSeries('half', Number.isFinite(half) && half <= W_MAX ? [[half, 0], [half, 1]] : []);
    this.curve.render();
    const m = this.history.at(-1);
    if (m?.weights) this.hist.update(m.weights.magnitudes);
    this.stats.set('consolidated', m?.weights ? formatPercent(m.weights.consolidated) : '–');
    this.stats.set('first', m ? formatPercent(m.accuracy[0][0]) : '–');
    this.stats.set('newest', m ? t('{accuracy} (task {task})', { accuracy: formatPercent(m.accuracy[0][this.current]), task: this.current + 1 }) : '–');
  }
}

if (!customElements.get(metaplasticSchema.tag)) customElements.define(metaplasticSchema.tag, MetaplasticElement);

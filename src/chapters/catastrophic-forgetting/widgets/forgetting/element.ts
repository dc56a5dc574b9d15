/**
 * <forgetting-live>: the Catastrophic-forgetting chapter's centrepiece. Up to four methods (plain
 * gradient descent, replay, EWC, a metaplastic binarized network) meet the same stream of tasks in
 * the worker, from one seed and on the same minibatches. Every few steps each method is scored on
 * every task met so far. Per method, a heatmap: row = task scored, column = "after learning task k"
 * (the current column fills in live). Below, one curve per task for the method picked. Tasks switch
 * every N steps, or when the lecturer presses "Next task" (or N).
 *
 * Over 300 lines on purpose: task switching, per-method heatmaps and the picked method's curves are
 * driven by one metrics stream; its data model lives in ./model.ts.
 */
import './forgetting.css';
import type { ForgettingMetrics } from '../../runs/forgetting';
import type { TrainerClient } from '../../../../runtime/client';
import type { ConfigOf, MetricsOf, RunRef } from '../../../../runtime/protocol';
import { formatPercent, frameThrottle, heatmap, lineChart, seriesColor, type FrameThrottle, type Heatmap, type LineChart } from '../../../../viz';
import type { Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { h } from '../../../../widgets/base/dom';
import { composeFigure, projectorFrame } from '../../../../widgets/base/panels';
import { forgettingSchema, type ForgettingMethodKey } from './schema';
import { enabledMethods, evalEvery, heatmapMatrix, type MethodView } from './model';
import { forgettingKind } from '../../kinds';
import { forgettingConfig } from './config';
import { groupNumber, t } from '../../../../i18n/t';

/** With automatic switching off, a task trains at most this many steps, then the figure waits for "Next task". */
const MANUAL_TASK_CAP = 3000;
const CHART_MAX_WIDTH = 640;
const CHART_MIN_WIDTH = 300;

export class ForgettingElement extends TrainingWidget<typeof forgettingKind, typeof forgettingSchema> {
  protected readonly schema = forgettingSchema;
  private methods: MethodView[] = [];
  private numTasks = 0;
  private taskNames: string[] = [];
  private current = 0;
  private taskStart = 0;
  private nextEval = 0;
  private history: ForgettingMetrics[] = [];
  /** The scores at the end of each finished task. */
  private ends: (ForgettingMetrics | undefined)[] = [];
  /** Steps at which each task began. */
  private starts: number[] = [0];
  private focusKey: ForgettingMethodKey = 'plain';

  private redraw!: FrameThrottle;
  private taskLabel!: HTMLElement;
  private nextButton!: HTMLButtonElement;
  private mapsBox!: HTMLElement;
  private maps: { heatmap: Heatmap; value: HTMLElement; box: HTMLElement }[] = [];
  private focusBox!: HTMLElement;
  private chartBox!: HTMLElement;
  private chart!: LineChart;
  private chartWidth = 0;
  /** Projector mode: the heatmaps' and chart's frame they were drawn at ('' on the page). */
  private projectorKey = '';
  private chartKey = '';

  protected mountStage(stage: HTMLElement): void {
    this.redraw = frameThrottle(() => this.draw());
    this.taskLabel = h('span', { class: 'lm-fg-task', attrs: { 'data-testid': 'current-task', 'aria-live': 'off' } });
    this.nextButton = h('button', { class: 'lm-button', text: t('Next task'), attrs: { type: 'button', 'data-testid': 'next-task', 'aria-keyshortcuts': 'N', title: t('End this task and start the next (N)') } });
    this.nextButton.addEventListener('click', () => this.nextTask());
    this.mapsBox = h('div', { class: 'lm-fg-maps' });
    this.focusBox = h('div', { class: 'lm-fg-focus', attrs: { role: 'group', 'aria-label': t('Curves for') } });
    this.chartBox = h('div', { class: 'lm-chart lm-fg-chart lm-fill' });
    stage.append(
      h('div', { class: 'lm-fg-bar' }, [this.taskLabel, this.nextButton]),
      h('p', { class: 'lm-fg-note', text: t('Accuracy on each task (rows) after learning each task (columns); the current column fills in as it learns.') }),
      this.mapsBox,
      h('div', { class: 'lm-fg-curves' }, [h('span', { class: 'lm-fg-focus-label', text: t('Curves for') }), this.focusBox]),
      this.chartBox,
    );
    this.addEventListener('keydown', (event) => {
      if ((event.key === 'n' || event.key === 'N') && !event.ctrlKey && !event.metaKey && !event.altKey) {
        const tag = (event.target as Element | null)?.tagName?.toLowerCase() ?? '';
        const type = tag === 'input' ? (event.target as HTMLInputElement).type : '';
        if (tag === 'select' || tag === 'textarea' || (tag === 'input' && type !== 'range' && type !== 'checkbox')) return;
        event.preventDefault();
        this.nextTask();
      }
    });
    this.layOut();
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => this.fitChart()).observe(this.chartBox);
      new ResizeObserver(() => this.fitMaps()).observe(this.mapsBox);
    }
  }

  /**
   * The figure's final structure for the current settings (a grid per method, a row per task, the
   * task line), empty, before the worker has built the run: nothing moves when the scores arrive.
   */
  private layOut(): void {
    this.methods = enabledMethods(this.settings);
    if (!this.methods.some((m) => m.key === this.focusKey)) this.focusKey = this.methods[0].key;
    this.numTasks = this.settings.stream === 'mnist-fashion' ? 2 : this.settings.tasks;
    this.taskNames = this.settings.stream === 'mnist-fashion' ? ['MNIST', 'Fashion'] : [];
    this.history = [];
    this.ends = [];
    this.starts = [0];
    this.current = 0;
    this.taskStart = 0;
    this.buildMaps();
    this.buildFocus();
    this.buildChart(this.chartWidth || CHART_MAX_WIDTH);
    this.showTask();
  }

  protected override loadingText(): string {
    return this.settings.stream === 'mnist-fashion' ? t('Loading MNIST and Fashion-MNIST…') : t('Loading MNIST and building the networks…');
  }

  /** End the current task now and start the next (the lecturer's button; N on the keyboard). */
  nextTask(): void {
    const trainer = this.trainer;
    const run = this.run;
    if (!trainer || !run || this.current >= this.numTasks - 1) return;
    this.enqueue(async () => {
      if (this.run !== run) return;
      await this.switchTask(trainer, run);
    }).catch(() => undefined);
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.layOut();
    this.nextEval = evalEvery(this.stepsPerTask());
    const run = await this.createRunFrom(trainer, forgettingKind, forgettingConfig(this.settings, this.seed));
    const m = await trainer.evaluate(run);
    this.numTasks = m.tasks.length;
    this.taskNames = m.tasks;
    this.buildMaps();
    this.buildChart(this.chartWidth || CHART_MAX_WIDTH);
    this.record(m);
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    const auto = this.settings.autoSwitch;
    const taskEnd = this.taskStart + (auto ? this.stepsPerTask() : MANUAL_TASK_CAP);
    const r = await trainer.train(run, { untilStep: Math.min(this.nextEval, taskEnd), budgetMs: mode === 'step' ? 60_000 : 40 });
    let finished = false;
    if (r.step >= this.nextEval || r.step >= taskEnd) {
      this.record(await trainer.evaluate(run));
      this.nextEval = r.step + evalEvery(this.stepsPerTask());
    }
    if (r.step >= taskEnd) {
      if (this.current >= this.numTasks - 1) finished = true;
      else if (auto) await this.switchTask(trainer, run);
      else this.pause();
    }
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, engine: r.engine, finished };
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    if (!this.run) return;
    await this.sendLive(trainer, forgettingConfig(this.settings, this.seed));
    if (partial.stepsPerTask !== undefined) {
      // The next evaluation stays where it was unless the new spacing brings it closer.
      const step = this.history.at(-1)?.step ?? 0;
      this.nextEval = Math.min(this.nextEval, step + evalEvery(this.stepsPerTask()));
    }
    this.showTask();
  }

  protected summarize(): string {
    const m = this.history.at(-1);
    if (!m) return t('Ready: press play to learn the first task.');
    const first = this.methods.map((v, i) => `${t(v.label)} ${formatPercent(m.accuracy[i][0])}`).join(', ');
    return t('step {step}, learning task {task} of {tasks}; accuracy on task 1: {first}', { step: groupNumber(m.step), task: this.current + 1, tasks: this.numTasks, first });
  }

  /** The whole figure, as on screen: every method's grid in a row, the curves under them. */
  protected override exportFigure(): SVGSVGElement | null {
    if (!this.chart || this.maps.length === 0) return null;
    const style = getComputedStyle(this);
    const colors = { background: style.getPropertyValue('--bg').trim(), text: style.color };
    const grids = composeFigure(this.maps.map((m, i) => ({ svg: m.heatmap.element, title: t(this.methods[i]?.label ?? '') })), this.maps.length, '', colors);
    const focus = t(this.methods.find((m) => m.key === this.focusKey)?.label ?? '');
    return composeFigure([{ svg: grids, title: t('Accuracy on each task (rows) after learning each task (columns)') }, { svg: this.chart.element, title: t('Accuracy on each task over training: {method}', { method: focus }) }], 1, t(this.schema.title), colors);
  }

  protected override onLayoutChange(): void {
    this.redraw.request();
  }

  private stepsPerTask(): number {
    return this.settings.stepsPerTask;
  }

  /** Score the task being left, end it in the worker (each method consolidates), start the next. */
  private async switchTask(trainer: TrainerClient, run: RunRef<ConfigOf<typeof forgettingKind>, MetricsOf<typeof forgettingKind>>): Promise<void> {
    let m = this.history.at(-1);
    const step = this.lastStep;
    if (!m || m.step !== step) {
      m = await trainer.evaluate(run);
      this.record(m);
    }
    this.ends[this.current] = m;
    await trainer.update(run, { task: this.current + 1 });
    this.current += 1;
    this.taskStart = m.step;
    this.starts[this.current] = m.step;
    this.nextEval = m.step + evalEvery(this.stepsPerTask());
    this.dataset.task = String(this.current);
    this.dataset.firstTaskAfter = this.ends.map((e) => (e ? (e.accuracy[0][0] * 100).toFixed(1) : '')).join(',');
    this.showTask();
    this.redraw.request();
    this.announce(true);
  }

  private record(m: ForgettingMetrics): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.dataset.task = String(this.current);
    if (this.current === this.numTasks - 1) {
      // The last task's column is final whenever the run stops; keep the hook current.
      this.dataset.firstTaskAfter = [...this.ends.slice(0, this.current), m].map((e) => (e ? (e.accuracy[0][0] * 100).toFixed(1) : '')).join(',');
    }
    this.showTask();
    this.redraw.request();
    this.announce(false);
  }

  private showTask(): void {
    const step = this.history.at(-1)?.step ?? 0;
    const name = this.settings.stream === 'mnist-fashion' ? (this.taskNames[this.current] ?? '') : '';
    const within = step - this.taskStart;
    const of = this.settings.autoSwitch === true ? ` / ${groupNumber(this.stepsPerTask())}` : '';
    this.taskLabel.textContent = this.numTasks ? t('Learning task {task} of {tasks}{name} · step {step}{of}', { task: this.current + 1, tasks: this.numTasks, name: name ? ` (${name})` : '', step: groupNumber(within), of }) : '';
    this.nextButton.disabled = !this.run || this.current >= this.numTasks - 1;
  }

  private shortTask(t: number): string {
    const name = this.taskNames[t] ?? '';
    return this.settings.stream === 'mnist-fashion' ? name.replace(/-MNIST$/i, '') || `T${t + 1}` : `T${t + 1}`;
  }

  private buildMaps(): void {
    const labels = Array.from({ length: this.numTasks }, (_, t) => this.shortTask(t));
    // Projector mode: each map drawn at the size its box takes (forgetting.css), at the projector's font.
    const old = this.maps[0]?.box.querySelector<HTMLElement>('.lm-fg-map-chart');
    const p = old ? projectorFrame(old) : null;
    this.maps = this.methods.map((v) => {
      const map = heatmap({
        title: t('{method}: accuracy on each task after each task', { method: t(v.label) }),
        width: p?.width ?? 260,
        height: p?.height ?? 60 + 34 * this.numTasks,
        fontSize: p?.fontSize,
        valueChars: 3,
        rowLabels: labels,
        colLabels: labels,
        xLabel: 'after learning task',
        yLabel: 'scored on task',
        domain: [0, 1],
        showValues: true,
        format: (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}` : ''),
      });
      const value = h('span', { class: 'lm-fg-map-value', attrs: { 'data-testid': `task1-${v.key}` } });
      const swatch = h('span', { class: 'lm-fg-swatch', attrs: { 'aria-hidden': 'true' } });
      swatch.style.background = seriesColor(v.index);
      const chart = h('div', { class: 'lm-fg-map-chart lm-fill' }, [map.element]);
      const box = h('div', { class: 'lm-fg-map', attrs: { 'data-method': v.key } }, [h('div', { class: 'lm-fg-map-head' }, [swatch, h('span', { class: 'lm-fg-map-title', text: t(v.label) }), value]), chart]);
      return { heatmap: map, value, box };
    });
    this.mapsBox.replaceChildren(...this.maps.map((x) => x.box));
    this.projectorKey = p ? `${p.width}×${p.height}` : '';
    // Entering projector mode: the boxes got their size only now; draw at it.
    if (!p && this.mapsBox.closest('.lm-projector')) requestAnimationFrame(() => this.fitMaps());
  }

  /** Projector mode on or off, or a new screen size: the maps again at their boxes' size. */
  private fitMaps(): void {
    const box = this.maps[0]?.box.querySelector<HTMLElement>('.lm-fg-map-chart');
    if (!box) return;
    const p = projectorFrame(box);
    const key = p ? `${p.width}×${p.height}` : '';
    if (key === this.projectorKey) return;
    this.buildMaps();
    this.redraw.request();
  }

  private buildFocus(): void {
    this.focusBox.replaceChildren(
      ...this.methods.map((v) => {
        const b = h('button', { class: 'lm-button lm-quiet lm-fg-focus-button', text: t(v.label), attrs: { type: 'button', 'aria-pressed': String(v.key === this.focusKey), 'data-testid': `focus-${v.key}` } });
        b.addEventListener('click', () => {
          this.focusKey = v.key;
          this.focusBox.querySelectorAll('button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
          this.redraw.request();
        });
        return b;
      }),
    );
  }

  private buildChart(width: number): void {
    const p = projectorFrame(this.chartBox);
    this.chartWidth = p ? 0 : width;
    this.chartKey = p ? `${p.width}×${p.height}` : '';
    const series: Record<string, { label: string; best: 'max'; format: (v: number) => string }> = {};
    for (let t = 0; t < Math.max(1, this.numTasks); t++) series[`t${t}`] = { label: this.shortTask(t), best: 'max', format: (v) => formatPercent(v) };
    this.chart = lineChart({
      title: 'Accuracy on each task (T1, T2, …) over training steps, for the method picked above',
      width: p?.width ?? width,
      height: p?.height ?? Math.round(width < 480 ? width * 0.7 : width * 0.38),
      fontSize: p?.fontSize,
      xLabel: 'training steps',
      yLabel: 'accuracy',
      yDomain: [0, 1],
      xDomain: [0, Math.max(1, this.numTasks) * this.stepsPerTask()],
      yFormat: (v) => formatPercent(v, 0),
      series,
    });
    this.chartBox.replaceChildren(this.chart.element);
    this.redraw.request();
  }

  private fitChart(): void {
    const p = projectorFrame(this.chartBox);
    if (p || this.chartKey) {
      if ((p ? `${p.width}×${p.height}` : '') !== this.chartKey) this.buildChart(this.chartWidth || CHART_MAX_WIDTH);
      if (p) return;
    }
    const available = Math.round(this.chartBox.clientWidth);
    if (available <= 0) return;
    const width = Math.max(CHART_MIN_WIDTH, Math.min(CHART_MAX_WIDTH, available));
    if (Math.abs(width - this.chartWidth) >= 32) this.buildChart(width);
  }

  private draw(): void {
    const latest = this.history.at(-1);
    this.maps.forEach((map, i) => {
      map.heatmap.update(heatmapMatrix(i, this.numTasks, this.ends, latest, this.current));
      const mean = latest ? latest.accuracy[i].slice(0, this.current + 1).reduce((a, b) => a + b, 0) / (this.current + 1) : NaN;
      map.value.textContent = t('task 1 {first} · mean {mean}', latest ? { first: formatPercent(latest.accuracy[i][0]), mean: formatPercent(mean) } : { first: '–', mean: '–' });
    });
    const f = Math.max(0, this.methods.findIndex((m) => m.key === this.focusKey));
    for (let t = 0; t < this.numTasks; t++) {
      const start = this.starts[t];
      const pts = start === undefined ? [] : this.history.filter((m) => m.step >= start).map((m) => [m.step, m.accuracy[f]?.[t] ?? NaN] as const);
      this.chart.setSeries(`t${t}`, pts);
    }
    this.chart.render();
  }
}

if (!customElements.get(forgettingSchema.tag)) customElements.define(forgettingSchema.tag, ForgettingElement);

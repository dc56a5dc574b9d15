/**
 * <fa-linear>: Lillicrap et al. (2016), Fig. 1, live. A 30-20-10 linear network learns a random
 * linear map y* = T x online, one sample per step, three ways from the same initial weights and the
 * same samples: backprop, feedback alignment (a fixed random B instead of Wᵀ) and the output layer
 * alone. Left, the normalised test error of each (log scale); right, the angle between FA's hidden
 * error signal and backprop's, and between the forward weights W and Bᵀ, both falling below 90°.
 */
import '../fa-compare/fa-compare.css';
import type { LinearTaskMetrics } from '../../runs/linear';
import type { TrainerClient } from '../../../../runtime/client';
import { frameThrottle, lineChart, type FrameThrottle, type LineChart } from '../../../../viz';
import { formatValue } from '../../../../widgets/base/format';
import { h } from '../../../../widgets/base/dom';
import { findSetting } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { chartHeight, chartPanel, composeFigure, legendMargin, panelWidth, projectorFrame, REFERENCE, ruleStyle, swatch, type ChartPanel } from '../fa-compare/panels';
import { faLinearSchema } from './schema';
import { MAX_SAMPLES, nextLinearEval, playPace } from './schedule';
import { faLinearKind } from '../../kinds';
import { faLinearConfig, RULES } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/** Normalised error starts at 1; far above it the run has blown up. */
const BLOWN_UP = 1e6;
const MIN_X = 1000;

const degrees = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? localNumber(`${v.toFixed(1)}°`) : '–');
const error = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : localNumber(v >= 0.01 ? v.toFixed(3) : v.toExponential(1)));

export class FaLinearElement extends TrainingWidget<typeof faLinearKind, typeof faLinearSchema> {
  protected readonly schema = faLinearSchema;
  private history: LinearTaskMetrics[] = [];
  private nextEval = nextLinearEval(0);
  private grid!: HTMLElement;
  private panels!: { error: ChartPanel; angle: ChartPanel };
  private charts: { error?: LineChart; angle?: LineChart } = {};
  /** `key`: the projector layout the charts were built for ('' on the page). */
  private layout = { width: 0, columns: 0, key: '' };
  private values = new Map<string, HTMLElement>();
  private redraw!: FrameThrottle;

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string, rule: string | null, testId: string) => {
      const value = h('span', { class: 'fa-stat-value', text: '–', attrs: { 'data-testid': testId } });
      this.values.set(key, value);
      const s = rule ? ruleStyle(rule) : null;
      return h('div', { class: `fa-stat${rule ? ` fa-rule-${rule}` : ''}` }, [h('span', { class: 'fa-stat-label' }, [...(s ? [swatch(s.color, s.dash)] : []), t(label)]), value]);
    };
    const stats = h('div', { class: 'fa-linear-stats', attrs: { role: 'group', 'aria-label': t('Now') } }, [
      stat('backprop', 'BP error', 'backprop', 'error-backprop'),
      stat('fa', 'FA error', 'fa', 'error-fa'),
      stat('output-only', 'Output-only error', 'output-only', 'error-output-only'),
      stat('angle', 'FA vs BP signal', null, 'angle-fa'),
      stat('feedback', 'W vs Bᵀ', null, 'angle-feedback'),
    ]);
    this.panels = {
      error: chartPanel(t('Normalised test error'), t('log scale; 1 = knows nothing'), 'chart-error'),
      angle: chartPanel(t('Angles'), t('90° = unrelated directions'), 'chart-angle'),
    };
    this.grid = h('div', { class: 'fa-grid' }, [this.panels.error.element, this.panels.angle.element]);
    stage.append(h('div', { class: 'fa-linear' }, [stats, this.grid]));
    this.redraw = frameThrottle(() => this.draw());
    this.buildCharts();
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fit()).observe(this.grid);
  }

  protected override loadingText(): string {
    return t('Building the three networks…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.history = [];
    this.nextEval = nextLinearEval(0);
    this.redraw.request();
    const run = await this.createRunFrom(trainer, faLinearKind, faLinearConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    const started = performance.now();
    const r = await trainer.train(run, { untilStep: Math.min(this.nextEval, MAX_SAMPLES), budgetMs: mode === 'step' ? 60_000 : 40 });
    let diverged = r.diverged || (Number.isFinite(r.loss) && r.loss > BLOWN_UP);
    if (!diverged && r.step >= this.nextEval) {
      const m = await trainer.evaluate(run);
      this.record(m);
      this.nextEval = nextLinearEval(r.step);
      diverged = m.errors.some((e) => !Number.isFinite(e) || e > BLOWN_UP);
    }
    // Playing is paced (slow at first), so the first few hundred examples, where everything happens, can be watched.
    if (mode === 'play' && !diverged) {
      const wait = (1000 * r.steps) / playPace(r.step) - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return { step: r.step, loss: r.loss, diverged, stepsPerSec: r.stepsPerSec, finished: r.step >= MAX_SAMPLES };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, faLinearConfig(this.settings, this.seed));
    this.announce();
  }

  protected summarize(): string {
    const m = this.history.at(-1);
    const lr = formatValue(findSetting(this.schema, 'learningRate'), this.settings.learningRate);
    if (!m) return t('Ready: backprop, feedback alignment and output-only from one start, learning rate {lr}. Press play.', { lr });
    const [bp, fa, out] = m.errors;
    return t("sample {n}, learning rate {lr}; normalised error BP {bp}, FA {fa}, output-only {out}; FA error signal {angle} from backprop's, W {w} from Bᵀ", {
      n: groupNumber(m.samples),
      lr,
      bp: error(bp),
      fa: error(fa),
      out: error(out),
      angle: degrees(m.angles[1]),
      w: degrees(m.feedbackAngles[1]),
    });
  }

  protected override onLayoutChange(): void {
    this.fit(true);
    requestAnimationFrame(() => this.fit());
    this.redraw.request();
  }

  protected override exportFigure(): SVGSVGElement | null {
    const { error, angle } = this.charts;
    if (!error || !angle) return null;
    const style = getComputedStyle(this);
    const charts = [
      { svg: error.element, title: t('Normalised test error') },
      { svg: angle.element, title: t('Angles') },
    ];
    return composeFigure(charts, Math.max(1, this.layout.columns), t(this.schema.title), { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private record(m: LinearTaskMetrics): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.dataset.step = String(m.step); // also after a reset, which takes no training step
    const [bp, fa, out] = m.errors;
    this.values.get('backprop')!.textContent = error(bp);
    this.values.get('fa')!.textContent = error(fa);
    this.values.get('output-only')!.textContent = error(out);
    this.values.get('angle')!.textContent = degrees(m.angles[1]);
    this.values.get('feedback')!.textContent = degrees(m.feedbackAngles[1]);
    this.redraw.request();
    this.announce(false);
  }

  private fit(force = false): void {
    // Projector mode: the charts take the boxes CSS gives them (the screen's free space).
    const p = projectorFrame(this.panels.error.box);
    if (p || this.layout.key) {
      if (force || (p ? `${p.width}×${p.height}` : '') !== this.layout.key) this.buildCharts();
      return;
    }
    const next = panelWidth(this.grid);
    if (force || Math.abs(next.width - this.layout.width) >= 24 || next.columns !== this.layout.columns) this.buildCharts();
  }

  private buildCharts(): void {
    const p = projectorFrame(this.panels.error.box);
    const page = panelWidth(this.grid);
    const width = p?.width ?? page.width;
    const columns = page.columns;
    this.layout = { width, columns, key: p ? `${p.width}×${p.height}` : '' };
    const height = p?.height ?? chartHeight(width, columns, this);
    const fontSize = p?.fontSize;
    const bySeries = Object.fromEntries(RULES.map((r) => [r, { label: ruleStyle(r).short, color: ruleStyle(r).color, dash: ruleStyle(r).dash, format: error }]));
    this.charts.error = lineChart({
      title: t('Normalised test error of backprop, feedback alignment and output-only over samples'),
      width,
      height,
      fontSize,
      margin: { top: legendMargin(Object.values(bySeries).map((s) => s.label), width, 60, 16, fontSize) },
      xLabel: t('samples seen'),
      xName: t('sample'),
      yLabel: t('normalised error'),
      yScale: 'log',
      // Down to a millionth: below that both learners have the map, and float32 noise takes over.
      yDomain: [1e-6, 1.5],
      xDomain: [0, MIN_X],
      yFormat: (v) => localNumber(v >= 0.01 ? String(Number(v.toPrecision(2))) : v.toExponential(0)),
      series: bySeries,
    });
    const fa = ruleStyle('fa');
    const angleSeries = {
      delta: { label: t('FA signal vs BP'), color: fa.color, dash: fa.dash, format: degrees },
      weights: { label: 'W vs Bᵀ', color: 'var(--fg, #1b1b1b)', dash: '', format: degrees },
      ninety: { label: '90°', color: REFERENCE.color, dash: REFERENCE.dash, format: degrees },
    };
    this.charts.angle = lineChart({
      title: t('Angle between feedback alignment’s hidden error signal and backprop’s, and between W and B transposed'),
      width,
      height,
      fontSize,
      margin: { top: legendMargin(Object.values(angleSeries).map((s) => s.label), width, 60, 16, fontSize) },
      xLabel: t('samples seen'),
      xName: t('sample'),
      yLabel: t('degrees'),
      yDomain: [0, 120],
      xDomain: [0, MIN_X],
      yFormat: (v) => `${v}°`,
      series: angleSeries,
    });
    this.panels.error.box.replaceChildren(this.charts.error.element);
    this.panels.angle.box.replaceChildren(this.charts.angle.element);
    this.draw();
  }

  private draw(): void {
    const { error: errorChart, angle } = this.charts;
    if (!errorChart || !angle) return;
    const xs = this.history.map((m) => m.samples);
    RULES.forEach((r, i) => errorChart.setSeries(r, xs, this.history.map((m) => m.errors[i])));
    errorChart.render();
    angle.setSeries('delta', xs, this.history.map((m) => m.angles[1]));
    angle.setSeries('weights', xs, this.history.map((m) => m.feedbackAngles[1] ?? NaN));
    angle.setSeries('ninety', [0, Math.max(MIN_X, xs.at(-1) ?? 0)], [90, 90]);
    angle.render();
  }
}

if (!customElements.get(faLinearSchema.tag)) customElements.define(faLinearSchema.tag, FaLinearElement);

/**
 * <ff-layers>: forward-forward (Hinton 2022) training live on real MNIST, in the worker. Every
 * layer has its own loss and no error crosses between layers. The figure shows, per layer, the
 * goodness of real digits (true label written into the first pixels) and of fake ones (a wrong
 * label) drifting apart around the threshold θ; test accuracy (the label whose version of the digit
 * gets the most goodness) climbing from chance; and what each layer's most discriminating units like.
 */
import './ff.css';
import type { ForwardForwardSnapshot } from '../../runs/forward-forward-live';
import type { TrainerClient } from '../../../../runtime/client';
import { formatPercent, frameThrottle, lineChart, seriesColor, type FrameThrottle, type LineChart } from '../../../../viz';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { h } from '../../../../widgets/base/dom';
import { buildStats, type Stats } from '../../../../widgets/base/stats';
import { divergenceMessage } from '../../../../widgets/base/states';
import { projectorFrame, type ChartFrame } from '../../../../widgets/base/panels';
import { composeStage } from './compose';
import { likesView, type LikesView } from './likes';
import { ffSchema } from './schema';
import { forwardForwardKind } from '../../kinds';
import { ffConfig, SILENT_CAUSE, UNITS } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/** Evaluation steps: dense early, where the curves move fast. Fixed, so reruns draw the same points. */
export function nextEvalStep(step: number): number {
  const every = step < 100 ? 20 : step < 400 ? 40 : 80;
  return step - (step % every) + every;
}
/** Ten epochs of the 8,000 training digits at batch 100 (science.md's band is set there). */
export const MAX_STEPS = 800;
/** Test digits scored at each evaluation, and units shown per layer. */
const CHANCE = 0.1;

const COLORS = { accuracy: seriesColor(0), real: seriesColor(2), fake: seriesColor(1), threshold: 'var(--muted, #5f5f5f)' };

interface Panel {
  box: HTMLElement;
  chart: LineChart;
  width: number;
  /** The projector layout it was built for ('' on the page). */
  key: string;
  /** Projector mode passes the box's size and font (panels.ts projectorFrame). */
  build(width: number, frame: ChartFrame | null): LineChart;
}

export class FfLayersElement extends TrainingWidget<typeof forwardForwardKind, typeof ffSchema> {
  protected readonly schema = ffSchema;
  private history: ForwardForwardSnapshot[] = [];
  private nextEval = nextEvalStep(0);
  private stats!: Stats;
  private charts!: HTMLElement;
  private panels: Panel[] = [];
  private likes!: LikesView;
  private redraw!: FrameThrottle;

  protected mountStage(stage: HTMLElement): void {
    this.redraw = frameThrottle(() => this.draw());
    this.stats = buildStats([
      { key: 'acc', label: 'Test accuracy', color: COLORS.accuracy, testId: 'test-acc' },
      { key: 'gap', label: 'Goodness, real − fake (last layer)', testId: 'goodness-gap' },
      { key: 'epoch', label: 'Passes over the data', testId: 'epoch', minor: true },
    ]);
    this.stats.element.classList.add('lm-ff-stats');
    // The numbers go into an exported figure too.
    this.stats.element.querySelectorAll('dt, dd').forEach((e) => e.setAttribute('data-export-text', ''));
    this.charts = h('div', { class: 'lm-ff-charts' });
    this.likes = likesView();
    stage.append(
      h('div', { class: 'lm-ff' }, [
        this.stats.element,
        this.charts,
        h('div', { class: 'lm-ff-likes' }, [
          h('p', { class: 'lm-ff-heading', text: t('What each layer likes'), attrs: { 'data-export-text': '' } }),
          h('p', {
            class: 'lm-ff-note',
            text: t('In each layer, {n} of the units that best tell real from fake (a different digit each, where it has them), each drawn as the average real digit it fires for minus the average digit (red: more ink, blue: less). Under each, the labels it fires for, 0 to 9 (dark: most).', { n: UNITS }),
          }),
          this.likes.element,
        ]),
      ]),
    );
    this.buildPanels(this.settings.layers);
    this.likes.reserve(this.settings.layers, UNITS);
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.fitPanels()).observe(this.charts);
  }

  protected override loadingText(): string {
    return t('Loading MNIST…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.history = [];
    this.nextEval = nextEvalStep(0);
    this.likes.reserve(this.settings.layers, UNITS);
    if (this.panels.length !== this.settings.layers + 1) this.buildPanels(this.settings.layers);
    this.redraw.request();
    this.showStats();
    const run = await this.createRunFrom(trainer, forwardForwardKind, ffConfig(this.settings, this.seed));
    const first = await trainer.evaluate(run);
    this.record(first);
    // The first numbers scored a fifth of the test digits: score them all once the figure is ready
    // (queued behind this start, ahead of any training step), and let that replace the quick look.
    if (first.partial) {
      void this.enqueue(async () => {
        if (this.run !== run) return;
        const full = await trainer.evaluate(run);
        if (this.run !== run || this.history.at(-1)?.step !== full.step) return;
        this.history.pop();
        this.record(full);
      }).catch((err: unknown) => {
        // A run disposed meanwhile (a reset, a new scene) has nothing left to score.
        if (this.run === run) throw err;
      });
    }
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    const r = await trainer.train(run, { untilStep: Math.min(this.nextEval, MAX_STEPS), budgetMs: mode === 'step' ? 60_000 : 40 });
    if (!r.diverged && r.step >= this.nextEval) {
      this.record(await trainer.evaluate(run));
      this.nextEval = nextEvalStep(r.step);
    }
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, finished: r.step >= MAX_STEPS };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, ffConfig(this.settings, this.seed));
  }

  /**
   * A run stopped with a finite loss is one whose every ReLU died (no unit fires, no weight gets a
   * gradient: ForwardForwardRun.train), the way a too-large step breaks forward-forward: say that.
   */
  protected override divergenceText(loss: number): string {
    const cause = Number.isFinite(loss) ? t(SILENT_CAUSE) : undefined;
    return divergenceMessage(this.schema, this.settings, loss, { ...this.divergenceContext(), cause });
  }

  protected summarize(): string {
    const m = this.history.at(-1);
    if (!m) return t('Ready: {layers} layers of {units} units. Press play.', { layers: this.settings.layers, units: this.settings.hidden });
    const layers = m.goodnessPositive
      .map((g, l) => t('layer {n} goodness real {real} vs fake {fake}', { n: l + 1, real: localNumber(g.toFixed(2)), fake: localNumber(m.goodnessNegative[l].toFixed(2)) }))
      .join(', ');
    const likes = this.likes.summary();
    return t('step {step}, test accuracy {acc}, {layers} (threshold {theta})', { step: groupNumber(m.step), acc: formatPercent(m.testAccuracy), layers, theta: localNumber(String(m.threshold)) }) + (likes ? `; ${likes}` : '');
  }

  protected override exportFigure(): SVGSVGElement | null {
    return composeStage(this.stage);
  }

  protected override onLayoutChange(): void {
    // Projector mode changes the panels' widths: lay the charts out again at the new size.
    setTimeout(() => this.fitPanels(true), 50);
  }

  private record(m: ForwardForwardSnapshot): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.likes.update(m.units);
    this.redraw.request();
    this.showStats();
    this.announce(false);
  }

  private showStats(): void {
    const m = this.history.at(-1);
    const last = m ? m.goodnessPositive.length - 1 : -1;
    this.stats.set('acc', m ? formatPercent(m.testAccuracy) : '–');
    this.stats.set('gap', m ? signed(m.goodnessPositive[last] - m.goodnessNegative[last]) : '–');
    this.stats.set('epoch', m ? localNumber(m.epoch.toFixed(1)) : '–');
  }

  private buildPanels(layers: number): void {
    this.panels = [];
    this.charts.replaceChildren();
    const width = this.panelWidth();
    const make = (title: string, build: (w: number, f: ChartFrame | null) => LineChart): void => {
      const box = h('div', { class: 'lm-ff-panel lm-fill' });
      this.charts.append(h('div', { class: 'lm-ff-cell' }, [h('p', { class: 'lm-ff-panel-title', text: t(title), attrs: { 'data-export-text': '' } }), box]));
      const panel: Panel = { box, chart: build(width, null), width, key: '', build };
      box.append(panel.chart.element);
      this.panels.push(panel);
    };
    make('Test accuracy', (w, f) =>
      lineChart({
        title: 'Test accuracy over training steps',
        width: f?.width ?? w,
        height: f?.height ?? chartHeight(w),
        fontSize: f?.fontSize,
        xLabel: 'training steps',
        yDomain: [0, 1],
        xDomain: [0, 200],
        yFormat: (v) => formatPercent(v, 0),
        series: {
          test: { label: 'test accuracy', color: COLORS.accuracy, best: 'max', format: (v) => formatPercent(v) },
          chance: { label: 'chance', color: COLORS.threshold, dash: '2 3' },
        },
      }),
    );
    for (let l = 0; l < layers; l++) {
      make(t('Layer {n}: goodness', { n: l + 1 }), (w, f) =>
        lineChart({
          title: t('Layer {n}: mean goodness of real and fake test digits over training steps', { n: l + 1 }),
          width: f?.width ?? w,
          height: f?.height ?? chartHeight(w),
          fontSize: f?.fontSize,
          xLabel: 'training steps',
          xDomain: [0, 200],
          series: {
            real: { label: 'real', color: COLORS.real, dash: '', best: 'max' },
            fake: { label: 'fake', color: COLORS.fake, dash: '6 3', best: 'min' },
            threshold: { label: 'θ', color: COLORS.threshold, dash: '2 3' },
          },
        }),
      );
    }
    this.draw();
  }

  private panelWidth(): number {
    const box = this.panels[0]?.box ?? this.charts.querySelector<HTMLElement>('.lm-ff-panel');
    const w = Math.round(box?.clientWidth ?? 0);
    return w > 0 ? Math.max(240, Math.min(520, w)) : 300;
  }

  private fitPanels(force = false): void {
    for (const p of this.panels) {
      // Projector mode: each chart takes its box (the screen's free space) at the projector's font.
      const f = projectorFrame(p.box);
      if (f || p.key) {
        const key = f ? `${f.width}×${f.height}` : '';
        if (force || key !== p.key) {
          p.key = key;
          p.width = f?.width ?? Math.max(240, Math.min(520, Math.round(p.box.clientWidth) || 300));
          p.chart = p.build(p.width, f);
          p.box.replaceChildren(p.chart.element);
        }
        continue;
      }
      const available = Math.round(p.box.clientWidth);
      if (available <= 0) continue;
      const w = Math.max(240, Math.min(520, available));
      if (force || Math.abs(w - p.width) >= 24) {
        p.width = w;
        p.chart = p.build(w, null);
        p.box.replaceChildren(p.chart.element);
      }
    }
    this.draw();
  }

  private draw(): void {
    const hist = this.history;
    const xs = hist.map((m) => m.step);
    const [acc, ...layers] = this.panels;
    if (!acc) return;
    const end = Math.max(200, xs.at(-1) ?? 0);
    acc.chart.setSeries('test', xs, hist.map((m) => m.testAccuracy));
    acc.chart.setSeries('chance', [0, end], [CHANCE, CHANCE]);
    acc.chart.render();
    layers.forEach((p, l) => {
      p.chart.setSeries('real', xs, hist.map((m) => m.goodnessPositive[l] ?? NaN));
      p.chart.setSeries('fake', xs, hist.map((m) => m.goodnessNegative[l] ?? NaN));
      // θ as set at each evaluation (it is live), held to the right edge.
      const theta = hist.length ? hist.map((m) => m.threshold) : [this.settings.threshold];
      p.chart.setSeries('threshold', [...(hist.length ? xs : [0]), end], [...theta, theta[theta.length - 1]]);
      p.chart.render();
    });
  }
}

function chartHeight(width: number): number {
  return Math.round(width * (width < 400 ? 0.56 : 0.66));
}

function signed(v: number): string {
  const text = Math.abs(v).toFixed(2);
  return text === '0.00' ? text : `${v > 0 ? '+' : '−'}${text}`;
}

if (!customElements.get(ffSchema.tag)) customElements.define(ffSchema.tag, FfLayersElement);

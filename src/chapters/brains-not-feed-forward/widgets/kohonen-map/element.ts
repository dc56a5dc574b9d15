/**
 * <kohonen-map>: Kohonen's self-organising map learning 6,000 MNIST digits in the worker
 * (runs/som.ts), one digit per update, no labels and no loss: competition for each digit, and
 * cooperation of the winner's grid neighbours. The prototypes are drawn as a mosaic as they change;
 * beside them the quantisation and topographic errors on 300 held-out digits and on the training
 * stream, and the neighbour/random distance ratio. 20,000 updates, as in `npm run reproduce -- dynamics`.
 */
import '../shared/dynamics.css';
import type { SomMetrics } from '../../runs/som';
import { SOM_RUN_DEFAULTS } from '../../runs/defaults';
import type { TrainerClient } from '../../../../runtime/client';
import { h } from '../../../../widgets/base/dom';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { kohonenMapKind } from '../../kinds';
import { fillSize, nextFrame, observeLayout, projectorScale } from '../shared/canvas';
import { stageFigure } from '../shared/export';
import { drawXYChart } from '../shared/xy-chart';
import { kohonenMapConfig } from './config';
import { drawMosaic, mosaicSize } from './mosaic';
import { stepSize, updatesPerSecond } from './pace';
import { kohonenMapSchema } from './schema';
import { groupNumber, isFrench, localNumber, t } from '../../../../i18n/t';

/** The held-out score is recomputed at most this often while playing (it costs 300 digits × units × 784). */
const EVALUATE_EVERY_MS = 120;

const percentSign = () => (isFrench() ? '\u202f%' : '%');
const pct = (v: number) => (Number.isFinite(v) ? `${localNumber((100 * v).toFixed(1))}${percentSign()}` : '–');
const num = (v: number, d = 2) => (Number.isFinite(v) ? localNumber(v.toFixed(d)) : '–');

export class KohonenMapElement extends TrainingWidget<typeof kohonenMapKind, typeof kohonenMapSchema> {
  protected readonly schema = kohonenMapSchema;
  private metrics: SomMetrics | null = null;
  private mosaic!: HTMLCanvasElement;
  private charts!: { quantisation: HTMLCanvasElement; topographic: HTMLCanvasElement };
  private values = new Map<string, HTMLElement>();
  private running: Array<{ step: number; quantisation: number; topographic: number }> = [];
  private lastTick = 0;
  private lastEval = 0;
  private due = 0;
  /** The run's step after the last train call (the metrics are refreshed less often). */
  private trained = 0;

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string) => {
      const value = h('dd', { class: 'dyn-stat-value', text: '–', attrs: { 'data-testid': key } });
      this.values.set(key, value);
      return h('div', { class: 'dyn-stat' }, [h('dt', { text: label }), value]);
    };
    const canvas = (label: string, testId: string) => h('canvas', { class: 'dyn-canvas', attrs: { role: 'img', 'aria-label': label, 'data-testid': testId } });
    this.mosaic = canvas(t('The map: each unit’s prototype image, in its place on the grid'), 'mosaic');
    this.mosaic.classList.add('dyn-pixelated');
    this.charts = {
      quantisation: canvas(t('Quantisation error over updates'), 'chart-quantisation'),
      topographic: canvas(t('Topographic error over updates'), 'chart-topographic'),
    };
    // Each canvas in a .dyn-fill box: in projector mode it is drawn at the box's size (dynamics.css).
    const panel = (title: string, sub: string, c: HTMLCanvasElement) => h('section', { class: 'dyn-panel' }, [h('p', { class: 'dyn-panel-title' }, [title, h('span', { class: 'dyn-panel-sub', text: sub })]), h('div', { class: 'dyn-fill' }, [c])]);
    stage.append(
      h('dl', { class: 'dyn-stats', attrs: { 'aria-label': t('Now') } }, [
        stat('updates', t('updates')),
        stat('schedule', t('learning rate η · neighbourhood σ')),
        stat('quantisation', t('quantisation error')),
        stat('topographic', t('topographic error')),
        stat('ratio', t('random pairs ÷ neighbours')),
      ]),
      h('div', { class: 'dyn-som' }, [
        h('section', { class: 'dyn-panel dyn-som-map' }, [h('p', { class: 'dyn-panel-title' }, [t('The map'), h('span', { class: 'dyn-panel-sub', text: t('each tile a unit’s prototype; the corner digit: the label most of the test digits it wins carry') })]), h('div', { class: 'dyn-fill' }, [this.mosaic])]),
        h('div', { class: 'dyn-som-charts' }, [
          panel(t('Quantisation error'), t('mean distance from a digit to its best unit: the fit'), this.charts.quantisation),
          panel(t('Topographic error'), t('share of digits whose two best units are not neighbours: the folds'), this.charts.topographic),
        ]),
      ]),
    );
    observeLayout(this.stage, () => this.draw());
  }

  protected override loadingText(): string {
    return t('Loading {train} training digits and {test} test digits…', { train: groupNumber(6000), test: 300 });
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.running = [];
    this.due = 0;
    this.trained = 0;
    const run = await this.createRunFrom(trainer, kohonenMapKind, kohonenMapConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to advance');
    const total = SOM_RUN_DEFAULTS.steps;
    const at = this.trained;
    let steps: number;
    if (mode === 'step') steps = stepSize(at);
    else {
      const now = performance.now();
      this.due += this.lastTick > 0 ? (Math.min(200, now - this.lastTick) * updatesPerSecond(this.settings.pace, at)) / 1000 : 1;
      this.lastTick = now;
      steps = Math.floor(this.due);
      this.due -= steps;
    }
    steps = Math.min(steps, total - at);
    let r = { step: at, loss: this.metrics?.runningQuantisation ?? NaN, diverged: false, stepsPerSec: 0, steps: 0 };
    if (steps > 0) r = await trainer.train(run, { steps, budgetMs: 1000 });
    this.trained = r.step;
    const now = performance.now();
    const finished = r.step >= total;
    if (mode === 'step' || finished || now - this.lastEval >= EVALUATE_EVERY_MS) {
      this.lastEval = now;
      this.record(await trainer.evaluate(run));
    }
    if (mode === 'play') await nextFrame();
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, finished };
  }

  protected async applyLive(): Promise<void> {
    this.lastTick = 0;
  }

  protected summarize(): string {
    const m = this.metrics;
    if (!m) return t('Ready: press play to train the map.');
    return t('{step} of {total} updates, η {rate}, σ {sigma}; on held-out digits quantisation error {quantisation}, topographic error {topographic}; neighbouring prototypes {ratio} times closer than random pairs', {
      step: groupNumber(m.step),
      total: groupNumber(SOM_RUN_DEFAULTS.steps),
      rate: num(m.rate, 3),
      sigma: num(m.sigma),
      quantisation: num(m.quantisationError),
      topographic: pct(m.topographicError),
      ratio: num(m.neighbourRatio),
    });
  }

  protected override onLayoutChange(): void {
    this.draw();
    // Entering projector mode, the boxes take their final size a frame later.
    requestAnimationFrame(() => this.draw());
  }

  protected override exportFigure(): SVGSVGElement | null {
    return stageFigure(this.stage, t(this.schema.title));
  }

  private record(m: SomMetrics): void {
    this.metrics = m;
    if (m.step > 0 && this.running.at(-1)?.step !== m.step) this.running.push({ step: m.step, quantisation: m.runningQuantisation, topographic: m.runningTopographic });
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    const set = (key: string, text: string) => {
      const el = this.values.get(key)!;
      if (el.textContent !== text) el.textContent = text;
    };
    set('updates', `${groupNumber(m.step)} / ${groupNumber(SOM_RUN_DEFAULTS.steps)}`);
    set('schedule', `${num(m.rate, 3)} · ${num(m.sigma)}`);
    set('quantisation', num(m.quantisationError));
    set('topographic', pct(m.topographicError));
    set('ratio', `${num(m.neighbourRatio)}×`);
    this.draw();
    this.announce(false);
  }

  private draw(): void {
    const m = this.metrics;
    // Projector mode: the map (square) and the charts at their boxes' size, the charts' text scaled.
    const k = projectorScale(this);
    const projector = k !== null;
    const mapBox = k ? fillSize(this.mosaic.parentElement!) : null;
    const chartBox = k ? fillSize(this.charts.quantisation.parentElement!) : null;
    if (k && (!mapBox || !chartBox)) return;
    const available = Math.round(this.stage.clientWidth || 640);
    const twoColumns = available >= 700;
    const mapWidth = mapBox ? Math.min(mapBox.width, mapBox.height) : twoColumns ? Math.min(Math.round(available * 0.5), 470) : available;
    const chartH = chartBox?.height ?? 170;
    if (!m) {
      // Before the first numbers: the map and the two charts at their final size, so nothing moves when they come.
      const size = mosaicSize(this.settings.mapSize, this.settings.mapSize, mapWidth, projector);
      // Its width too: a canvas given only a height keeps its default 2:1 shape, and the map was twice as wide and pushed the charts under it.
      this.mosaic.style.width = `${size.width}px`;
      this.mosaic.style.height = `${size.height}px`;
      if (!k) for (const chart of [this.charts.quantisation, this.charts.topographic]) if (!chart.style.height) chart.style.height = `${chartH}px`;
      return;
    }
    drawMosaic(this.mosaic, m.prototypes, m.rows, m.cols, m.unitLabels, mapWidth, projector, k ? Math.round(10 * k) : undefined);
    const chartW = chartBox?.width ?? Math.round(this.charts.quantisation.parentElement?.clientWidth || (twoColumns ? available - mapWidth - 24 : available));
    const scale = k ?? 1;
    const xDomain: [number, number] = [0, Math.max(1000, m.step)];
    const held = m.history;
    drawXYChart(this.charts.quantisation, {
      width: chartW,
      height: chartH,
      xDomain,
      xLabel: t('updates'),
      yLabel: '‖x − w_c‖',
      series: [
        { label: t('held-out digits'), xs: held.map((p) => p.step), ys: held.map((p) => p.quantisation), colour: 0, dots: held.length < 40 },
        { label: t('training stream'), xs: this.running.map((p) => p.step), ys: this.running.map((p) => p.quantisation), colour: 1, dash: [5, 3] },
      ],
      scale,
    });
    drawXYChart(this.charts.topographic, {
      width: chartW,
      height: chartH,
      xDomain,
      yDomain: [0, 1],
      xLabel: t('updates'),
      yLabel: t('share folded'),
      yFormat: (v) => `${Math.round(v * 100)}${percentSign()}`,
      series: [
        { label: t('held-out digits'), xs: held.map((p) => p.step), ys: held.map((p) => p.topographic), colour: 0, dots: held.length < 40 },
        { label: t('training stream'), xs: this.running.map((p) => p.step), ys: this.running.map((p) => p.topographic), colour: 1, dash: [5, 3] },
      ],
      scale,
    });
  }
}

if (!customElements.get(kohonenMapSchema.tag)) customElements.define(kohonenMapSchema.tag, KohonenMapElement);

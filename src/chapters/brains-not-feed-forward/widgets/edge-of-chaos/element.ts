/**
 * <edge-of-chaos>: an echo-state reservoir live at the slider's spectral radius g (runs/edge-of-chaos.ts
 * in the worker): unit traces, input and activity, a running Lyapunov estimate from a twin
 * trajectory; beside it the sweep behind the chapter's table, measured in the background while the
 * figure plays (memory capacity, driven and silent Lyapunov exponents against g, and the memory
 * function at the measured g nearest the slider). The figure paces the live network to a few dozen
 * steps a second and gives the sweep the rest of each frame (nextSweepWork).
 */
import '../shared/dynamics.css';
import type { EdgeOfChaosMetrics } from '../../runs/edge-of-chaos';
import { EDGE_OF_CHAOS_DEFAULTS } from '../../runs/defaults';
import type { TrainerClient } from '../../../../runtime/client';
import { h } from '../../../../widgets/base/dom';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { edgeOfChaosKind } from '../../kinds';
import { stageFigure } from '../shared/export';
import { drawXYChart } from '../shared/xy-chart';
import { fillSize, nextFrame, observeLayout, projectorScale } from '../shared/canvas';
import { edgeOfChaosConfig, SWEEP_ORDER, SWEEP_WORK } from './config';
import { meanFieldCurve, measured, nearestMeasured, nextSweepWork, regime } from './model';
import { edgeOfChaosSchema } from './schema';
import { drawLive, liveCanvasHeight } from './view';
import { groupNumber, isFrench, localNumber, t } from '../../../../i18n/t';

/** Live time steps per call while playing, and per Step. */
const LIVE_STEPS = 2;
const STEP_STEPS = 10;
/** Sweep work per call (ms): most of a frame, so the live trace keeps moving. */
const SWEEP_TARGET_MS = 24;

const signed = (v: number, digits = 3) => (Number.isFinite(v) ? `${v >= 0 ? '+' : '−'}${localNumber(Math.abs(v).toFixed(digits))}` : '–');
const fixed = (v: number, digits: number) => localNumber(v.toFixed(digits));

export class EdgeOfChaosElement extends TrainingWidget<typeof edgeOfChaosKind, typeof edgeOfChaosSchema> {
  protected readonly schema = edgeOfChaosSchema;
  private metrics: EdgeOfChaosMetrics | null = null;
  private sweepWork = SWEEP_WORK;
  private canvases!: { live: HTMLCanvasElement; capacity: HTMLCanvasElement; lyapunov: HTMLCanvasElement; memory: HTMLCanvasElement };
  private titles!: { memory: HTMLElement };
  private note!: HTMLElement;
  private panels!: HTMLElement;
  private values = new Map<string, HTMLElement>();
  private readonly theory = meanFieldCurve();

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string) => {
      const value = h('dd', { class: 'dyn-stat-value', text: '–', attrs: { 'data-testid': key } });
      this.values.set(key, value);
      return h('div', { class: 'dyn-stat' }, [h('dt', { text: label }), value]);
    };
    const canvas = (label: string, testId: string) => h('canvas', { class: 'dyn-canvas', attrs: { role: 'img', 'aria-label': label, 'data-testid': testId } });
    this.canvases = {
      live: canvas(t('Traces of six units, the input and the mean activity over the last 300 time steps'), 'live'),
      capacity: canvas(t('Memory capacity against the spectral radius g'), 'chart-capacity'),
      lyapunov: canvas(t('Largest Lyapunov exponent against g: driven, silent, and the infinite network'), 'chart-lyapunov'),
      memory: canvas(t('Memory function: how well the input k steps back can be recalled'), 'chart-memory'),
    };
    const panel = (title: string, sub: string, c: HTMLCanvasElement) => {
      const heading = h('p', { class: 'dyn-panel-title' }, [title, h('span', { class: 'dyn-panel-sub', text: sub })]);
      return [h('section', { class: 'dyn-panel' }, [heading, h('div', { class: 'dyn-fill' }, [c])]), heading] as const;
    };
    const [capacity] = panel(t('Memory capacity vs g'), t('measured in your browser, point by point'), this.canvases.capacity);
    const [lyapunov] = panel(t('Lyapunov exponent λ vs g'), t('below 0 perturbations fade; above, chaos'), this.canvases.lyapunov);
    const [memory, memoryTitle] = panel(t('Memory function MC_k'), t('r² of recalling u(t − k), at the measured g nearest the slider'), this.canvases.memory);
    this.titles = { memory: memoryTitle };
    this.note = h('p', { class: 'dyn-note', attrs: { 'data-testid': 'sweep-note', 'aria-live': 'off' } });
    this.panels = h('div', { class: 'dyn-panels' }, [capacity, lyapunov, memory]);
    stage.append(
      h('dl', { class: 'dyn-stats', attrs: { 'aria-label': t('Now') } }, [stat('gain-now', t('spectral radius g')), stat('lyapunov-now', t('λ, last {n} steps', { n: 200 })), stat('activity-now', t('activity ⟨x²⟩')), stat('regime', t('the network is'))]),
      h('div', { class: 'dyn-fill dyn-live' }, [this.canvases.live]),
      this.panels,
      this.note,
    );
    observeLayout(this.stage, () => this.draw());
  }

  protected override loadingText(): string {
    return t('Building the reservoir and its spectral radius…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.sweepWork = SWEEP_WORK;
    const run = await this.createRunFrom(trainer, edgeOfChaosKind, edgeOfChaosConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to advance');
    const steps = mode === 'step' ? STEP_STEPS : LIVE_STEPS;
    const sweeping = (this.metrics?.sweepProgress ?? 0) < 1;
    const t0 = performance.now();
    const r = await trainer.train(run, { steps, budgetMs: 2000 });
    const callMs = performance.now() - t0;
    const m = await trainer.evaluate(run);
    this.record(m);
    if (sweeping && m.sweepProgress < 1) {
      const next = nextSweepWork(this.sweepWork, callMs, r.steps * this.sweepWork, r.steps, SWEEP_TARGET_MS);
      if (next !== this.sweepWork) {
        this.sweepWork = next;
        await this.sendLive(trainer, this.config());
      }
    }
    if (mode === 'play') await nextFrame();
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    const run = this.run;
    await this.sendLive(trainer, this.config());
    if (run) this.record(await trainer.evaluate(run));
    this.announce();
  }

  protected summarize(): string {
    const m = this.metrics;
    if (!m) return t('Ready: press play to run the network.');
    const points = measured(m.sweep, 'capacity');
    const best = points.reduce<(typeof points)[number] | null>((a, b) => (!a || b.capacity > a.capacity ? b : a), null);
    const sweep = points.length
      ? t('; sweep: {n} of {total} gains measured, memory capacity highest at g = {gain} ({capacity})', { n: points.length, total: m.sweep.length, gain: localNumber(String(best!.gain)), capacity: fixed(best!.capacity, 1) })
      : t('; sweep not started');
    const params = { gain: fixed(m.gain, 2), step: groupNumber(m.step), lyapunov: signed(m.lyapunov), activity: localNumber(m.activity.toExponential(1)), regime: regime(m.lyapunov, m.activity, m.driven), sweep };
    return m.driven
      ? t('g = {gain}, input on, step {step}: λ ≈ {lyapunov} per step, activity {activity}; {regime}{sweep}', params)
      : t('g = {gain}, input off, step {step}: λ ≈ {lyapunov} per step, activity {activity}; {regime}{sweep}', params);
  }

  protected override onLayoutChange(): void {
    this.draw();
    // Entering projector mode, the canvases' boxes take their final size a frame later.
    requestAnimationFrame(() => this.draw());
  }

  protected override exportFigure(): SVGSVGElement | null {
    return stageFigure(this.stage, t(this.schema.title));
  }

  private config() {
    return { ...edgeOfChaosConfig(this.settings, this.seed), sweepWork: this.sweepWork };
  }

  private record(m: EdgeOfChaosMetrics): void {
    this.metrics = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.sweep = String(measured(m.sweep, 'capacity').length);
    const set = (key: string, text: string) => {
      const el = this.values.get(key)!;
      if (el.textContent !== text) el.textContent = text;
    };
    set('gain-now', fixed(m.gain, 2));
    set('lyapunov-now', m.step > 0 ? signed(m.lyapunov) : '–');
    set('activity-now', m.step > 0 ? localNumber(m.activity.toExponential(1)) : '–');
    set('regime', m.step > 0 ? regime(m.lyapunov, m.activity, m.driven) : t('waiting for play'));
    const done = measured(m.sweep, 'capacity').length;
    const complete = m.sweep.filter((p) => Number.isFinite(p.lyapunovAutonomous)).length;
    const note =
      complete === m.sweep.length
        ? t('Sweep complete: {n} gains, each with memory capacity (delays 1–200) and both Lyapunov exponents, on this network of {size} units, seed {seed}.', { n: m.sweep.length, size: this.settings.size, seed: this.seed })
        : t('Sweep {percent} done ({done} of {total} gains with memory measured; order {order}, …). It runs while the figure plays.', {
            percent: `${Math.round(100 * m.sweepProgress)}${isFrench() ? '\u202f' : ''}%`,
            done,
            total: m.sweep.length,
            order: SWEEP_ORDER.slice(0, 4).map((g) => localNumber(String(g))).join(isFrench() ? ' ; ' : ', '),
          });
    if (this.note.textContent !== note) this.note.textContent = note;
    this.draw();
    this.announce(false);
  }

  private draw(): void {
    const m = this.metrics;
    // Projector mode: each canvas at its box's size (dynamics.css .dyn-fill), text scaled to the projector's.
    const k = projectorScale(this);
    const width = Math.round(this.stage.clientWidth || 640);
    if (!m) {
      // Before the first numbers: the live traces and the three charts at their final height, so nothing moves when they come.
      if (!k) {
        this.canvases.live.style.height = `${liveCanvasHeight()}px`;
        const cell = this.canvases.capacity.parentElement?.clientWidth || Math.min(width, 320);
        for (const c of [this.canvases.capacity, this.canvases.lyapunov, this.canvases.memory]) c.style.height = `${chartHeight(cell)}px`;
      }
      return;
    }
    const liveBox = k ? fillSize(this.canvases.live.parentElement!) : null;
    const chartBox = k ? fillSize(this.canvases.capacity.parentElement!) : null;
    if (k && (!liveBox || !chartBox)) return;
    drawLive(this.canvases.live, liveBox?.width ?? width, m, EDGE_OF_CHAOS_DEFAULTS.window, k ?? 1, liveBox?.height);
    const cell = chartBox?.width ?? (this.canvases.capacity.parentElement?.clientWidth || Math.min(width, 320));
    const chartH = chartBox?.height ?? chartHeight(cell);
    const scale = k ?? 1;
    const g = this.settings.gain;
    const marker = [{ x: g, label: `g = ${fixed(g, 2)}` }];
    const capacity = measured(m.sweep, 'capacity');
    drawXYChart(this.canvases.capacity, {
      width: cell,
      height: chartH,
      xDomain: [0, 2],
      yInclude: [0, 10],
      xLabel: t('spectral radius g'),
      yLabel: t('memory capacity'),
      series: [{ label: 'MC = Σ MC_k', xs: capacity.map((p) => p.gain), ys: capacity.map((p) => p.capacity), colour: 0, dots: true }],
      markers: marker,
      scale,
    });
    const driven = measured(m.sweep, 'lyapunovDriven');
    const silent = measured(m.sweep, 'lyapunovAutonomous');
    drawXYChart(this.canvases.lyapunov, {
      width: cell,
      height: chartH,
      xDomain: [0, 2],
      yDomain: [-1.4, 0.2],
      xLabel: t('spectral radius g'),
      yLabel: t('λ per step'),
      reference: 0,
      series: [
        { label: t('driven'), xs: driven.map((p) => p.gain), ys: driven.map((p) => p.lyapunovDriven), colour: 0, dots: true },
        { label: t('no input'), xs: silent.map((p) => p.gain), ys: silent.map((p) => p.lyapunovAutonomous), colour: 1, dots: true, dash: [5, 3] },
        { label: t('N → ∞ theory'), xs: this.theory.xs, ys: this.theory.ys, colour: 'muted', dash: [2, 3] },
        ...(m.step > 0 ? [{ label: t('live estimate'), xs: [m.gain], ys: [m.lyapunov], colour: 3, dots: true, line: false }] : []),
      ],
      markers: marker,
      scale,
    });
    const near = nearestMeasured(m.sweep, g);
    const memoryTitle = near ? t('at g = {gain}: MC = {capacity}', { gain: localNumber(String(near.gain)), capacity: fixed(near.capacity, 1) }) : t('after the first gain is measured');
    const sub = this.titles.memory.querySelector('.dyn-panel-sub');
    if (sub && sub.textContent !== memoryTitle) sub.textContent = memoryTitle;
    const mf = near?.memoryFunction ?? new Float32Array(0);
    drawXYChart(this.canvases.memory, {
      width: cell,
      height: chartH,
      xDomain: [1, Math.max(10, EDGE_OF_CHAOS_DEFAULTS.memory.maxDelay)],
      yDomain: [0, 1],
      xLabel: t('delay k (steps back)'),
      yLabel: t('r² of recall'),
      series: [{ label: near ? `g = ${localNumber(String(near.gain))}` : '', xs: Array.from(mf, (_, i) => i + 1), ys: mf, colour: 2 }],
      scale,
    });
  }
}

if (!customElements.get(edgeOfChaosSchema.tag)) customElements.define(edgeOfChaosSchema.tag, EdgeOfChaosElement);

/** A chart's height on the page for its cell's width. */
function chartHeight(cell: number): number {
  return Math.round(Math.min(260, Math.max(180, cell * (cell < 420 ? 0.6 : 0.75))));
}

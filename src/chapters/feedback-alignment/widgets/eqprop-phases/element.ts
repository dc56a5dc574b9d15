/**
 * <eqprop-phases>: equilibrium propagation (Scellier & Bengio 2017; Laborieux et al. 2021) training
 * live on MNIST in the worker. On one test digit the reader watches the network relax with its
 * input clamped (free phase), get nudged toward the label by β (nudged phase, ±β when symmetric),
 * and read its update off the difference, unit by unit and synapse by synapse. Beside it, the
 * worker measures how far that estimate is from the true gradient for a sweep of β, one-sided and
 * symmetric, on the current weights: small β is close for both, and symmetric is closer there.
 */
import './eqprop.css';
import type { EqPropSnapshot } from '../../runs/eqprop-live';
import type { EqPropTrace } from '../../runs/eqprop';
import type { TrainerClient } from '../../../../runtime/client';
import { formatPercent, frameThrottle, type FrameThrottle } from '../../../../viz';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { h } from '../../../../widgets/base/dom';
import { buildStats, type Stats } from '../../../../widgets/base/stats';
import { projectorFrame } from '../../../../widgets/base/panels';
import { composeStage } from '../ff-layers/compose';
import { ANGLE_SERIES, angleChart, type AngleChart } from './angle-chart';
import { networkView, type NetworkView } from './network';
import { pickHidden, prediction } from './phases';
import { PhasePlayer } from './player';
import { eqpropSchema } from './schema';
import { traceChart, type TraceChart } from './trace-chart';
import { eqpropKind } from '../../kinds';
import { eqpropConfig, PROBE } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/** Evaluation steps (each also measures the angle sweep): every 20 steps, then every 40. */
export function nextEvalStep(step: number): number {
  const every = step < 40 ? 20 : 40;
  return step - (step % every) + every;
}
/** Three epochs of the 8,000 training digits at batch 50 (science.md's band is set there). */
export const MAX_STEPS = 480;

export class EqPropPhasesElement extends TrainingWidget<typeof eqpropKind, typeof eqpropSchema> {
  protected readonly schema = eqpropSchema;
  private latest: EqPropSnapshot | null = null;
  private nextEval = nextEvalStep(0);
  private stats!: Stats;
  private netBox!: HTMLElement;
  private traceBox!: HTMLElement;
  private angleBox!: HTMLElement;
  private angleNote!: HTMLElement;
  private netTitle!: HTMLElement;
  private network: NetworkView | null = null;
  private trace: TraceChart | null = null;
  private angles: AngleChart | null = null;
  private widths = { net: 0, trace: 0, angle: 0 };
  /** The projector layout the drawings were built for ('' on the page). */
  private projectorKey = '';
  private player!: PhasePlayer;
  private redraw!: FrameThrottle;
  private position = 0;
  private shownTrace: EqPropTrace | null = null;
  private onScreen = true;

  protected mountStage(stage: HTMLElement): void {
    this.redraw = frameThrottle(() => this.fit());
    this.stats = buildStats([
      { key: 'acc', label: 'Test accuracy', testId: 'test-acc' },
      { key: 'one', label: 'Angle at your β, one-sided', color: ANGLE_SERIES.oneSided.color, testId: 'angle-one-sided' },
      { key: 'sym', label: 'Angle at your β, symmetric', color: ANGLE_SERIES.symmetric.color, testId: 'angle-symmetric' },
      { key: 'epoch', label: 'Passes over the data', testId: 'epoch', minor: true },
    ]);
    // The phases loop while the model trains and the figure is on screen.
    this.player = new PhasePlayer({ show: (trace, pos) => this.show(trace, pos), loop: () => this.dataset.status === 'playing' && this.onScreen });
    if (typeof IntersectionObserver === 'function') new IntersectionObserver(([e]) => (this.onScreen = e.isIntersecting)).observe(this);
    this.netBox = h('div', { class: 'lm-ep-box lm-fill' });
    this.traceBox = h('div', { class: 'lm-ep-box lm-fill' });
    this.angleBox = h('div', { class: 'lm-ep-box lm-fill', attrs: { 'data-testid': 'angle-chart' } });
    this.netTitle = h('p', { class: 'lm-ep-title', text: t('Both phases on one test digit'), attrs: { 'data-export-text': '' } });
    this.angleNote = h('p', { class: 'lm-ep-note' });
    this.stats.element.classList.add('lm-ep-stats');
    // The numbers go into an exported figure too.
    this.stats.element.querySelectorAll('dt, dd').forEach((e) => e.setAttribute('data-export-text', ''));
    this.player.element.classList.add('lm-ep-player-cell');
    // One grid; CSS places the cells (two columns on a laptop, one on a phone, three in projector mode).
    stage.append(
      h('div', { class: 'lm-ep' }, [
        this.stats.element,
        h('div', { class: 'lm-ep-cell lm-ep-net' }, [this.netTitle, this.netBox]),
        h('div', { class: 'lm-ep-cell lm-ep-trace' }, [h('p', { class: 'lm-ep-title', text: t('The output units, iteration by iteration'), attrs: { 'data-export-text': '' } }), this.traceBox]),
        this.player.element,
        h('div', { class: 'lm-ep-cell lm-ep-angle' }, [h('p', { class: 'lm-ep-title', text: t('How far is EP’s update from the true gradient?'), attrs: { 'data-export-text': '' } }), this.angleBox]),
        this.angleNote,
      ]),
    );
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.redraw.request()).observe(stage);
    this.fit();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.player.dispose();
  }

  protected override loadingText(): string {
    return t('Loading MNIST…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.latest = null;
    this.nextEval = nextEvalStep(0);
    this.showStats();
    const run = await this.createRunFrom(trainer, eqpropKind, eqpropConfig(this.settings, this.seed));
    const first = await trainer.evaluate(run);
    this.record(first, true);
    // The first numbers came with the angle at the current β only: measure the rest of the sweep
    // after the figure is ready (queued behind this start, ahead of any training step).
    if (first.curvePending) {
      void this.enqueue(async () => {
        if (this.run !== run) return;
        const full = await trainer.evaluate(run);
        if (this.run === run && this.latest?.step === full.step) this.record(full, false);
      }).catch((err: unknown) => {
        // A run disposed meanwhile (a reset, a new scene) has nothing left to measure.
        if (this.run === run) throw err;
      });
    }
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    const r = await trainer.train(run, { untilStep: Math.min(this.nextEval, MAX_STEPS), budgetMs: mode === 'step' ? 60_000 : 40 });
    if (!r.diverged && r.step >= this.nextEval) {
      this.record(await trainer.evaluate(run), mode === 'step' || this.dataset.status === 'playing');
      this.nextEval = nextEvalStep(r.step);
    }
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec, finished: r.step >= MAX_STEPS };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    const update = await this.sendLive(trainer, eqpropConfig(this.settings, this.seed));
    const run = this.run;
    // What the reader sees depends on these at once (the trace, the angle at β): measure now.
    if (run && Object.keys(update).some((k) => k !== 'learningRates')) this.record(await trainer.evaluate(run), true);
  }


  protected summarize(): string {
    const m = this.latest;
    if (!m) return t('Ready: press play to train, or watch the two phases on one digit.');
    const c = m.curve;
    const i = c.betas.indexOf(m.beta);
    const angles = i >= 0 ? t('at β = {beta} the EP update is {one}° from the true gradient one-sided and {sym}° symmetric', { beta: localNumber(String(m.beta)), one: localNumber(c.oneSided[i].toFixed(1)), sym: localNumber(c.symmetric[i].toFixed(1)) }) : '';
    const trace = m.trace;
    const settles = t('test digit {n} (a {label}) settles on {prediction}', { n: trace.index + 1, label: trace.label, prediction: prediction(trace) });
    return t('step {step}, test accuracy {acc}; {angles}; {settles}', { step: groupNumber(m.step), acc: formatPercent(m.testAccuracy), angles, settles });
  }

  protected override exportFigure(): SVGSVGElement | null {
    return composeStage(this.stage);
  }

  protected override onLayoutChange(): void {
    setTimeout(() => this.fit(true), 50);
  }

  private record(m: EqPropSnapshot, autoplay: boolean): void {
    this.latest = m;
    this.lastStep = m.step;
    this.drawSnapshot(autoplay);
    this.showStats();
    this.announce(false);
  }

  private drawSnapshot(autoplay: boolean): void {
    const m = this.latest;
    if (!m) return;
    const trace = m.trace;
    this.netTitle.textContent = t('Both phases on test digit {n} (a {label})', { n: trace.index + 1, label: trace.label });
    this.angles?.update(m.curve, m.beta);
    this.angleNote.textContent = t('Measured in the worker at step {step} on {n} training digits: the angle between EP’s update and the gradient of the loss at the free equilibrium (recurrent backprop), for each β, one-sided and symmetric.', { step: groupNumber(m.curve.step), n: PROBE });
    this.player.setTrace(trace, autoplay);
  }

  /** The player's frame: hand a new trace to the drawings once, then move them to `pos`. */
  private show(trace: EqPropTrace, pos: number): void {
    this.position = pos;
    if (trace !== this.shownTrace) {
      this.shownTrace = trace;
      this.network?.setTrace(trace, pickHidden(trace, this.hiddenShown()));
      this.trace?.setTrace(trace);
    }
    this.network?.show(pos);
    this.trace?.show(pos);
  }

  private showStats(): void {
    const m = this.latest;
    const i = m ? m.curve.betas.indexOf(m.beta) : -1;
    this.stats.set('acc', m ? formatPercent(m.testAccuracy) : '–');
    this.stats.set('one', m && i >= 0 ? localNumber(`${m.curve.oneSided[i].toFixed(1)}°`) : '–');
    this.stats.set('sym', m && i >= 0 ? localNumber(`${m.curve.symmetric[i].toFixed(1)}°`) : '–');
    this.stats.set('epoch', m ? localNumber(m.epoch.toFixed(2)) : '–');
  }

  private hiddenShown(): number {
    return this.widths.net < 460 ? 16 : 20;
  }

  /** Lay the three drawings out at their boxes' widths (again when a width changes enough). */
  private fit(force = false): void {
    // Projector mode: each drawing takes its box (the free height of the screen) at the projector's font.
    const frames = [this.netBox, this.traceBox, this.angleBox].map((b) => projectorFrame(b));
    const key = frames.every(Boolean) ? frames.map((f) => `${f!.width}×${f!.height}`).join() : '';
    if (key && (force || key !== this.projectorKey || !this.network)) {
      this.projectorKey = key;
      const [net, tr, an] = frames as NonNullable<(typeof frames)[number]>[];
      this.widths = { net: net.width, trace: tr.width, angle: an.width };
      this.network = networkView(net.width, net.width < 460 ? 16 : 20, document, net.fontSize, net.height);
      this.trace = traceChart(tr.width, tr.height, document, tr.fontSize);
      this.angles = angleChart(an.width, an.height, document, an.fontSize);
      this.netBox.replaceChildren(this.network.element);
      this.traceBox.replaceChildren(this.trace.element);
      this.angleBox.replaceChildren(this.angles.element);
      this.shownTrace = null;
      if (this.latest) {
        this.angles.update(this.latest.curve, this.latest.beta);
        this.show(this.latest.trace, this.position);
      }
      return;
    }
    if (key) return;
    // Back on the page from projector mode: lay out again at the page's sizes.
    if (this.projectorKey) {
      this.projectorKey = '';
      force = true;
    }
    const width = (box: HTMLElement, fallback: number, lo: number, hi: number) => {
      const w = Math.round(box.clientWidth);
      return Math.max(lo, Math.min(hi, w > 0 ? w : fallback));
    };
    const net = width(this.netBox, 560, 300, 640);
    const tr = width(this.traceBox, 360, 260, 480);
    const an = width(this.angleBox, 560, 280, 640);
    let changed = false;
    if (force || !this.network || Math.abs(net - this.widths.net) >= 24) {
      this.widths.net = net;
      this.network = networkView(net, net < 460 ? 16 : 20);
      this.netBox.replaceChildren(this.network.element);
      changed = true;
    }
    if (force || !this.trace || Math.abs(tr - this.widths.trace) >= 24) {
      this.widths.trace = tr;
      this.trace = traceChart(tr, Math.round(Math.min(290, Math.max(220, tr * 0.7))));
      this.traceBox.replaceChildren(this.trace.element);
      changed = true;
    }
    if (force || !this.angles || Math.abs(an - this.widths.angle) >= 24) {
      this.widths.angle = an;
      this.angles = angleChart(an, Math.round(Math.min(290, Math.max(230, an * 0.42))));
      this.angleBox.replaceChildren(this.angles.element);
      changed = true;
    }
    if (changed) this.shownTrace = null;
    if (changed && this.latest) {
      this.angles.update(this.latest.curve, this.latest.beta);
      this.show(this.latest.trace, this.position);
    }
  }
}

if (!customElements.get(eqpropSchema.tag)) customElements.define(eqpropSchema.tag, EqPropPhasesElement);

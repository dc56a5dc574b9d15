/**
 * <lif-neuron>: a leaky integrate-and-fire neuron with spike-frequency adaptation and noise (or a
 * recurrent pair of them) in real time, beside the static unit y = f(I) that deep networks use.
 * The worker simulates (runs/neuron.ts, 0.1 ms steps); the page paces it to the playback speed and
 * draws an oscilloscope of the 1.5 s stimulus cycle (view.ts). Every slider but the circuit applies
 * live, mid-cycle; Step advances 100 ms of simulated time.
 */
import '../shared/dynamics.css';
import type { NeuronMetrics } from '../../runs/neuron';
import { NEURON_DEFAULTS } from '../../runs/defaults';
import type { TrainerClient } from '../../../../runtime/client';
import type { Setting, SettingValue } from '../../../../settings/schema';
import { h } from '../../../../widgets/base/dom';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { lifNeuronKind } from '../../kinds';
import { fillSize, nextFrame, observeLayout, projectorScale } from '../shared/canvas';
import { stageFigure } from '../shared/export';
import { lifNeuronConfig } from './config';
import { adaptationDrop, CycleRaster, staticRate } from './model';
import { lifNeuronSchema } from './schema';
import { drawNeuron, neuronCanvasHeight } from './view';
import { isFrench, localNumber, t } from '../../../../i18n/t';

/** Simulation steps per simulated millisecond (dt = 0.1 ms). */
const STEPS_PER_MS = 10;
/** Step (→) advances this much simulated time. */
const STEP_MS = 100;
/** At most this much simulated time per frame, however long the frame took. */
const MAX_FRAME_MS = 60;
const THRESHOLD = -50;

const hz = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : `${v < 10 ? localNumber(v.toFixed(1)) : Math.round(v)} Hz`);
const percentOf = (fraction: number) => `${Math.abs(Math.round(fraction * 100))}${isFrench() ? '\u202f' : ''}%`;

export class LifNeuronElement extends TrainingWidget<typeof lifNeuronKind, typeof lifNeuronSchema> {
  protected readonly schema = lifNeuronSchema;
  private canvas!: HTMLCanvasElement;
  private values = new Map<string, HTMLElement>();
  private metrics: NeuronMetrics | null = null;
  private raster = new CycleRaster(NEURON_DEFAULTS.cycle, 1);
  private lastTick = 0;
  private width = 0;

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string) => {
      const value = h('dd', { class: 'dyn-stat-value', text: '–', attrs: { 'data-testid': key } });
      this.values.set(key, value);
      return h('div', { class: 'dyn-stat' }, [h('dt', { text: label }), value]);
    };
    this.canvas = h('canvas', { class: 'dyn-canvas', attrs: { role: 'img', 'aria-label': t('Membrane potential, firing rates, currents and spike raster over the stimulus cycle'), 'data-testid': 'scope' } });
    // In projector mode the scope takes the height the numbers leave (dynamics.css .dyn-fill).
    stage.append(
      h('dl', { class: 'dyn-stats', attrs: { 'aria-label': t('Now') } }, [
        stat('rate-now', t('spiking neuron, last {ms} ms', { ms: 200 })),
        stat('static-now', t('static unit y = f(I) now')),
        stat('onset-steady', t('last cycle: onset → steady')),
        stat('after', t('after the input ends')),
      ]),
      h('div', { class: 'dyn-fill' }, [this.canvas]),
    );
    observeLayout(this.stage, () => this.draw());
  }

  protected override loadingText(): string {
    return t('Building the neuron…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.raster = new CycleRaster(NEURON_DEFAULTS.cycle, this.settings.circuit === 'pair' ? 2 : 1);
    const run = await this.createRunFrom(trainer, lifNeuronKind, lifNeuronConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to advance');
    const now = performance.now();
    const wall = mode === 'play' && this.lastTick > 0 ? Math.min(now - this.lastTick, 100) : 16;
    this.lastTick = now;
    const simulated = mode === 'step' ? STEP_MS : Math.min(MAX_FRAME_MS, wall * Number(this.settings.playback));
    const steps = Math.max(1, Math.round(simulated * STEPS_PER_MS));
    const r = await trainer.train(run, { steps, budgetMs: 500 });
    this.record(await trainer.evaluate(run));
    if (mode === 'play') await nextFrame();
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, lifNeuronConfig(this.settings, this.seed));
    this.lastTick = 0;
    this.draw();
    this.announce();
  }

  protected override settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    super.settingChanged(key, value, setting, committed, changed);
    if (key === 'playback') this.lastTick = 0;
  }

  protected summarize(): string {
    const m = this.metrics;
    if (!m) return t('Ready: press play to run the neuron in real time.');
    const s = this.settings;
    const on = this.stimulusOn(m);
    const drop = adaptationDrop(m);
    const cycle = m.lastCycle;
    const change = drop === null ? '' : drop >= 0 ? t(' ({percent} lower)', { percent: percentOf(drop) }) : t(' ({percent} higher)', { percent: percentOf(drop) });
    const last = cycle ? t('; last cycle: onset {onset}, steady {steady}{change}, after the input {after}', { onset: hz(cycle.onset), steady: hz(cycle.steady), change, after: hz(cycle.after) }) : '';
    const pair = m.rates.length > 1 ? t(', neuron 2 {rate}', { rate: hz(m.rates[1]) }) : '';
    const params = { time: localNumber((m.time / 1000).toFixed(1)), current: localNumber(s.inputCurrent.toFixed(1)), rate: hz(m.rates[0]), pair, static: hz(m.staticRate), adaptation: localNumber(s.adaptation.toFixed(2)), last };
    return on
      ? t('{time} s, input on ({current} nA); the spiking neuron fires at {rate}{pair}, the static unit says {static}; adaptation step {adaptation} nA{last}', params)
      : t('{time} s, input off; the spiking neuron fires at {rate}{pair}, the static unit says {static}; adaptation step {adaptation} nA{last}', params);
  }

  protected override onLayoutChange(): void {
    this.draw();
    // Entering projector mode, the scope's box takes its final size a frame later.
    requestAnimationFrame(() => this.draw());
  }

  protected override exportFigure(): SVGSVGElement | null {
    return stageFigure(this.stage, t(this.schema.title));
  }

  private stimulusOn(m: NeuronMetrics): boolean {
    const phase = m.time % NEURON_DEFAULTS.cycle;
    return phase >= NEURON_DEFAULTS.stimulusStart && phase < NEURON_DEFAULTS.stimulusEnd;
  }

  private record(m: NeuronMetrics): void {
    this.metrics = m;
    this.raster.add(m.spikes);
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.time = m.time.toFixed(1);
    const set = (key: string, text: string) => {
      const el = this.values.get(key)!;
      if (el.textContent !== text) el.textContent = text;
    };
    set('rate-now', m.rates.map(hz).join(' · '));
    set('static-now', hz(staticRate(this.stimulusOn(m) ? this.settings.inputCurrent : 0, this.settings.timeConstant, this.settings.bias)));
    const drop = adaptationDrop(m);
    const change = drop === null ? '' : ` (${drop >= 0 ? '−' : '+'}${percentOf(drop)})`;
    set('onset-steady', m.lastCycle ? `${hz(m.lastCycle.onset)} → ${hz(m.lastCycle.steady)}${change}` : t('after one cycle'));
    set('after', m.lastCycle ? hz(m.lastCycle.after) : t('after one cycle'));
    this.draw();
    this.announce(false);
  }

  private draw(): void {
    const m = this.metrics;
    const width = Math.round(this.stage.clientWidth || this.width || 640);
    this.width = width;
    const k = projectorScale(this);
    const box = k ? fillSize(this.canvas.parentElement!) : null;
    if (!m) {
      if (!k) this.canvas.style.height = `${neuronCanvasHeight(this.settings.circuit === 'pair' ? 2 : 1)}px`;
      return;
    }
    if (k && !box) return;
    drawNeuron(this.canvas, box?.width ?? width, {
      metrics: m,
      cycle: NEURON_DEFAULTS.cycle,
      stimulus: [NEURON_DEFAULTS.stimulusStart, NEURON_DEFAULTS.stimulusEnd],
      timeConstant: this.settings.timeConstant,
      bias: this.settings.bias,
      threshold: THRESHOLD,
      raster: this.raster,
      scale: k ?? 1,
      height: box?.height,
    });
  }
}

if (!customElements.get(lifNeuronSchema.tag)) customElements.define(lifNeuronSchema.tag, LifNeuronElement);

/**
 * <event-camera>: an MNIST digit slides across a 96 × 32 field (runs/event-camera.ts in the worker,
 * 1 ms steps), watched by a simulated event camera (an event when a pixel's log intensity moves by
 * the contrast threshold C) and by a frame camera. The page paces the simulation to the playback
 * speed and draws both views, a space–time plot of the stream against the frames, and the data each
 * has sent. Speed, threshold and frame rate apply live; the seed picks the digit.
 */
import '../shared/dynamics.css';
import type { EventCameraMetrics } from '../../runs/event-camera';
import { EVENT_CAMERA_DEFAULTS } from '../../runs/defaults';
import type { TrainerClient } from '../../../../runtime/client';
import type { Setting, SettingValue } from '../../../../settings/schema';
import { h } from '../../../../widgets/base/dom';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { eventCameraKind } from '../../kinds';
import { fillSize, nextFrame, observeLayout, projectorScale } from '../shared/canvas';
import { stageFigure } from '../shared/export';
import { drawXYChart } from '../shared/xy-chart';
import { eventCameraConfig } from './config';
import { formatBytes, SpaceTime } from './spacetime';
import { eventCameraSchema } from './schema';
import { drawEvents, drawFrame, drawSpaceTime, spaceTimeHeight } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/** Simulated ms per Step, and at most per frame while playing. */
const STEP_MS = 10;
const MAX_FRAME_MS = 50;
/** The space–time plot: 250 bins of 4 ms, one second: long enough for the digit to cross the field. */
const BINS = 250;
const BIN_MS = 4;
/** Data-volume samples kept for the chart. */
const VOLUME_POINTS = 600;

const count = (n: number) => groupNumber(Math.round(n));
const seconds = (ms: number) => localNumber((ms / 1000).toFixed(2));

export class EventCameraElement extends TrainingWidget<typeof eventCameraKind, typeof eventCameraSchema> {
  protected readonly schema = eventCameraSchema;
  private metrics: EventCameraMetrics | null = null;
  private canvases!: { events: HTMLCanvasElement; frame: HTMLCanvasElement; spaceTime: HTMLCanvasElement; volume: HTMLCanvasElement };
  private values = new Map<string, HTMLElement>();
  private spaceTime = new SpaceTime(EVENT_CAMERA_DEFAULTS.width, BINS, BIN_MS);
  private volume: Array<{ t: number; events: number; frames: number }> = [];
  private lastFrames = 0;
  private lastTick = 0;
  private rate = { events: 0, at: 0, time: 0 };
  /** Simulated ms owed to the next call (the fraction of a 1 ms step left over). */
  private carry = 0;

  protected mountStage(stage: HTMLElement): void {
    const stat = (key: string, label: string) => {
      const value = h('dd', { class: 'dyn-stat-value', text: '–', attrs: { 'data-testid': key } });
      this.values.set(key, value);
      return h('div', { class: 'dyn-stat' }, [h('dt', { text: label }), value]);
    };
    const canvas = (label: string, testId: string, pixelated = false) =>
      h('canvas', { class: `dyn-canvas${pixelated ? ' dyn-pixelated' : ''}`, attrs: { role: 'img', 'aria-label': label, 'data-testid': testId } });
    this.canvases = {
      events: canvas(t('What the event camera reports: ON and OFF events of the last 40 ms'), 'view-events', true),
      frame: canvas(t('What the frame camera reports: its latest frame'), 'view-frame', true),
      spaceTime: canvas(t('Events and frames along x over the last half second'), 'space-time'),
      volume: canvas(t('Data sent so far by each camera'), 'chart-volume'),
    };
    // Each canvas in a .dyn-fill box: in projector mode it is drawn at the box's size (dynamics.css).
    const panel = (title: string, sub: string, c: HTMLCanvasElement, extra: Node[] = []) =>
      h('section', { class: 'dyn-panel' }, [h('p', { class: 'dyn-panel-title' }, [title, h('span', { class: 'dyn-panel-sub', text: sub })]), h('div', { class: 'dyn-fill' }, [c]), ...extra]);
    const legend = h('ul', { class: 'dyn-legend', attrs: { 'aria-hidden': 'true' } }, [
      h('li', {}, [h('i', { attrs: { style: 'background: rgb(60, 200, 120)' } }), t('ON: brighter')]),
      h('li', {}, [h('i', { attrs: { style: 'background: rgb(230, 80, 200)' } }), t('OFF: darker')]),
    ]);
    stage.append(
      h('dl', { class: 'dyn-stats', attrs: { 'aria-label': t('So far') } }, [
        stat('sim-time', t('simulated time')),
        stat('events', t('events (ON · OFF)')),
        stat('frames', t('frames')),
        stat('bytes', t('data: events vs frames')),
        stat('event-rate', t('events per second now')),
      ]),
      h('div', { class: 'dyn-panels' }, [
        panel(t('Event camera'), t('each pixel on its own, only when its brightness changes'), this.canvases.events, [legend]),
        panel(t('Frame camera'), t('every pixel, at every frame, changed or not'), this.canvases.frame),
      ]),
      h('div', { class: 'dyn-ec-lower' }, [
        panel(t('Space–time: the stream against the frames'), t('the last second, position x downwards: events trace the edges’ paths, frames sample them'), this.canvases.spaceTime),
        panel(t('Data sent so far'), t('8 bytes per event, 1 byte per pixel per frame'), this.canvases.volume),
      ]),
    );
    observeLayout(this.stage, () => this.draw());
  }

  protected override loadingText(): string {
    return t('Loading a test digit…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.metrics = null;
    this.spaceTime = new SpaceTime(EVENT_CAMERA_DEFAULTS.width, BINS, BIN_MS);
    this.volume = [];
    this.lastFrames = 0;
    this.rate = { events: 0, at: 0, time: 0 };
    const run = await this.createRunFrom(trainer, eventCameraKind, eventCameraConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to advance');
    const now = performance.now();
    const wall = mode === 'play' && this.lastTick > 0 ? Math.min(now - this.lastTick, 200) : 16;
    this.lastTick = now;
    const simulated = mode === 'step' ? STEP_MS : Math.min(MAX_FRAME_MS, wall * Number(this.settings.playback));
    this.carry += simulated;
    const steps = Math.floor(this.carry);
    this.carry -= steps;
    if (steps === 0) {
      await nextFrame();
      return { step: this.metrics?.step ?? 0, loss: 0, diverged: false, stepsPerSec: 0 };
    }
    const r = await trainer.train(run, { steps, budgetMs: 500 });
    this.record(await trainer.evaluate(run));
    if (mode === 'play') await nextFrame();
    return { step: r.step, loss: r.loss, diverged: r.diverged, stepsPerSec: r.stepsPerSec };
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, eventCameraConfig(this.settings, this.seed));
    this.announce();
  }

  protected override settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    super.settingChanged(key, value, setting, committed, changed);
    if (key === 'playback') this.lastTick = 0;
  }

  protected summarize(): string {
    const m = this.metrics;
    if (!m) return t('Ready: press play to move the digit.');
    const events = m.onEvents + m.offEvents;
    return t('{time} s simulated, a {digit} moving at {speed} pixels per second: {events} events ({eventBytes}) against {frames} frames at {rate} per second ({frameBytes}); now {now} events per second', {
      time: seconds(m.time),
      digit: m.label,
      speed: this.settings.speed,
      events: count(events),
      eventBytes: formatBytes(m.eventBytes),
      frames: count(m.frames),
      rate: groupNumber(this.settings.frameRate),
      frameBytes: formatBytes(m.frameBytes),
      now: count(this.rate.events),
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

  private record(m: EventCameraMetrics): void {
    const previous = this.metrics;
    this.metrics = m;
    this.spaceTime.advanceTo(m.time);
    this.spaceTime.addEvents(m.events.t, m.events.x, m.events.polarity);
    if (m.frames !== this.lastFrames) {
      this.spaceTime.addFrame(m.time, m.frame, m.height);
      this.lastFrames = m.frames;
    }
    const total = m.onEvents + m.offEvents;
    if (previous && m.time > previous.time) {
      // Events per simulated second over the last ~50 ms of simulated time.
      if (m.time - this.rate.time >= 50) {
        this.rate = { events: (1000 * (total - this.rate.at)) / (m.time - this.rate.time), at: total, time: m.time };
      }
    } else this.rate = { events: 0, at: total, time: m.time };
    if (this.volume.at(-1)?.t !== m.time) this.volume.push({ t: m.time, events: m.eventBytes, frames: m.frameBytes });
    if (this.volume.length > VOLUME_POINTS) this.volume = this.volume.filter((_, i) => i % 2 === 0 || i === this.volume.length - 1);
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.events = String(total);
    this.dataset.frames = String(m.frames);
    const set = (key: string, text: string) => {
      const el = this.values.get(key)!;
      if (el.textContent !== text) el.textContent = text;
    };
    set('sim-time', `${seconds(m.time)} s`);
    set('events', `${count(total)} (${count(m.onEvents)} · ${count(m.offEvents)})`);
    set('frames', count(m.frames));
    set('bytes', t('{events} vs {frames}', { events: formatBytes(m.eventBytes), frames: formatBytes(m.frameBytes) }));
    set('event-rate', count(this.rate.events));
    this.draw();
    this.announce(false);
  }

  private draw(): void {
    const m = this.metrics;
    // Projector mode: the two views as large as their boxes allow, the space–time plot and the chart at their boxes' size, text scaled.
    const k = projectorScale(this);
    const box = (c: HTMLCanvasElement) => (k ? fillSize(c.parentElement!) : null);
    const [viewBox, stBox, volumeBox] = [box(this.canvases.events), box(this.canvases.spaceTime), box(this.canvases.volume)];
    if (k && (!viewBox || !stBox || !volumeBox)) return;
    const available = Math.round(this.stage.clientWidth || 640);
    const cell = Math.round(this.canvases.events.parentElement?.clientWidth || available);
    const viewW = viewBox ? Math.min(viewBox.width, m ? Math.floor((viewBox.height * m.width) / m.height) : viewBox.width) : Math.min(cell, 480);
    if (!m) {
      if (k) return;
      const height = Math.round(viewW / 3);
      this.canvases.events.style.height = `${height}px`;
      this.canvases.frame.style.height = `${height}px`;
      this.canvases.spaceTime.style.height = `${spaceTimeHeight()}px`;
      return;
    }
    drawEvents(this.canvases.events, m, viewW);
    drawFrame(this.canvases.frame, m, viewW);
    drawSpaceTime(this.canvases.spaceTime, this.spaceTime, stBox?.width ?? available, k ?? 1, stBox?.height);
    const kb = (b: number) => b / 1000;
    drawXYChart(this.canvases.volume, {
      width: volumeBox?.width ?? Math.min(available, 760),
      height: volumeBox?.height ?? 170,
      xDomain: [0, Math.max(1, m.time / 1000)],
      yInclude: [0],
      xLabel: t('simulated time (s)'),
      yLabel: t('kB sent'),
      series: [
        { label: t('event camera'), xs: this.volume.map((p) => p.t / 1000), ys: this.volume.map((p) => kb(p.events)), colour: 2 },
        { label: t('frame camera, {rate} fps', { rate: groupNumber(this.settings.frameRate) }), xs: this.volume.map((p) => p.t / 1000), ys: this.volume.map((p) => kb(p.frames)), colour: 'muted', dash: [5, 3] },
      ],
      scale: k ?? 1,
    });
  }
}

if (!customElements.get(eventCameraSchema.tag)) customElements.define(eventCameraSchema.tag, EventCameraElement);

/**
 * <ntk-kernel-motion>: the kernel that stops moving. Networks of seven widths, 10 to 10,000, train side
 * by side in the worker on the four points (the same η, the same targets). A log–log chart shows how
 * far each width has moved its tangent kernel and its weights since the start, against a line
 * ∝ 1/√width (Jacot, Gabriel & Hongler 2018, Thm 2); heatmaps show one width's kernel at the start,
 * now, its change and the limit Θ∞. The heatmaps' width and the learning rate change mid-run.
 */
import '../common/ntk.css';
import type { KernelMotionMetrics } from '../../runs/kernel-motion';
import type { TrainerClient } from '../../../../runtime/client';
import { frameThrottle, type FrameThrottle } from '../../../../viz';
import { formatValue } from '../../../../widgets/base/format';
import { findSetting, type Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { kernelMotionKind } from '../../kinds';
import { composeSvgs } from '../common/export';
import { FIT_EVALS, FIT_PACE, EvalClock, advanceMeasuring } from '../common/schedule';
import { layoutWidth, percent, watchFillBoxes, watchWidth } from '../common/layout';
import { kernelMotionConfig } from './config';
import { kernelMotionSchema } from './schema';
import { KernelMotionView, logSlope } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

export const MAX_STEPS = 1000;

export class NtkKernelMotionElement extends TrainingWidget<typeof kernelMotionKind, typeof kernelMotionSchema> {
  protected readonly schema = kernelMotionSchema;
  private view!: KernelMotionView;
  private redraw!: FrameThrottle;
  private latest: KernelMotionMetrics | null = null;
  private readonly clock = new EvalClock(FIT_PACE, FIT_EVALS, MAX_STEPS);

  protected mountStage(stage: HTMLElement): void {
    this.view = new KernelMotionView();
    this.redraw = frameThrottle(() => this.view.draw(this.latest));
    stage.append(this.view.element);
    this.view.fit(this, layoutWidth(stage));
    watchWidth(stage, (width) => this.view.fit(this, width));
    watchFillBoxes(stage, () => this.view.fit(this, layoutWidth(stage)));
  }

  protected override loadingText(): string {
    return t('Drawing {n} networks, from {narrow} to {wide} units wide…', { n: 21, narrow: 10, wide: groupNumber(10000) });
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.latest = null;
    this.clock.rewind();
    this.redraw.request();
    const run = await this.createRunFrom(trainer, kernelMotionKind, kernelMotionConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    return advanceMeasuring(trainer, this.run, mode, this.clock, (m) => this.record(m));
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    const update = await this.sendLive(trainer, kernelMotionConfig(this.settings, this.seed));
    // A new heatmap width shows at once, playing or not.
    if (update.heatmapWidth !== undefined && this.run) this.record(await trainer.evaluate(this.run));
    void partial;
    this.announce();
  }

  protected summarize(): string {
    const s = this.runConfig ?? kernelMotionConfig(this.settings, this.seed);
    const eta = formatValue(findSetting(this.schema, 'stepSize'), s.stepSize);
    const m = this.latest;
    if (!m || m.step === 0) return t('Ready: {members} networks at each of the widths {widths}, learning rate {eta}. Nothing has moved yet. Press play.', { members: s.members, widths: s.widths.map((w) => groupNumber(w)).join(', '), eta });
    const moved = m.widths.map((w, i) => `${groupNumber(w)}: ${percent(m.kernelChange[i])}`).join(', ');
    const slope = logSlope(m.widths, m.kernelChange);
    return t('step {step}, learning rate {eta}. Kernel moved by width {moved}; log–log slope {slope} (−0.5 is 1/√width). Heatmaps: width {width}.', {
      step: groupNumber(m.step),
      eta,
      moved,
      slope: Number.isFinite(slope) ? localNumber(slope.toFixed(2)) : t('not yet'),
      width: groupNumber(m.heatmaps.width),
    });
  }

  protected override onLayoutChange(): void {
    this.view.fit(this, layoutWidth(this.stage));
    // Entering projector mode, the chart boxes take their final size a frame later.
    requestAnimationFrame(() => this.view.fit(this, layoutWidth(this.stage)));
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return composeSvgs(this.view.charts, t(this.schema.title), { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private record(m: KernelMotionMetrics): void {
    this.latest = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.kernelChange = m.kernelChange.join(',');
    this.dataset.heatmapWidth = String(m.heatmaps.width);
    this.redraw.request();
    this.announce(false);
  }
}

if (!customElements.get(kernelMotionSchema.tag)) customElements.define(kernelMotionSchema.tag, NtkKernelMotionElement);

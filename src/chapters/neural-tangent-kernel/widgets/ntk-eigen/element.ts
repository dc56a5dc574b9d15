/**
 * <ntk-eigen>: what is learned first. One network trains on the four points in the worker while its
 * training error is read along the eigenvectors of its tangent kernel at the start (or of the limit
 * Θ∞): linearised gradient descent shrinks each coordinate by 1 − ηλₖ per step (Jacot, Gabriel &
 * Hongler 2018, §5), so the large-eigenvalue directions go first. Bars show the coordinates now
 * against the theory; a log chart shows their whole history, where the theory is a straight line.
 */
import '../common/ntk.css';
import type { EigenDirectionsMetrics } from '../../runs/eigen-directions';
import type { TrainerClient } from '../../../../runtime/client';
import { frameThrottle, type FrameThrottle } from '../../../../viz';
import { formatValue } from '../../../../widgets/base/format';
import { findSetting } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { eigenKind } from '../../kinds';
import { composeSvgs } from '../common/export';
import { FIT_EVALS, FIT_PACE, EvalClock, advanceMeasuring } from '../common/schedule';
import { layoutWidth, percent, small, watchFillBoxes, watchWidth } from '../common/layout';
import { eigenConfig } from './config';
import { eigenSchema } from './schema';
import { formatSigned } from './bars';
import { EigenView, largestMiss } from './view';
import { groupNumber, t } from '../../../../i18n/t';

export const MAX_STEPS = 1000;

export class NtkEigenElement extends TrainingWidget<typeof eigenKind, typeof eigenSchema> {
  protected readonly schema = eigenSchema;
  private view!: EigenView;
  private redraw!: FrameThrottle;
  private history: EigenDirectionsMetrics[] = [];
  private readonly clock = new EvalClock(FIT_PACE, FIT_EVALS, MAX_STEPS);

  protected mountStage(stage: HTMLElement): void {
    this.view = new EigenView();
    this.redraw = frameThrottle(() => this.view.draw(this.history));
    stage.append(this.view.element);
    this.view.fit(this, layoutWidth(stage));
    watchWidth(stage, (width) => this.view.fit(this, width));
    watchFillBoxes(stage, () => this.view.fit(this, layoutWidth(stage)));
  }

  protected override loadingText(): string {
    return t('Drawing the network and its kernel’s eigen-directions…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.history = [];
    this.clock.rewind();
    this.redraw.request();
    const run = await this.createRunFrom(trainer, eigenKind, eigenConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    return advanceMeasuring(trainer, this.run, mode, this.clock, (m) => this.record(m));
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, eigenConfig(this.settings, this.seed));
    this.announce();
  }

  protected summarize(): string {
    const s = this.runConfig ?? eigenConfig(this.settings, this.seed);
    const eta = formatValue(findSetting(this.schema, 'stepSize'), s.stepSize);
    const basis = s.kernel === 'empirical' ? t('its own kernel at the start') : t('the infinite-width kernel');
    const width = groupNumber(s.width);
    const m = this.history.at(-1);
    if (!m) return t('Ready: a network of width {width}, learning rate {eta}, its error read along the eigen-directions of {basis}. Press play.', { width, eta, basis });
    const along = m.projections.map((p, k) => t('{k}: {value} (theory {theory})', { k: k + 1, value: formatSigned(p), theory: formatSigned(m.predicted[k]) })).join(', ');
    return t('step {step}, width {width}, learning rate {eta}; training error {loss}; along the directions of {basis}, largest eigenvalue first, {along}; largest miss from the theory so far {miss} of the starting error.', {
      step: groupNumber(m.step),
      width,
      eta,
      basis,
      loss: small(m.loss),
      along,
      miss: percent(largestMiss(this.history)),
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

  private record(m: EigenDirectionsMetrics): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.projections = m.projections.join(',');
    this.dataset.predicted = m.predicted.join(',');
    this.dataset.miss = String(largestMiss(this.history));
    this.redraw.request();
    this.announce(false);
  }
}

if (!customElements.get(eigenSchema.tag)) customElements.define(eigenSchema.tag, NtkEigenElement);

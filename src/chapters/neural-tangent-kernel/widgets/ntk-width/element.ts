/**
 * <ntk-width>: the chapter's first figure. Ten networks of the chosen width (one hidden ReLU layer,
 * NTK or standard parameterisation) train together in the worker by full-batch gradient descent on
 * four points of the unit circle, each drawn with its kernel twin, the infinite-width network from the
 * same start after the same steps (Jacot, Gabriel & Hongler 2018, §5), over the theory's band. As the
 * width grows each network lands on its twin. Steps go one at a time through the fit; the run ends at
 * step 1,000, the reproduce table's length. The learning rate changes mid-run; the rest restarts.
 */
import '../common/ntk.css';
import type { WidthEnsembleMetrics } from '../../runs/width-ensemble';
import type { TrainerClient } from '../../../../runtime/client';
import { frameThrottle, type FrameThrottle } from '../../../../viz';
import { formatValue } from '../../../../widgets/base/format';
import { findSetting, type Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { widthKind } from '../../kinds';
import { composeSvgs } from '../common/export';
import { FIT_EVALS, FIT_PACE, EvalClock, advanceMeasuring } from '../common/schedule';
import { layoutWidth, percent, small, watchFillBoxes, watchWidth } from '../common/layout';
import { widthConfig } from './config';
import { widthSchema } from './schema';
import { WidthView, fittedCount } from './view';
import { groupNumber, t } from '../../../../i18n/t';

/** The reproduce table's T: every network has long converged (the slowest mode keeps 0.68 per step at η = 0.5). */
export const MAX_STEPS = 1000;

export class NtkWidthElement extends TrainingWidget<typeof widthKind, typeof widthSchema> {
  protected readonly schema = widthSchema;
  private view!: WidthView;
  private redraw!: FrameThrottle;
  private latest: WidthEnsembleMetrics | null = null;
  private readonly clock = new EvalClock(FIT_PACE, FIT_EVALS, MAX_STEPS);

  protected mountStage(stage: HTMLElement): void {
    this.view = new WidthView();
    this.view.setHighlight(this.settings.highlight);
    this.redraw = frameThrottle(() => this.view.draw(this.latest));
    stage.append(this.view.element);
    this.view.fit(this, layoutWidth(stage));
    watchWidth(stage, (width) => this.view.fit(this, width));
    watchFillBoxes(stage, () => this.view.fit(this, layoutWidth(stage)));
  }

  protected override loadingText(): string {
    return t('Drawing the networks and their kernel…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.latest = null;
    this.clock.rewind();
    this.redraw.request();
    const config = widthConfig(this.settings, this.seed);
    this.view.tried.setRun(`${config.seed}|${config.parameterisation}|${config.members}`, config.width);
    const run = await this.createRunFrom(trainer, widthKind, config);
    this.record(await trainer.evaluate(run));
  }

  protected advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    return advanceMeasuring(trainer, this.run, mode, this.clock, (m) => this.record(m));
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    if (partial.highlight !== undefined) this.view.setHighlight(this.settings.highlight);
    await this.sendLive(trainer, widthConfig(this.settings, this.seed));
    this.announce();
  }

  protected summarize(): string {
    const s = this.runConfig ?? widthConfig(this.settings, this.seed);
    const eta = formatValue(findSetting(this.schema, 'stepSize'), s.stepSize);
    const params = { members: s.members, width: groupNumber(s.width), eta };
    const what = s.parameterisation === 'ntk' ? t('{members} networks of width {width} (NTK parameterisation), learning rate {eta}', params) : t('{members} networks of width {width} (standard parameterisation), learning rate {eta}', params);
    const m = this.latest;
    if (!m || m.step === 0) return t('Ready: {what}. Press play.', { what });
    const tried = this.view.tried.entries;
    const gaps = tried.map(([w, g]) => `${groupNumber(w)}: ${percent(g)}`).join(', ');
    const widths = tried.length > 1 ? ' ' + t('Gap after the fit by width so far: {gaps}.', { gaps }) : '';
    return t('step {step}, {what}: mean training error {loss}, {fitted} of {total} fit all four points; the networks are {gap} from their kernel twins (RMS over the circle, relative to the targets).{widths}', {
      step: groupNumber(m.step),
      what,
      loss: small(m.loss),
      fitted: fittedCount(m),
      total: m.networks.length,
      gap: percent(m.gap),
      widths,
    });
  }

  protected override onLayoutChange(): void {
    this.view.fit(this, layoutWidth(this.stage));
    // Entering projector mode, the chart boxes take their final size a frame later.
    requestAnimationFrame(() => this.view.fit(this, layoutWidth(this.stage)));
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return composeSvgs(this.view.charts, t(this.schema.title), { background: style.getPropertyValue('--bg').trim(), text: style.color }, 2);
  }

  private record(m: WidthEnsembleMetrics): void {
    this.latest = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.gap = String(m.gap);
    this.dataset.fitted = String(fittedCount(m));
    this.view.tried.record(m.width, m.step, m.gap);
    this.dataset.tried = this.view.tried.entries.map(([w]) => w).join(',');
    this.redraw.request();
    this.announce(false);
  }
}

if (!customElements.get(widthSchema.tag)) customElements.define(widthSchema.tag, NtkWidthElement);

/**
 * <ntk-lazy-rich>: lazy and rich. Two networks of one width from one paired start (f₀ ≡ 0) differ only
 * in their output scale α; each takes the parameter step η/α², so both start out moving their outputs
 * at the same speed (Chizat, Oyallon & Bach 2019). At α = 1 (the NTK scaling) the units barely stir;
 * at α = 1/√width (mean-field, Mei, Montanari & Nguyen 2018) they travel and gather. Cards show the
 * units on the circle, the curves against kernel regression, and how far kernel and weights moved.
 */
import '../common/ntk.css';
import type { LazyRichMetrics } from '../../runs/lazy-rich';
import type { TrainerClient } from '../../../../runtime/client';
import { frameThrottle, type FrameThrottle } from '../../../../viz';
import { formatValue } from '../../../../widgets/base/format';
import { findSetting } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { lazyRichKind } from '../../kinds';
import { composeSvgs } from '../common/export';
import { FLOW_EVALS, FLOW_PACE, EvalClock, advanceMeasuring } from '../common/schedule';
import { layoutWidth, percent, watchFillBoxes, watchWidth } from '../common/layout';
import { lazyRichConfig } from './config';
import { lazyRichSchema } from './schema';
import { spread } from './circle';
import { LazyRichView, alphaText } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

export const MAX_STEPS = 1000;

export class NtkLazyRichElement extends TrainingWidget<typeof lazyRichKind, typeof lazyRichSchema> {
  protected readonly schema = lazyRichSchema;
  private view!: LazyRichView;
  private redraw!: FrameThrottle;
  private latest: LazyRichMetrics | null = null;
  private readonly clock = new EvalClock(FLOW_PACE, FLOW_EVALS, MAX_STEPS);

  protected mountStage(stage: HTMLElement): void {
    this.view = new LazyRichView();
    this.redraw = frameThrottle(() => this.view.draw(this.latest));
    stage.append(this.view.element);
    this.view.fit(this, layoutWidth(stage));
    watchWidth(stage, (width) => this.view.fit(this, width));
    watchFillBoxes(stage, () => this.view.fit(this, layoutWidth(stage)));
  }

  protected override loadingText(): string {
    return t('Drawing the two networks…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.latest = null;
    this.clock.rewind();
    this.redraw.request();
    const run = await this.createRunFrom(trainer, lazyRichKind, lazyRichConfig(this.settings, this.seed));
    this.record(await trainer.evaluate(run));
  }

  protected advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    return advanceMeasuring(trainer, this.run, mode, this.clock, (m) => this.record(m));
  }

  protected async applyLive(trainer: TrainerClient): Promise<void> {
    await this.sendLive(trainer, lazyRichConfig(this.settings, this.seed));
    this.announce();
  }

  protected summarize(): string {
    const s = this.runConfig ?? lazyRichConfig(this.settings, this.seed);
    const eta = formatValue(findSetting(this.schema, 'stepSize'), s.stepSize);
    const m = this.latest;
    const alpha = (a: number) => localNumber(alphaText(a));
    const [left, right] = s.alphas.map(alpha);
    const width = groupNumber(s.width);
    if (!m || m.step === 0) return t('Ready: two networks from one start that computes zero, width {width}, α = {left} and {right}, learning rate {eta}. Press play.', { width, left, right, eta });
    const each = m.regimes.map((r) =>
      t("α = {alpha}: kernel moved {kernel}, hidden weights {hidden}, features' spread {start} → {now}, {gap} from kernel regression", {
        alpha: alpha(r.alpha),
        kernel: percent(r.kernelChange),
        hidden: percent(r.hiddenChange),
        start: localNumber(spread(r.densityStart).toFixed(2)),
        now: localNumber(spread(r.densityNow).toFixed(2)),
        gap: percent(r.gap),
      }),
    );
    return t('step {step}, width {width}, α = {left} and {right}, learning rate {eta}. {each}.', { step: groupNumber(m.step), width, left, right, eta, each: each.join('; ') });
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

  private record(m: LazyRichMetrics): void {
    this.latest = m;
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.kernelChange = m.regimes.map((r) => r.kernelChange).join(',');
    this.dataset.spread = m.regimes.map((r) => spread(r.densityNow)).join(',');
    this.redraw.request();
    this.announce(false);
  }
}

if (!customElements.get(lazyRichSchema.tag)) customElements.define(lazyRichSchema.tag, NtkLazyRichElement);

/**
 * <fa-compare>: the Feedback-alignment chapter's centrepiece. Backprop, feedback alignment, direct
 * feedback alignment, sign symmetry and the output-layer-only baseline train side by side on MNIST
 * in the worker, from one seed: identical initial weights (checked by checksum), the same
 * minibatches, one difference, the rule. Learning rate, optimizer and batch size change mid-run for
 * every rule at once; width, depth, feedback scale, rules and seeds start a new run. "Seeds" runs the
 * whole comparison under several seeds and draws each rule's mean with the range across seeds.
 */
import './fa-compare.css';
import type { FaCompareMetrics } from '../../runs/compare';
import type { TrainerClient } from '../../../../runtime/client';
import { formatPercent, frameThrottle, type FrameThrottle } from '../../../../viz';
import { formatValue } from '../../../../widgets/base/format';
import { findSetting, isSettingValue, type Setting, type Settings } from '../../../../settings/schema';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { BLOWN_UP_CROSS_ENTROPY } from '../../../../widgets/base/states';
import { faCompareSchema } from './schema';
import { meanOf, nextEvalStep } from './series';
import { CompareView, type LiveChange } from './view';
import { ruleStyle } from './panels';
import { faCompareKind } from '../../kinds';
import { faCompareConfig, ruleNames } from './config';
import { groupNumber, localNumber, t } from '../../../../i18n/t';

/** A run stops after this many passes over the 8,000 training digits (the reproduce table's length). */
export const MAX_EPOCHS = 5;
/** Changes of one setting this few steps apart are logged (and marked) as one. */
const MERGE_STEPS = 25;

export class FaCompareElement extends TrainingWidget<typeof faCompareKind, typeof faCompareSchema> {
  protected readonly schema = faCompareSchema;
  private view!: CompareView;
  private redraw!: FrameThrottle;
  /** Every evaluation of the current run, in order: the figure is a function of it and of `changes`. */
  private history: FaCompareMetrics[] = [];
  private changes: LiveChange[] = [];
  private nextEval = nextEvalStep(0);

  protected mountStage(stage: HTMLElement): void {
    this.view = new CompareView();
    this.redraw = frameThrottle(() => this.view.draw(this.history, this.changes));
    stage.append(this.view.element);
  }

  protected override loadingText(): string {
    return 'Loading MNIST and building the networks…';
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.history = [];
    this.changes = [];
    this.nextEval = nextEvalStep(0);
    const config = faCompareConfig(this.settings, this.seed);
    this.view.configure({ rules: config.rules, depth: config.hidden.length, seeds: config.seeds ?? 1, view: this.settings.view }, this.changes);
    this.view.noteChanges(this.changes);
    this.redraw.request();
    if (config.rules.length === 0) throw new Error(t('switch on at least one learning rule'));
    const run = await this.createRunFrom(trainer, faCompareKind, config);
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    // Training stops exactly at each evaluation step, so every run draws its points at the same steps.
    const r = await trainer.train(run, { untilStep: this.nextEval, budgetMs: mode === 'step' ? 120_000 : 40 });
    const diverged = r.diverged || (Number.isFinite(r.loss) && r.loss > BLOWN_UP_CROSS_ENTROPY);
    let finished = false;
    if (!diverged && r.step >= this.nextEval) {
      const m = await trainer.evaluate(run);
      this.record(m);
      this.nextEval = nextEvalStep(r.step);
      finished = m.epoch >= MAX_EPOCHS - 1e-9;
    }
    return { step: r.step, loss: r.loss, diverged, stepsPerSec: r.stepsPerSec, finished };
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    if (partial.view !== undefined) {
      this.view.configure({ rules: ruleNames(this.settings), depth: this.settings.depth, seeds: this.settings.seeds, view: this.settings.view }, this.changes);
      this.redraw.request();
    }
    const before = this.runConfig;
    const update = await this.sendLive(trainer, faCompareConfig(this.settings, this.seed));
    if (!this.run || !before || Object.keys(update).length === 0) return;
    // Where the change lands: the step the run has reached (no training in this call).
    const at = (await trainer.train(this.run, { steps: 0 })).step;
    for (const [key, value] of Object.entries(update)) {
      const previous: unknown = Object.entries(before).find(([k]) => k === key)?.[1];
      if (!isSettingValue(value) || !isSettingValue(previous)) continue;
      const setting = this.setting(key);
      // A slider dragged or arrowed through many values in a few steps is one change, from first to last.
      const last = this.changes.at(-1);
      const merge = last?.key === key && at - last.step <= MERGE_STEPS;
      const from = merge ? last.from : previous;
      const change = { step: merge ? last.step : at, key, from, text: `${t(setting.label).toLowerCase()} ${formatValue(setting, from)} → ${formatValue(setting, value)}` };
      if (merge) this.changes[this.changes.length - 1] = change;
      else this.changes.push(change);
    }
    this.view.noteChanges(this.changes);
    this.redraw.request();
    this.announce();
  }

  protected summarize(): string {
    const m = this.history.at(-1);
    const live = this.runConfig ?? this.settings;
    const lr = formatValue(this.setting('learningRate'), live.learningRate);
    const opt = formatValue(this.setting('optimizer'), live.optimizer);
    const batch = live.batchSize;
    const how = t('learning rate {lr}, {opt}, batch {batch}', { lr, opt, batch });
    if (!m) return t('Ready: {rules} from one seed; {how}. Press play.', { rules: ruleNames(this.settings).map((r) => ruleStyle(r).short).join(', '), how });
    const accuracy = m.rules.map((r, i) => `${ruleStyle(r).short} ${formatPercent(meanOf(m.results.map((row) => row[i].testAccuracy)))}`).join(', ');
    const fa = m.rules.indexOf('fa');
    const angle = fa >= 0 ? t("; FA error signal {angle}° from backprop's", { angle: localNumber(meanOf(m.results.map((row) => meanOf(row[fa].angles))).toFixed(1)) }) : '';
    const seeds = m.seeds.length > 1 ? t(' (mean of {n} seeds)', { n: m.seeds.length }) : '';
    return t('step {step}, epoch {epoch}, {how}; test accuracy{seeds} {accuracy}{angle}', { step: groupNumber(m.step), epoch: localNumber(m.epoch.toFixed(1)), how, seeds, accuracy, angle });
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
    // The projector's layout settles a frame later (fullscreen, folded settings): fit to it then.
    requestAnimationFrame(() => this.view.fit());
    this.redraw.request();
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return this.view.exportFigure(t(this.schema.title), { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private setting(key: string): Setting {
    return findSetting(this.schema, key);
  }

  private record(m: FaCompareMetrics): void {
    this.history.push(m);
    this.lastStep = m.step;
    this.dataset.step = String(m.step); // also after a reset, which takes no training step
    this.dataset.learningRate = String(m.learningRate); // as the worker reports it (end-to-end tests)
    this.redraw.request();
    this.announce(false);
  }
}

if (!customElements.get(faCompareSchema.tag)) customElements.define(faCompareSchema.tag, FaCompareElement);

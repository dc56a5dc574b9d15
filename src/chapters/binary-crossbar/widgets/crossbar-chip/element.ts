/**
 * <crossbar-chip>: the chapter's shipped binarized net on a simulated 2T2R crossbar. Sliders set the
 * device spread, extra bit errors, the stuck fraction and the ternary margin, each applied live in the
 * worker (the chip is re-read, batch norm recalibrated, the test digits scored); devices of the window
 * drawn can be broken by hand. Play walks through the test digits; → shows the next one; R repairs
 * every device broken by hand. Nothing trains: an InteractiveWidget over one worker run.
 */
import '../xb.css';
import { getTrainer, type TrainerClient } from '../../../../runtime/client';
import { dataBaseUrl } from '../../../../runtime/page';
import type { RunRef } from '../../../../runtime/protocol';
import type { ChipConfig, ChipMetrics } from '../../runs/chip';
import { configChanges, type Setting, type SettingValue } from '../../../../settings/schema';
import { InteractiveWidget } from '../../../../widgets/base/interactive';
import { PredictionBox, type Verdict } from '../../../../widgets/base/predict';
import { chipKind } from '../../kinds';
import { chipConfig } from './config';
import { chipSchema } from './schema';
import { ChipView } from './view';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatPercent } from '../../../../viz';

const FRAME_MS = 1200;
const STATES = ['working', 'lrs', 'hrs'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

const QUESTIONS = [
  {
    id: 'spread',
    prompt: 'Raise the device spread σ from 0.3 to 0.8 (in ln R; the two states are a factor 10 apart). The chip’s accuracy…',
    options: [
      { value: 'holds', label: 'stays within a point' },
      { value: 'drops', label: 'drops by several points' },
      { value: 'collapses', label: 'collapses' },
    ],
  },
] as const;

export class CrossbarChipElement extends InteractiveWidget<typeof chipSchema> {
  protected readonly schema = chipSchema;
  private view!: ChipView;
  private predictions!: PredictionBox;
  private trainer: TrainerClient | null = null;
  private run: RunRef<ChipConfig, ChipMetrics> | null = null;
  private sent: ChipConfig | null = null;
  private metrics: ChipMetrics | null = null;
  /** Devices broken by hand: "index:side" → state. */
  private broken = new Map<string, 'lrs' | 'hrs'>();
  private loadedWith: Record<string, unknown> = {};
  private lastFrameAt = 0;
  /** Accuracy at σ = 0.3 and 0.8 once the reader has visited both (answers the prediction). */
  private seen = new Map<number, number>();

  protected mountStage(stage: HTMLElement): void {
    this.predictions = new PredictionBox('Predict, then move the σ slider', QUESTIONS, 'Set σ to 0.3 and then to 0.8 (keep the other sliders at 0) to check.');
    this.view = new ChipView((index, side) => this.cycleDevice(index, side));
    stage.append(this.predictions.element, this.view.element);
  }

  protected async load(gen: number): Promise<void> {
    if (!this.trainer) {
      this.states.loading(t('Starting the engine…'));
      this.trainer = await getTrainer();
      this.badge.follow(this.trainer);
    }
    this.states.loading(t('Programming the shipped network onto the crossbar…'));
    this.loadedWith = { ...this.settings };
    const config = this.config();
    const run = await this.trainer.createRun(chipKind, config);
    this.sent = config;
    if (gen !== this.generation) {
      await this.trainer.dispose(run);
      return;
    }
    this.run = run;
    let m = await this.trainer.evaluate(run);
    // Retraining here: Adam steps in the worker until the protocol's 5 epochs are done.
    while (m.training) {
      if (gen !== this.generation) return;
      const { step, total, loss } = m.training;
      const lossText = Number.isFinite(loss) ? t(' · batch loss {loss}', { loss: localNumber(loss.toFixed(2)) }) : '';
      this.states.loading(
        t('Retraining the network here from seed {seed}: step {step} of {total} ({percent}){loss}', {
          seed: this.seed,
          step: groupNumber(step),
          total: groupNumber(total),
          percent: formatPercent(Math.floor((100 * step) / total) / 100, 0),
          loss: lossText,
        }),
      );
      if (!this.active) {
        await sleep(250);
        continue;
      }
      const r = await this.trainer.train(run, { untilStep: total, budgetMs: 150 });
      if (r.diverged) throw new Error(t('retraining diverged (the loss became NaN)'));
      if (r.engine) this.badge.setEngine(r.engine);
      m = await this.trainer.evaluate(run);
    }
    this.show(m);
  }

  protected async unload(): Promise<void> {
    const run = this.run;
    this.run = null;
    if (run && this.trainer) await this.trainer.dispose(run);
  }

  protected async playFrame(): Promise<boolean> {
    await sleep(this.lastFrameAt + FRAME_MS - performance.now());
    this.lastFrameAt = performance.now();
    if (!this.playing) return true;
    await this.nextDigit();
    return true;
  }

  protected statusText(): string {
    const m = this.metrics;
    if (!m) return '';
    return t('{what} · digit {digit} · accuracy {accuracy}', { what: this.playing ? t('Reading digits') : t('Paused'), digit: Math.round(this.settings.digit), accuracy: formatPercent(m.accuracy) });
  }

  step(): void {
    if (!this.ready || this.playing) return;
    void this.nextDigit().catch((err) => this.fail(err));
  }

  /** Repair every device broken by hand. */
  reset(): void {
    if (!this.ready || this.broken.size === 0) return;
    this.broken.clear();
    void this.send().catch((err) => this.fail(err));
  }

  protected settingChanged(key: string, value: SettingValue, setting: Setting, committed: boolean, changed: boolean): void {
    if (setting.live) {
      if (changed) void this.send().catch((err) => this.fail(err));
    } else if (committed && value !== this.loadedWith[key]) {
      void this.reload(false);
    }
  }

  protected seedChanged(): void {
    void this.reload(false);
  }

  protected stateReplaced(): void {
    void this.reload(false);
  }

  protected override exportFigure(): SVGSVGElement | null {
    return null;
  }

  private config(): ChipConfig {
    const broken = [...this.broken].map(([key, state]) => `${key}:${state}`).join(',');
    return chipConfig(this.settings, this.seed, new URL('../models/binary-crossbar/', dataBaseUrl()).href, broken);
  }

  private async nextDigit(): Promise<void> {
    const next = (Math.round(this.settings.digit) % chipSchema.settings[5].max) + 1;
    this.setSetting('digit', next);
    await this.send();
  }

  private cycleDevice(index: number, side: 'bl' | 'blbar'): void {
    const key = `${index}:${side}`;
    const now = this.broken.get(key) ?? 'working';
    const next = STATES[(STATES.indexOf(now) + 1) % STATES.length];
    if (next === 'working') this.broken.delete(key);
    else this.broken.set(key, next);
    void this.send().catch((err) => this.fail(err));
  }

  /** Send what changed, then draw the chip's new state (one request at a time; the newest wins). */
  private send(): Promise<void> {
    const gen = this.generation;
    return this.enqueue(async () => {
      const { trainer, run } = this;
      if (!trainer || !run || !this.sent || gen !== this.generation) return;
      const next = this.config();
      const update = configChanges<ChipConfig>(this.sent, next);
      this.sent = next;
      if (Object.keys(update).length > 0) await trainer.update(run, update);
      const m = await trainer.evaluate(run);
      if (gen === this.generation) this.show(m);
    });
  }

  private show(m: ChipMetrics): void {
    this.metrics = m;
    this.view.draw(m);
    this.dataset.accuracy = m.accuracy.toFixed(4);
    this.dataset.broken = String(this.broken.size);
    this.checkPrediction(m);
    this.summary.update(
      t(
        "The chip reads digit {label} as {prediction}. Test accuracy {accuracy} on {n} digits; {wrong} of weights read with the wrong sign and {zeros} as zero; {stuck} devices stuck at random and {broken} broken by hand; our model's bit error rate for σ = {sigma} is {ber}.",
        {
          label: m.digit.label,
          prediction: m.digit.prediction,
          accuracy: formatPercent(m.accuracy),
          n: m.testSize,
          wrong: formatPercent(m.wrong, 2),
          zeros: formatPercent(m.zeros),
          stuck: m.stuckDevices,
          broken: this.broken.size,
          sigma: localNumber(String(this.settings.sigma)),
          ber: localNumber(m.modelBer.toExponential(1)),
        },
      ),
    );
    this.refreshStatus();
  }

  private checkPrediction(m: ChipMetrics): void {
    const s = this.settings;
    if (s.ber !== 0 || s.stuck !== 0 || s.margin !== 0 || this.broken.size > 0) return;
    const sigma = Math.round(s.sigma * 100) / 100;
    if (sigma === 0.3 || sigma === 0.8) this.seen.set(sigma, m.accuracy);
    const low = this.seen.get(0.3);
    const high = this.seen.get(0.8);
    if (low === undefined || high === undefined) return;
    const drop = 100 * (low - high);
    const verdict: Verdict = {
      answer: drop <= 1 ? 'holds' : high < 0.5 ? 'collapses' : 'drops',
      text: t("Accuracy went from {low} at σ = 0.3 to {high} at σ = 0.8 (our model's bit error rate: about 2% of the pairs).", { low: formatPercent(low), high: formatPercent(high) }),
    };
    this.predictions.reveal({ spread: verdict });
  }
}

if (!customElements.get(chipSchema.tag)) customElements.define(chipSchema.tag, CrossbarChipElement);

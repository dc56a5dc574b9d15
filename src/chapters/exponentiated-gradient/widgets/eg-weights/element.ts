/**
 * <eg-weights>: one Dale's-law network (every neuron excitatory or inhibitory, log-normal weight
 * sizes), copied twice from one seed and trained on MNIST in the worker on the same minibatches, its
 * weights by gradient descent in one copy and by exponentiated gradient in the other. The figure
 * counts the weights whose sign breaks Dale's law, plots accuracy, the histogram of log|w|, and the
 * change of one network's weights in both geometries against a Gaussian (histogram, Q–Q plot, the
 * paper's non-Gaussianity). Step sizes and the layer shown apply live; the network shown is the
 * page's business; width, σ, the excitatory fraction and the batch size start a new run. The reader
 * predicts the sign flips and the accuracy gap; a run that reaches five epochs checks them.
 */
import '../eg.css';
import type { TrainerClient } from '../../../../runtime/client';
import type { WeightsLiveMetrics } from '../../runs/weights-live';
import { findSetting, type Settings } from '../../../../settings/schema';
import { formatValue } from '../../../../widgets/base/format';
import { formatPercent, frameThrottle, type FrameThrottle } from '../../../../viz';
import { TrainingWidget, type TickResult } from '../../../../widgets/base/element';
import { PredictionBox } from '../../../../widgets/base/predict';
import { BLOWN_UP_CROSS_ENTROPY } from '../../../../widgets/base/states';
import { egWeightsKind } from '../../kinds';
import { groupNumber, localNumber, t } from '../../../../i18n/t';
import { formatNonGaussianity } from '../plots';
import { weightsConfig } from './config';
import { weightsSchema } from './schema';
import { MAX_EPOCHS, WEIGHTS_QUESTIONS, addPoint, finalStep, nextEvalStep, pointOf, weightsVerdicts, type Point } from './series';
import { WeightsView, type WeightsSetup } from './view';

export class WeightsElement extends TrainingWidget<typeof egWeightsKind, typeof weightsSchema> {
  protected readonly schema = weightsSchema;
  private view!: WeightsView;
  private predictions!: PredictionBox;
  private redraw!: FrameThrottle;
  private points: Point[] = [];
  private last: WeightsLiveMetrics | null = null;
  private nextEval = nextEvalStep(0);
  /** The networks whose training blew up, once a run has diverged. */
  private culprits: ('gd' | 'eg')[] = [];
  /** Five epochs: the run stops here. */
  private lastTrainingStep = Infinity;

  protected mountStage(stage: HTMLElement): void {
    this.predictions = new PredictionBox('Predict, then press play', WEIGHTS_QUESTIONS, t('The figure checks your predictions after {epochs} epochs.', { epochs: MAX_EPOCHS }), 'Predict GD and EG on the Dale network');
    // The chart picker of projector mode stores its pick as the 'charts' setting (URL, settings panel; scenes set it too).
    this.view = new WeightsView((charts) => this.setSetting('charts', charts));
    this.redraw = frameThrottle(() => this.view.draw(this.points, this.last));
    stage.append(this.predictions.element, this.view.element);
  }

  protected override loadingText(): string {
    return t('Loading MNIST and drawing log-normal weights…');
  }

  protected async startRun(trainer: TrainerClient): Promise<void> {
    this.points = [];
    this.last = null;
    this.predictions.hide();
    this.culprits = [];
    this.view.configure(this.setup());
    const config = weightsConfig(this.settings, this.seed);
    this.lastTrainingStep = finalStep(config.trainSize, config.batchSize);
    this.nextEval = nextEvalStep(0, this.lastTrainingStep);
    const run = await this.createRunFrom(trainer, egWeightsKind, config);
    this.record(await trainer.evaluate(run));
  }

  protected async advance(trainer: TrainerClient, mode: 'play' | 'step'): Promise<TickResult> {
    const run = this.run;
    if (!run) throw new Error('No run to train');
    const r = await trainer.train(run, { untilStep: this.nextEval, budgetMs: mode === 'step' ? 120_000 : 40 });
    const diverged = r.diverged || (Number.isFinite(r.loss) && r.loss > BLOWN_UP_CROSS_ENTROPY);
    if (diverged) this.culprits = await this.divergedRules(trainer);
    let finished = false;
    if (!diverged && r.step >= this.nextEval) {
      const m = await trainer.evaluate(run);
      this.record(m);
      this.nextEval = nextEvalStep(r.step, this.lastTrainingStep);
      finished = r.step >= this.lastTrainingStep;
      if (finished) this.predictions.reveal(weightsVerdicts(m), t('Press play to train again from the same start.'));
    }
    return { step: r.step, loss: r.loss, diverged, stepsPerSec: r.stepsPerSec, finished };
  }

  protected async applyLive(trainer: TrainerClient, partial: Settings): Promise<void> {
    if (partial.charts !== undefined) this.view.showCharts(this.settings.charts);
    if (partial.network !== undefined) {
      this.view.configure(this.setup(), true);
    }
    const update = await this.sendLive(trainer, weightsConfig(this.settings, this.seed));
    if (update.layer !== undefined) this.view.configure(this.setup(), true);
    // New step sizes or another layer: show them now, not at the next evaluation.
    if (this.run && Object.keys(update).length > 0) this.record(await trainer.evaluate(this.run));
  }

  /** Which network blew up (its test loss is no longer a sane number), so the message names its step size. */
  private async divergedRules(trainer: TrainerClient): Promise<('gd' | 'eg')[]> {
    if (!this.run) return [];
    const m = await trainer.evaluate(this.run);
    return m.members.filter((x) => !Number.isFinite(x.testLoss) || x.testLoss > BLOWN_UP_CROSS_ENTROPY).map((x) => x.rule);
  }

  protected override divergenceText(loss: number): string {
    const what = Number.isNaN(loss) ? t('loss became NaN') : !Number.isFinite(loss) ? t('loss became infinite') : t('loss blew up');
    const s = this.settings;
    const gd = t('gradient descent’s step size {value}', { value: formatValue(findSetting(this.schema, 'gdRate'), s.gdRate) });
    const eg = t('EG’s step × {value}', { value: formatValue(findSetting(this.schema, 'egScale'), s.egScale) });
    if (this.culprits.length === 0) return super.divergenceText(loss);
    if (this.culprits.length === 2) return t('Both networks diverged ({what}) with {gd} and {eg}. Lower them and reset.', { what, gd, eg });
    return this.culprits[0] === 'gd' ? t('The GD network diverged ({what}) with {gd}. Lower it and reset.', { what, gd }) : t('The EG network diverged ({what}) with {eg}. Lower it and reset.', { what, eg });
  }

  protected summarize(): string {
    const m = this.last;
    if (!m) return t('Ready: one Dale network, trained by gradient descent and by exponentiated gradient from the same weights. Press play.');
    const [gd, eg] = m.members;
    const layer = m.layer === 0 ? t('pixels → hidden') : t('hidden → output');
    const flips = (x: typeof gd) => (x.violations === 0 ? t('none') : t('{percent} of its weights', { percent: formatPercent(x.violationFraction) }));
    const net = this.settings.network === 'gd' ? gd : eg;
    const [two, entropy] = net.changes.map((c) => c.nonGaussianity);
    const values = { layer, two: formatNonGaussianity(two), entropy: formatNonGaussianity(entropy) };
    const change = !Number.isFinite(two)
      ? ''
      : this.settings.network === 'gd'
        ? t('; the GD network’s {layer} change has non-Gaussianity {two} in GD’s geometry and {entropy} in EG’s', values)
        : t('; the EG network’s {layer} change has non-Gaussianity {two} in GD’s geometry and {entropy} in EG’s', values);
    return t('step {step}, epoch {epoch}: test accuracy GD {gd}, EG {eg}; sign flips (Dale violations) GD {gdFlips}, EG {egFlips}{change}.', {
      step: groupNumber(m.step),
      epoch: localNumber(m.epoch.toFixed(1)),
      gd: formatPercent(gd.testAccuracy),
      eg: formatPercent(eg.testAccuracy),
      gdFlips: flips(gd),
      egFlips: flips(eg),
      change,
    });
  }

  private setup(): WeightsSetup {
    return { layer: this.settings.layer, network: this.settings.network, charts: this.settings.charts };
  }

  protected override onLayoutChange(): void {
    this.view.fit(true);
  }

  protected override exportFigure(): SVGSVGElement | null {
    const style = getComputedStyle(this);
    return this.view.exportFigure(this.schema.title, { background: style.getPropertyValue('--bg').trim(), text: style.color });
  }

  private record(m: WeightsLiveMetrics): void {
    this.last = m;
    this.points = addPoint(this.points, pointOf(m));
    this.lastStep = m.step;
    this.dataset.step = String(m.step);
    this.dataset.egFlips = String(m.members[1].violations);
    this.dataset.gdFlips = String(m.members[0].violations);
    this.redraw.request();
    this.announce(false);
  }
}

if (!customElements.get(weightsSchema.tag)) customElements.define(weightsSchema.tag, WeightsElement);

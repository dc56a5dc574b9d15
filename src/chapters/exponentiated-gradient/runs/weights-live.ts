/**
 * Weights, live: one Dale's-law network (nets/dale.ts: fixed E/I neurons, log-normal magnitudes) copied
 * twice from one seed and trained on MNIST side by side on the same minibatches, its weights by
 * gradient descent (w ← w − η∇L: a weight may cross zero, breaking Dale's law) and by exponentiated
 * gradient (w ← w ⊙ exp(−η sign(w) ⊙ ∇L): it never can). Biases (no sign to keep) take plain gradient
 * steps in both. Gradients: the lib's written-out backprop (train.ts computeGradients), softmax
 * cross-entropy.
 *
 * Reported per network: test accuracy and loss, Dale violations (weights whose sign opposes their
 * neuron's), and for the inspected layer the histogram of log|w| and the change since the start in
 * both geometries (weight-change.ts). Config and metrics are plain data.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { BatchSampler, type ByteSource } from '../../../lib/data';
import { createDaleNet, daleViolations, type DaleNet } from '../../../lib/nets/dale';
import { disposeMlp } from '../../../lib/nets/mlp';
import { sgd, type UpdateRule } from '../../../lib/rules/update';
import { backprop } from '../../../lib/rules/feedback';
import { evaluate, computeGradients } from '../../../lib/train/trainer';
import { exponentiatedGradient } from '../../../lib/rules/update/exponentiated-gradient';
import type { Histogram } from '../../../lib/stats/normality';
import { disposeSplit, loadDigitSplit, type DigitSplit } from './mnist-split';
import { logMagnitudeHistogram, logMagnitudeRange, summariseChange, type DualChangeSummary } from './weight-change';

export type DaleRule = 'gd' | 'eg';

export interface WeightsLiveConfig {
  hidden: number[];
  excitatoryFraction: number;
  /** σ of log|w| at the start. */
  logStd: number;
  /**
   * Step sizes: GD's on the weights, EG's on the weights, and the biases' (plain GD in both). Live.
   * egRate 'matched' = gdRate / mean|w₀|: EG moves a weight by ≈ η|w|∇L, so this gives it GD's step
   * size on the average starting weight.
   */
  gdRate: number;
  egRate: number | 'matched';
  /** Multiplies EG's step size, matched or not (the figure's "EG step ×"; 1 in the chapter's table). Live. */
  egRateScale?: number;
  biasRate: number;
  batchSize: number;
  seed: number;
  trainSize: number;
  testSize: number;
  /**
   * The weight matrix the histograms show (0 = pixels → hidden, 1 = hidden → output, the default: in
   * layer 0 the weights of pixels that are rarely lit barely move, a spike in any geometry). Live.
   */
  layer: number;
  bins: number;
  qqCount: number;
}

export { WEIGHTS_LIVE_DEFAULTS } from './defaults';

export const WEIGHTS_LIVE_KEYS: readonly (keyof WeightsLiveConfig)[] = ['gdRate', 'egRate', 'egRateScale', 'biasRate', 'layer'];

/** Mean |w| over every weight of the layers. */
export function meanMagnitude(weights: ArrayLike<number>[]): number {
  let sum = 0;
  let count = 0;
  for (const w of weights) {
    for (let i = 0; i < w.length; i++) sum += Math.abs(w[i]);
    count += w.length;
  }
  return sum / count;
}

export interface DaleMemberMetrics {
  rule: DaleRule;
  testAccuracy: number;
  testLoss: number;
  /** Weights whose sign opposes their neuron's, over all layers, and per layer. */
  violations: number;
  violationFraction: number;
  violationsPerLayer: number[];
  /** log|w| of the inspected layer, on the run's fixed range. */
  logMagnitude: Histogram;
  /** The inspected layer's change since the start, in the 2-norm (GD's) and entropy (EG's) geometry. */
  changes: DualChangeSummary[];
}

export interface WeightsLiveMetrics {
  step: number;
  /** The step sizes in use (EG's resolved when 'matched'). */
  gdRate: number;
  egRate: number;
  epoch: number;
  layer: number;
  /** The inspected layer's log|w| at the start (the same for both networks). */
  initialLogMagnitude: Histogram;
  members: DaleMemberMetrics[];
  /** Test accuracy at every evaluation so far. */
  history: { step: number; gd: number; eg: number }[];
}

interface Member {
  rule: DaleRule;
  net: DaleNet;
  weightRule: UpdateRule;
  biasRule: UpdateRule;
}

export class WeightsLiveRun {
  private readonly members: Member[];
  private readonly sampler: BatchSampler;
  private readonly initial: Float32Array[];
  private readonly logRanges: [number, number][];
  private readonly history: WeightsLiveMetrics['history'] = [];
  private readonly meanStart: number;
  private egRateSetting: number | 'matched';
  private egRateScale: number;
  private layer: number;
  private steps = 0;

  private constructor(
    readonly config: WeightsLiveConfig,
    private readonly split: DigitSplit,
  ) {
    const spec = { sizes: [784, ...config.hidden, 10], activation: 'relu' as const, excitatoryFraction: config.excitatoryFraction, logStd: config.logStd };
    const root = createRng(config.seed);
    const nets = [createDaleNet(spec, root.fork('init')), createDaleNet(spec, root.fork('init'))]; // the same fork: identical starts
    this.initial = nets[0].weights.map((w) => (w.dataSync() as Float32Array).slice());
    this.meanStart = meanMagnitude(this.initial);
    this.egRateScale = config.egRateScale ?? 1;
    this.members = (['gd', 'eg'] as const).map((rule, i) => ({
      rule,
      net: nets[i],
      weightRule: rule === 'gd' ? sgd(config.gdRate) : exponentiatedGradient(this.resolveEgRate(config.egRate, config.gdRate)),
      biasRule: sgd(config.biasRate),
    }));
    this.logRanges = this.initial.map((w) => logMagnitudeRange(w, 2));
    const n = split.train.x.shape[0];
    this.sampler = new BatchSampler(Int32Array.from({ length: n }, (_, i) => i), config.batchSize, root.fork('batches'));
    this.layer = this.checkLayer(config.layer);
    this.egRateSetting = config.egRate;
  }

  static async create(config: WeightsLiveConfig, source: ByteSource): Promise<WeightsLiveRun> {
    return new WeightsLiveRun(config, await loadDigitSplit(source, config.trainSize, config.testSize));
  }

  get step(): number {
    return this.steps;
  }

  get epoch(): number {
    return this.sampler.progress;
  }

  private resolveEgRate(egRate: number | 'matched', gdRate: number): number {
    return this.egRateScale * (egRate === 'matched' ? gdRate / this.meanStart : egRate);
  }

  private checkLayer(layer: number): number {
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.initial.length) throw new RangeError(`weights live: layer ${layer} is not one of 0..${this.initial.length - 1}`);
    return layer;
  }

  /** `steps` minibatches, each given to both networks. Loss: the larger of the two batch losses. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    let loss = NaN;
    for (let s = 0; s < steps; s++) {
      const positions = this.sampler.next();
      const [x, y] = tf.tidy(() => {
        const idx = tf.tensor1d(positions, 'int32');
        return [tf.gather(this.split.train.x, idx), tf.gather(this.split.train.y, idx)] as [tf.Tensor2D, tf.Tensor2D];
      });
      const losses = this.members.map((m) => {
        const l = tf.tidy(() => {
          const { loss: batchLoss, grads } = computeGradients(m.net, backprop, null, x, y);
          m.weightRule.apply(m.net.weights, grads.weights);
          m.biasRule.apply(m.net.biases, grads.biases);
          return batchLoss;
        });
        const value = l.dataSync()[0];
        l.dispose();
        return value;
      });
      tf.dispose([x, y]);
      this.steps += 1;
      loss = Math.max(...losses);
      if (!Number.isFinite(loss)) return { step: this.steps, loss, diverged: true };
    }
    return { step: this.steps, loss, diverged: false };
  }

  update(partial: Partial<WeightsLiveConfig>): void {
    const [gd, eg] = this.members;
    if (partial.gdRate !== undefined) gd.weightRule.learningRate = partial.gdRate;
    if (partial.egRateScale !== undefined) this.egRateScale = partial.egRateScale;
    if (partial.egRate !== undefined || partial.egRateScale !== undefined || (partial.gdRate !== undefined && this.egRateSetting === 'matched')) {
      if (partial.egRate !== undefined) this.egRateSetting = partial.egRate;
      eg.weightRule.learningRate = this.resolveEgRate(this.egRateSetting, gd.weightRule.learningRate);
    }
    if (partial.biasRate !== undefined) for (const m of this.members) m.biasRule.learningRate = partial.biasRate;
    if (partial.layer !== undefined) this.layer = this.checkLayer(partial.layer);
  }

  /** Weights of every layer of network `rule`, as copies. */
  weights(rule: DaleRule): Float32Array[] {
    const m = this.members.find((x) => x.rule === rule)!;
    return m.net.weights.map((w) => (w.dataSync() as Float32Array).slice());
  }

  /** The weights at the start (both networks). */
  initialWeights(): Float32Array[] {
    return this.initial.map((w) => w.slice());
  }

  evaluate(): WeightsLiveMetrics {
    const { bins, qqCount } = this.config;
    const layer = this.layer;
    const [lo, hi] = this.logRanges[layer];
    const members = this.members.map((m): DaleMemberMetrics => {
      const score = evaluate(m.net, this.split.test.x, this.split.test.y);
      const weights = m.net.weights.map((w) => w.dataSync() as Float32Array);
      const dale = daleViolations(m.net.signs, weights);
      return {
        rule: m.rule,
        testAccuracy: score.accuracy,
        testLoss: score.loss,
        violations: dale.count,
        violationFraction: dale.count / dale.total,
        violationsPerLayer: dale.perLayer,
        logMagnitude: logMagnitudeHistogram(weights[layer], bins, lo, hi),
        changes: (['2-norm', 'negative-entropy'] as const).map((p) => summariseChange(p, this.initial[layer], weights[layer], bins, qqCount)),
      };
    });
    const last = this.history[this.history.length - 1];
    if (!last || last.step !== this.steps) this.history.push({ step: this.steps, gd: members[0].testAccuracy, eg: members[1].testAccuracy });
    return {
      step: this.steps,
      gdRate: this.members[0].weightRule.learningRate,
      egRate: this.members[1].weightRule.learningRate,
      epoch: this.epoch,
      layer,
      initialLogMagnitude: logMagnitudeHistogram(this.initial[layer], bins, lo, hi),
      members,
      history: this.history.map((h) => ({ ...h })),
    };
  }

  dispose(): void {
    for (const m of this.members) {
      m.weightRule.dispose();
      m.biasRule.dispose();
      disposeMlp(m.net);
    }
    disposeSplit(this.split);
  }
}

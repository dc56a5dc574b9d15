/**
 * Lillicrap et al. 2016, Fig. 1: a 30-20-10 linear network learns a random linear map y* = T x
 * (T ~ U(−1, 1), x ~ N(0, I)) online, one sample per step, loss ½‖y − y*‖², SGD lr 0.005, weights
 * W ~ U(±0.01) and biases left at zero (untrained), feedback B ~ U(±0.5). Backprop, feedback alignment
 * and the output-layer-only baseline start from the same weights and see the same samples.
 *
 * Reported: normalised error Σ‖y − y*‖² / Σ‖y*‖² on 1,000 fixed test inputs (1 at the start, since
 * the net's output is ≈ 0), and the angle between FA's hidden δ and backprop's on 100 test inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../../lib/random';
import { createMlp, disposeMlp, forward, type Mlp } from '../../../lib/nets/mlp';
import { sgd, type UpdateRule } from '../../../lib/rules/update';
import { alignmentAngles, backward, feedbackAlignment, feedbackWeightAngle, getRule, hasFeedbackMatrices, type LearningRule } from '../../../lib/rules/feedback';

export interface LinearTaskConfig {
  /** Layer widths, input first. Default [30, 20, 10]. */
  sizes: number[];
  /** Registered rule names; 'fa' is replaced by FA with `feedbackScale`. */
  rules: string[];
  learningRate: number;
  /** W ~ U(±weightScale). */
  weightScale: number;
  /** B ~ U(±feedbackScale). */
  feedbackScale: number;
  seed: number;
  /** Fixed test inputs for the normalised error. Default 1,000. */
  testSize?: number;
  /** Test inputs (the first of the test set) on which the angle is measured. Default 100. */
  probeSize?: number;
}

export const FA_LINEAR_DEFAULTS: LinearTaskConfig = {
  sizes: [30, 20, 10],
  rules: ['backprop', 'fa', 'output-only'],
  learningRate: 0.005,
  weightScale: 0.01,
  feedbackScale: 0.5,
  seed: 0,
};

interface Member {
  rule: LearningRule<unknown>;
  state: unknown;
  net: Mlp;
  optimizer: UpdateRule;
}

export interface LinearTaskMetrics {
  /** Samples seen (= updates made), under the name every run kind reports its progress by. */
  step: number;
  samples: number;
  /** Normalised test error per rule (same order as config.rules). */
  errors: number[];
  /** Per rule, the angle (degrees) of its hidden δ to backprop's, mean over hidden layers. */
  angles: number[];
  /** Per rule with feedback matrices (FA): angle(Wℓ₊₁, Bℓ₊₁ᵀ) in degrees, mean over hidden layers; null for the others. */
  feedbackAngles: (number | null)[];
}

export class LinearTaskRun {
  private readonly members: Member[];
  private readonly target: tf.Tensor2D; // Tᵀ, [inputs, outputs]: y* = x Tᵀ in row form
  private readonly testX: tf.Tensor2D;
  private readonly testY: tf.Tensor2D;
  private readonly probeX: tf.Tensor2D;
  private readonly probeY: tf.Tensor2D;
  private readonly inputs: Rng;
  private seen = 0;

  constructor(readonly config: LinearTaskConfig) {
    const rng = createRng(config.seed);
    const [nIn] = config.sizes;
    const nOut = config.sizes[config.sizes.length - 1];
    const spec = { sizes: config.sizes, activation: 'linear' as const, init: 'uniform' as const, initScale: config.weightScale };
    this.members = config.rules.map((name) => {
      const rule = name === 'fa' ? feedbackAlignment({ scale: config.feedbackScale }) : getRule(name);
      const net = createMlp(spec, rng.fork('init')); // the same fork for every rule: identical starts
      return { rule, net, state: rule.init(net, rng.fork('rule')), optimizer: sgd(config.learningRate) };
    });
    const testSize = config.testSize ?? 1000;
    const probeSize = Math.min(config.probeSize ?? 100, testSize);
    const task = rng.fork('task');
    const test = rng.fork('test');
    [this.target, this.testX, this.testY, this.probeX, this.probeY] = tf.tidy(() => {
      const t = tf.tensor2d(task.uniformArray(nIn * nOut, -1, 1), [nIn, nOut]);
      const x = tf.tensor2d(test.normalArray(testSize * nIn, 0, 1), [testSize, nIn]);
      const y = tf.matMul(x, t);
      return [t, x, y, tf.slice(x, [0, 0], [probeSize, -1]), tf.slice(y, [0, 0], [probeSize, -1])] as tf.Tensor2D[];
    });
    this.inputs = rng.fork('inputs');
  }

  get names(): string[] {
    return this.members.map((m) => m.rule.name);
  }

  /** Samples seen so far (one update each). */
  get step(): number {
    return this.seen;
  }

  /**
   * `n` online updates, one fresh sample x ~ N(0, I) each, shared by every rule. Returns the largest
   * squared error ½‖y − y*‖² over the rules on the last sample (before its update); NaN or infinite
   * means a rule diverged.
   */
  train(n: number): { step: number; loss: number; diverged: boolean } {
    const nIn = this.config.sizes[0];
    let last: tf.Tensor | null = null;
    for (let i = 0; i < n; i++) {
      const x = tf.tensor2d(this.inputs.normalArray(nIn, 0, 1), [1, nIn]);
      const y = tf.matMul(x, this.target) as tf.Tensor2D;
      const errors: tf.Scalar[] = [];
      for (const m of this.members) {
        const kept = tf.tidy(() => {
          const cache = forward(m.net, x);
          const outputDelta = tf.sub(cache.logits, y) as tf.Tensor2D; // ∂(½‖y − y*‖²)/∂y, batch of one
          const grads = backward(m.rule, m.state, { net: m.net, cache, outputDelta });
          m.optimizer.apply(m.net.weights, grads.weights); // biases stay at zero, as in the paper's linear net
          return i === n - 1 ? [tf.mul(tf.sum(tf.square(outputDelta)), 0.5) as tf.Scalar] : [];
        });
        errors.push(...kept);
      }
      if (errors.length) {
        last = tf.tidy(() => tf.max(tf.stack(errors)));
        tf.dispose(errors);
      }
      tf.dispose([x, y]);
      this.seen += 1;
    }
    const loss = last ? last.dataSync()[0] : NaN;
    last?.dispose();
    return { step: this.seen, loss, diverged: last !== null && !Number.isFinite(loss) };
  }

  /** Live settings: the learning rate of every rule at once, from the next sample. */
  update(partial: Partial<LinearTaskConfig>): void {
    if (partial.learningRate === undefined) return;
    for (const m of this.members) m.optimizer.learningRate = partial.learningRate;
  }

  evaluate(): LinearTaskMetrics {
    const errors = this.members.map((m) => {
      const e = tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(forward(m.net, this.testX).logits, this.testY))), tf.sum(tf.square(this.testY))));
      const value = e.dataSync()[0];
      e.dispose();
      return value;
    });
    const angles = this.members.map((m) => {
      const a = alignmentAngles(m.net, m.rule, m.state, this.probeX, this.probeY, { loss: 'squared-error' });
      return a.reduce((s, v) => s + v, 0) / a.length;
    });
    const feedbackAngles = this.members.map((m) => {
      if (!hasFeedbackMatrices(m.state)) return null;
      const a = feedbackWeightAngle(m.net, m.state);
      return a.reduce((s, v) => s + v, 0) / a.length;
    });
    return { step: this.seen, samples: this.seen, errors, angles, feedbackAngles };
  }

  dispose(): void {
    for (const m of this.members) {
      m.rule.dispose(m.state);
      m.optimizer.dispose();
      disposeMlp(m.net);
    }
    tf.dispose([this.target, this.testX, this.testY, this.probeX, this.probeY]);
  }
}

/** Metrics after each of `checkpoints` samples (ascending; 0 = before training). */
export function faLinearTable(config: LinearTaskConfig, checkpoints: number[]): LinearTaskMetrics[] {
  const run = new LinearTaskRun(config);
  try {
    return checkpoints.map((c) => {
      run.train(c - run.step);
      return run.evaluate();
    });
  } finally {
    run.dispose();
  }
}

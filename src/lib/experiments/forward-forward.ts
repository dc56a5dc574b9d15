/**
 * Forward-forward on MNIST (Hinton 2022), science.md's protocol: 784-500-500 ReLU, θ = 2, Adam 0.03,
 * batch 100, W ~ N(0, 1.41²), on the 8,000 / 2,000 split. The maths (goodness, the layer-local
 * gradient, prediction) is in ../rules/forward-forward.ts; this file is the run shared by the
 * chapter's widget and `npm run reproduce -- forward-forward`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../random';
import { BatchSampler, type ByteSource } from '../data';
import { createMlp, disposeMlp, type Mlp } from '../nets/mlp';
import { adam, type Optimizer } from '../optim';
import { disposeSplit, loadFaSplit, type FaSplit } from './fa-data';
import { embedLabels, forwardForwardGradients, forwardForwardPass, goodnessPerLabel, wrongLabels } from '../rules/forward-forward';

export interface ForwardForwardMetrics {
  step: number;
  epoch: number;
  testAccuracy: number;
  /** Mean goodness per layer of positive (true label) and negative (wrong label) test digits. */
  goodnessPositive: number[];
  goodnessNegative: number[];
  diverged: boolean;
}

export interface ForwardForwardConfig {
  /** Layer widths, input first: [784, 500, 500]. */
  sizes: number[];
  /** Goodness threshold θ. */
  threshold: number;
  learningRate: number;
  batchSize: number;
  /** W ~ N(0, weightStd²); biases start at zero. */
  weightStd: number;
  seed: number;
  trainSize?: number;
  testSize?: number;
  /** Test digits scored by evaluate() (a prefix of the test split; default all). */
  evalSize?: number;
}

/** science.md: 784-500-500 ReLU, θ = 2, Adam 0.03, batch 100, W ~ N(0, 1.41²). */
export const FORWARD_FORWARD_DEFAULTS: ForwardForwardConfig = {
  sizes: [784, 500, 500],
  threshold: 2,
  learningRate: 0.03,
  batchSize: 100,
  weightStd: 1.41,
  seed: 0,
};

export class ForwardForwardRun {
  private diverged = false;
  private steps = 0;
  private lastLosses: number[] = [];

  private constructor(
    readonly config: ForwardForwardConfig,
    readonly net: Mlp,
    private readonly optimizer: Optimizer,
    private readonly split: FaSplit,
    private readonly trainLabels: Int32Array,
    private readonly testLabels: Int32Array,
    private readonly sampler: BatchSampler,
    private readonly negatives: Rng,
  ) {}

  static async create(config: ForwardForwardConfig, source: ByteSource): Promise<ForwardForwardRun> {
    const split = await loadFaSplit(source, config.trainSize ?? 8000, config.testSize ?? 2000);
    if (config.sizes[0] !== split.inputs) throw new Error(`forward-forward: input width ${config.sizes[0]} ≠ ${split.inputs} pixels`);
    const rng = createRng(config.seed);
    const net = createMlp({ sizes: config.sizes, activation: 'relu', init: 'he', initScale: config.weightStd }, rng.fork('init'));
    const labels = (y: tf.Tensor2D) => {
      const t = tf.argMax(y, 1);
      const out = Int32Array.from(t.dataSync());
      t.dispose();
      return out;
    };
    const n = split.train.x.shape[0];
    const sampler = new BatchSampler(Int32Array.from({ length: n }, (_, i) => i), config.batchSize, rng.fork('batches'));
    return new ForwardForwardRun(config, net, adam(config.learningRate), split, labels(split.train.y), labels(split.test.y), sampler, rng.fork('negatives'));
  }

  get step(): number {
    return this.steps;
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.split.train.x.shape[0] / this.config.batchSize);
  }

  get isDiverged(): boolean {
    return this.diverged;
  }

  /** `steps` minibatch updates of every layer on its own loss. Returns the last per-layer losses. */
  train(steps: number): { step: number; losses: number[]; diverged: boolean } {
    for (let i = 0; i < steps && !this.diverged; i++) {
      const positions = this.sampler.next();
      const truth = Int32Array.from(positions, (p) => this.trainLabels[p]);
      const wrong = wrongLabels(truth, this.negatives);
      const lossT = tf.tidy(() => {
        const xb = tf.gather(this.split.train.x, tf.tensor1d(positions, 'int32')) as tf.Tensor2D;
        const stacked = tf.concat([embedLabels(xb, tf.tensor1d(truth, 'int32')), embedLabels(xb, tf.tensor1d(wrong, 'int32'))]) as tf.Tensor2D;
        const g = forwardForwardGradients(this.net, stacked, positions.length, this.config.threshold);
        this.optimizer.apply([...this.net.weights, ...this.net.biases], [...g.weights, ...g.biases]);
        return tf.stack(g.losses);
      });
      this.lastLosses = Array.from(lossT.dataSync());
      lossT.dispose();
      this.steps += 1;
      this.diverged = this.lastLosses.some((l) => !Number.isFinite(l));
    }
    return { step: this.steps, losses: this.lastLosses, diverged: this.diverged };
  }

  /** Accuracy of argmax summed goodness on the test digits, and per-layer goodness of positive vs negative data. */
  evaluate(chunk = 500): ForwardForwardMetrics {
    const total = Math.min(this.config.evalSize ?? Infinity, this.split.test.x.shape[0]);
    const layers = this.net.weights.length;
    let correct = 0;
    const pos = new Array<number>(layers).fill(0);
    const neg = new Array<number>(layers).fill(0);
    const wrongRng = createRng(this.config.seed).fork('eval-negatives'); // the same negatives at every evaluation
    for (let start = 0; start < total; start += chunk) {
      const size = Math.min(chunk, total - start);
      const truth = this.testLabels.subarray(start, start + size);
      const wrong = wrongLabels(truth, wrongRng);
      const [scores, gp, gn] = tf.tidy(() => {
        const xs = tf.slice(this.split.test.x, [start, 0], [size, -1]);
        const good = goodnessPerLabel(this.net, xs);
        const predicted = tf.argMax(good, 1);
        const hits = tf.sum(tf.cast(tf.equal(predicted, tf.tensor1d(truth, 'int32')), 'float32'));
        const positive = forwardForwardPass(this.net, embedLabels(xs, tf.tensor1d(truth, 'int32'))).goodness.map((g) => tf.sum(g));
        const negative = forwardForwardPass(this.net, embedLabels(xs, tf.tensor1d(wrong, 'int32'))).goodness.map((g) => tf.sum(g));
        return [hits, tf.stack(positive), tf.stack(negative)];
      });
      correct += scores.dataSync()[0];
      gp.dataSync().forEach((v, l) => (pos[l] += v));
      gn.dataSync().forEach((v, l) => (neg[l] += v));
      tf.dispose([scores, gp, gn]);
    }
    return {
      step: this.steps,
      epoch: this.sampler.progress,
      testAccuracy: correct / total,
      goodnessPositive: pos.map((v) => v / total),
      goodnessNegative: neg.map((v) => v / total),
      diverged: this.diverged,
    };
  }

  dispose(): void {
    this.optimizer.dispose();
    disposeMlp(this.net);
    disposeSplit(this.split);
  }
}

export interface ForwardForwardRow extends ForwardForwardMetrics {
  /** Mean per-layer loss over the epoch's last step. */
  losses: number[];
}

/** Train `epochs` epochs, scoring the test split after each. */
export async function forwardForwardTable(config: ForwardForwardConfig, epochs: number, source: ByteSource): Promise<ForwardForwardRow[]> {
  const run = await ForwardForwardRun.create(config, source);
  try {
    const rows: ForwardForwardRow[] = [];
    for (let e = 0; e < epochs; e++) {
      const { losses } = run.train(run.stepsPerEpoch);
      rows.push({ ...run.evaluate(), losses });
    }
    return rows;
  } finally {
    run.dispose();
  }
}

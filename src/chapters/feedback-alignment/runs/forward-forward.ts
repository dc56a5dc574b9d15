/**
 * Forward-forward on MNIST (Hinton 2022), science.md's protocol: 784-500-500 ReLU, θ = 2, Adam 0.03,
 * batch 100, W ~ N(0, 1.41²), on the 8,000 / 2,000 split. The maths (goodness, the layer-local
 * gradient, prediction) is in ../rules/forward-forward.ts; this file is the run shared by the
 * chapter's widget and `npm run reproduce -- forward-forward`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../../lib/random';
import { BatchSampler, type ByteSource } from '../../../lib/data';
import { createMlp, disposeMlp, type Mlp } from '../../../lib/nets/mlp';
import { adam, type UpdateRule } from '../../../lib/rules/update';
import { disposeSplit, loadFaSplit, type FaSplit } from './data';
import { embedLabels, forwardForwardGradients, forwardForwardPass, goodnessPerLabel, LABEL_PIXELS, wrongLabels } from '../../../lib/rules/local/forward-forward';

/**
 * `count` of the candidates (best first): the best of each liked label first, then the next best,
 * ordered by liked label — so a row reads as the digits the layer has units for.
 */
function diverse(candidates: ForwardForwardUnit[], count: number): ForwardForwardUnit[] {
  const seen = new Set<number>();
  const first = candidates.filter((u) => !seen.has(u.liked) && seen.add(u.liked));
  const rest = candidates.filter((u) => !first.includes(u));
  return [...first, ...rest].slice(0, count).sort((a, b) => a.liked - b.liked || a.unit - b.unit);
}

/** The fraction of `labels` equal to c. */
function labelShare(labels: ArrayLike<number>, c: number): number {
  let k = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === c) k++;
  return labels.length ? k / labels.length : 0;
}

/** Steps in a row without a single weight gradient after which a run counts as dead (see train). */
export const SILENT_STEPS = 3;

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

/** Settings a running ForwardForwardRun takes without a restart (see update). */
export type ForwardForwardLiveSettings = Pick<ForwardForwardConfig, 'learningRate' | 'threshold'>;

/**
 * One unit as inspect() sees it: what it "likes" — the positive digits averaged with the unit's
 * activation as weight, minus the plain average positive digit (pixels 0–9, the label, set to 0
 * there and given apart in `labels`: the share of its activation on digits of each label).
 */
export interface ForwardForwardUnit {
  layer: number;
  unit: number;
  /** 784 values: activation-weighted mean positive digit − mean positive digit; label pixels 0. */
  image: Float32Array;
  /** 10 values summing to 1: the share of the unit's activation per (true) label. */
  labels: Float32Array;
  /** The label it fires for most. */
  liked: number;
  /** Its mean h² on positive and on negative digits (its share of the layer's goodness × width). */
  positive: number;
  negative: number;
}

export class ForwardForwardRun {
  private diverged = false;
  /** Steps in a row on which no weight of any layer got a gradient (see train). */
  private silentSteps = 0;
  /** Training stopped because every layer fell silent, not because a loss blew up. */
  private silent = false;
  private steps = 0;
  private lastLosses: number[] = [];

  private constructor(
    readonly config: ForwardForwardConfig,
    readonly net: Mlp,
    private readonly optimizer: UpdateRule,
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
    // A copy: update() changes the run's own settings, never the caller's object.
    return new ForwardForwardRun({ ...config }, net, adam(config.learningRate), split, labels(split.train.y), labels(split.test.y), sampler, rng.fork('negatives'));
  }

  /** Change the learning rate or the threshold θ from the next step on. */
  update(partial: Partial<ForwardForwardLiveSettings>): void {
    if (partial.learningRate !== undefined) this.optimizer.learningRate = partial.learningRate;
    Object.assign(this.config, partial);
  }

  /**
   * Per layer, `units` of the units that best tell positive from negative test digits (largest mean
   * h²₊ − h²₋ over the first `size` test digits, capped by evalSize), with what each one likes: from
   * the best 4 × `units`, the best for each liked label first, ordered by that label.
   */
  inspect(units: number, size = 500): ForwardForwardUnit[][] {
    const n = Math.min(size, this.config.evalSize ?? Infinity, this.split.test.x.shape[0]);
    const truth = this.testLabels.subarray(0, n);
    const wrong = wrongLabels(truth, createRng(this.config.seed).fork('inspect-negatives'));
    const layers = this.net.weights.length;
    const read = tf.tidy(() => {
      const xs = tf.slice(this.split.test.x, [0, 0], [n, -1]) as tf.Tensor2D;
      const positive = embedLabels(xs, tf.tensor1d(truth, 'int32'));
      const pos = forwardForwardPass(this.net, positive).outputs;
      const neg = forwardForwardPass(this.net, embedLabels(xs, tf.tensor1d(wrong, 'int32'))).outputs;
      return { positive, pos: pos.map((h) => tf.mean(tf.square(h), 0)), neg: neg.map((h) => tf.mean(tf.square(h), 0)), outputs: pos };
    });
    const out: ForwardForwardUnit[][] = [];
    for (let l = 0; l < layers; l++) {
      const gp = read.pos[l].dataSync();
      const gn = read.neg[l].dataSync();
      const order = Array.from(gp, (_, j) => j).sort((a, b) => gp[b] - gn[b] - (gp[a] - gn[a]) || a - b);
      const top = order.slice(0, Math.min(units * 4, order.length));
      const liked = tf.tidy(() => {
        const h = tf.gather(read.outputs[l], tf.tensor1d(top, 'int32'), 1); // [n, k]
        const mass = tf.add(tf.sum(h, 0), 1e-12);
        const weighted = tf.div(tf.matMul(h, read.positive, true, false), tf.reshape(mass, [-1, 1])); // [k, 784]
        return tf.sub(weighted, tf.mean(read.positive, 0));
      });
      const d = liked.shape[1] as number;
      const flat = liked.dataSync();
      liked.dispose();
      const candidates = top.map((unit, i): ForwardForwardUnit => {
        const image = Float32Array.from(flat.subarray(i * d, (i + 1) * d));
        // The label pixels: the weighted share per label (the mean share of each label added back).
        const labels = Float32Array.from(image.subarray(0, LABEL_PIXELS), (v, c) => Math.max(0, v + labelShare(truth, c)));
        image.fill(0, 0, LABEL_PIXELS);
        return { layer: l, unit, image, labels, liked: labels.indexOf(Math.max(...labels)), positive: gp[unit], negative: gn[unit] };
      });
      out.push(diverse(candidates, units));
    }
    tf.dispose([read.positive, ...read.pos, ...read.neg, ...read.outputs]);
    return out;
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

  /** Stopped because every layer fell silent (no unit fires, no gradient), not because of a non-finite loss. */
  get isSilent(): boolean {
    return this.silent;
  }

  /** `steps` minibatch updates of every layer on its own loss. Returns the last per-layer losses. */
  train(steps: number): { step: number; losses: number[]; diverged: boolean } {
    for (let i = 0; i < steps && !this.diverged; i++) {
      const positions = this.sampler.next();
      const truth = Int32Array.from(positions, (p) => this.trainLabels[p]);
      const wrong = wrongLabels(truth, this.negatives);
      const layers = this.net.weights.length;
      const outT = tf.tidy(() => {
        const xb = tf.gather(this.split.train.x, tf.tensor1d(positions, 'int32')) as tf.Tensor2D;
        const stacked = tf.concat([embedLabels(xb, tf.tensor1d(truth, 'int32')), embedLabels(xb, tf.tensor1d(wrong, 'int32'))]) as tf.Tensor2D;
        const g = forwardForwardGradients(this.net, stacked, positions.length, this.config.threshold);
        this.optimizer.apply([...this.net.weights, ...this.net.biases], [...g.weights, ...g.biases]);
        // Each layer's largest weight gradient beside its loss: one read back for both.
        return tf.concat([tf.stack(g.losses), tf.stack(g.weights.map((w) => tf.max(tf.abs(w))))]);
      });
      const out = outT.dataSync();
      outT.dispose();
      this.lastLosses = Array.from(out.subarray(0, layers));
      this.steps += 1;
      // A step too large kills every ReLU (issue 20): no unit of any layer fires for any digit, no
      // weight gets a gradient, and the losses sit flat (2.25 at 2 layers) forever. Not a blown-up
      // loss, but as final: after SILENT_STEPS such steps in a row the run stops and says so.
      const noGradient = Array.from(out.subarray(layers)).every((m) => m === 0);
      this.silentSteps = noGradient ? this.silentSteps + 1 : 0;
      this.silent = this.silentSteps >= SILENT_STEPS;
      this.diverged = this.silent || this.lastLosses.some((l) => !Number.isFinite(l));
    }
    return { step: this.steps, losses: this.lastLosses, diverged: this.diverged };
  }

  /**
   * Accuracy of argmax summed goodness on the test digits, and per-layer goodness of positive vs
   * negative data; `limit` scores only that many of them (a quick first look).
   */
  evaluate(chunk = 500, limit = Infinity): ForwardForwardMetrics {
    const total = Math.min(this.config.evalSize ?? Infinity, limit, this.split.test.x.shape[0]);
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

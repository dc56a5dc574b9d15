/**
 * Equilibrium propagation on MNIST (Scellier & Bengio 2017; Laborieux et al. 2021), science.md's
 * protocol: 784-512-10, free phase T1 = 30, nudged phase T2 = 10, β = 0.1 with a random sign per
 * minibatch, SGD with per-layer rates 0.08 / 0.04, batch 50, squared-error loss on the output
 * neurons, on the 8,000 / 2,000 split. Prediction: argmax of the output at the free equilibrium.
 * The maths is in ../rules/eqprop.ts; this is the run shared by the widget and
 * `npm run reproduce -- eqprop`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../../lib/random';
import { BatchSampler, type ByteSource } from '../../../lib/data';
import { sgd, type UpdateRule } from '../../../lib/rules/update';
import { createEqPropNet, disposeEqPropNet, eqpropGradients, relax, type EqPropLoss, type EqPropNet, type EqPropState, type Nudging } from '../../../lib/rules/local/eqprop';
import { disposeGradients, eqpropAngle, eqpropAngleCurve, type EqPropAngleOptions } from '../../../lib/rules/local/eqprop-angles';
import { disposeSplit, loadFaSplit, type FaSplit } from './data';

/** 'random-sign': one-sided with β's sign drawn per minibatch (removes the O(β) bias on average). */
export type NudgingMode = Nudging | 'random-sign';

export interface EqPropConfig {
  /** Layer widths, input first: [784, 512, 10]. */
  sizes: number[];
  freeSteps: number;
  nudgedSteps: number;
  beta: number;
  nudging: NudgingMode;
  /** SGD learning rate per layer (weights and biases of that layer). */
  learningRates: number[];
  batchSize: number;
  seed: number;
  trainSize?: number;
  testSize?: number;
  /** Training digits (the first of the split) on which angles are measured. Default 100. */
  probeSize?: number;
  /**
   * Output and loss (default 'mse': sigmoid outputs, ½‖s_L − y‖²; 'cross-entropy': linear outputs in the
   * energy; 'softmax-readout': a readout outside the energy; see ../rules/eqprop.ts).
   */
  loss?: EqPropLoss;
}

export const EQPROP_DEFAULTS: EqPropConfig = {
  sizes: [784, 512, 10],
  freeSteps: 30,
  nudgedSteps: 10,
  beta: 0.1,
  nudging: 'random-sign',
  learningRates: [0.08, 0.04],
  batchSize: 50,
  seed: 0,
};

export interface EqPropMetrics {
  step: number;
  epoch: number;
  testAccuracy: number;
  /** mean ½‖s_L − y‖² (cross-entropy and readout: mean CE(softmax(s_L), y)) at the free equilibrium on the test digits. */
  testLoss: number;
  diverged: boolean;
}

/** Settings a running EqPropRun takes without a restart (see update). */
export type EqPropLiveSettings = Pick<EqPropConfig, 'beta' | 'nudging' | 'learningRates' | 'freeSteps' | 'nudgedSteps'>;

/**
 * Both phases on one digit, iteration by iteration, with the training's dynamics (T1, T2, β):
 * every frame is the state of all non-input neurons, layer after layer (widths `sizes`).
 */
export interface EqPropTrace {
  /** Index of the test digit, its pixels (784, in [0, 1]) and its label. */
  index: number;
  image: Float32Array;
  label: number;
  /** Widths of the non-input layers, e.g. [512, 10]. */
  sizes: number[];
  beta: number;
  nudging: Nudging;
  freeSteps: number;
  nudgedSteps: number;
  /** (freeSteps + 1) frames from s = 0: frame t is the state after t updates. */
  free: Float32Array;
  /** (nudgedSteps + 1) frames of the +β phase from the free state (frame 0 = the free state). */
  plus: Float32Array;
  /** The −β phase, symmetric nudging only. */
  minus: Float32Array | null;
}

export class EqPropRun {
  private diverged = false;
  private steps = 0;

  private constructor(
    readonly config: EqPropConfig,
    readonly net: EqPropNet,
    private readonly optimizers: UpdateRule[],
    private readonly split: FaSplit,
    private readonly sampler: BatchSampler,
    private readonly signs: Rng,
  ) {}

  static async create(config: EqPropConfig, source: ByteSource): Promise<EqPropRun> {
    if (config.learningRates.length !== config.sizes.length - 1) throw new Error('eqprop: one learning rate per layer');
    const split = await loadFaSplit(source, config.trainSize ?? 8000, config.testSize ?? 2000);
    const rng = createRng(config.seed);
    const net = createEqPropNet(config.sizes, rng.fork('init'), config.loss ?? 'mse');
    const n = split.train.x.shape[0];
    const sampler = new BatchSampler(Int32Array.from({ length: n }, (_, i) => i), config.batchSize, rng.fork('batches'));
    // A copy: update() changes the run's own settings, never the caller's object.
    return new EqPropRun({ ...config, learningRates: [...config.learningRates] }, net, config.learningRates.map((lr) => sgd(lr)), split, sampler, rng.fork('signs'));
  }

  /** Change β, the nudging, the learning rates or the phase lengths from the next step on. */
  update(partial: Partial<EqPropLiveSettings>): void {
    if (partial.learningRates) {
      if (partial.learningRates.length !== this.optimizers.length) throw new Error('eqprop: one learning rate per layer');
      partial.learningRates.forEach((lr, l) => (this.optimizers[l].learningRate = lr));
    }
    Object.assign(this.config, partial, partial.learningRates ? { learningRates: [...partial.learningRates] } : {});
  }

  /** Both phases on test digit `index` with the current weights (random sign shows +β; symmetric adds −β). */
  trace(index: number): EqPropTrace {
    const { freeSteps, nudgedSteps, beta } = this.config;
    const nudging: Nudging = this.config.nudging === 'symmetric' ? 'symmetric' : 'one-sided';
    const i = Math.max(0, Math.min(this.split.test.x.shape[0] - 1, Math.floor(index)));
    const [x, y] = tf.tidy(() => [tf.slice(this.split.test.x, [i, 0], [1, -1]), tf.slice(this.split.test.y, [i, 0], [1, -1])] as tf.Tensor2D[]);
    const record = (start: EqPropState | null, steps: number, b: number): { frames: Float32Array; end: EqPropState } => {
      const frames: tf.Tensor2D[] = [start ? tf.concat(start, 1) : tf.zeros([1, this.net.sizes.slice(1).reduce((a, w) => a + w, 0)])];
      const end = relax(this.net, x, y, start, steps, b, 1, (state) => frames.push(tf.concat(state, 1)));
      const stacked = tf.concat(frames, 0);
      const out = stacked.dataSync() as Float32Array;
      tf.dispose([stacked, ...frames]);
      return { frames: Float32Array.from(out), end };
    };
    const free = record(null, freeSteps, 0);
    const plus = record(free.end, nudgedSteps, beta);
    const minus = nudging === 'symmetric' ? record(free.end, nudgedSteps, -beta) : null;
    const image = Float32Array.from(x.dataSync());
    const label = y.dataSync().indexOf(1);
    tf.dispose([x, y, ...free.end, ...plus.end, ...(minus?.end ?? [])]);
    return {
      index: i,
      image,
      label,
      sizes: this.net.sizes.slice(1),
      beta,
      nudging,
      freeSteps,
      nudgedSteps,
      free: free.frames,
      plus: plus.frames,
      minus: minus?.frames ?? null,
    };
  }

  /** angle() for many β, one-sided and symmetric, sharing the free phase and the reference (see eqpropAngleCurve). */
  angleCurve(betas: readonly number[], options: EqPropAngleOptions = {}): { oneSided: number[]; symmetric: number[]; plusShift: number[]; minusShift: number[] } {
    const probe = Math.min(this.config.probeSize ?? 100, this.split.train.x.shape[0]);
    const [xs, ys] = tf.tidy(() => [tf.slice(this.split.train.x, [0, 0], [probe, -1]), tf.slice(this.split.train.y, [0, 0], [probe, -1])] as tf.Tensor2D[]);
    const curve = eqpropAngleCurve(this.net, xs, ys, betas, options);
    tf.dispose([xs, ys]);
    return curve;
  }

  get step(): number {
    return this.steps;
  }

  get stepsPerEpoch(): number {
    return Math.ceil(this.split.train.x.shape[0] / this.config.batchSize);
  }

  /** `steps` minibatches: free phase, nudged phase(s), local update. */
  train(steps: number): { step: number; diverged: boolean } {
    const { freeSteps, nudgedSteps, beta, nudging } = this.config;
    for (let i = 0; i < steps && !this.diverged; i++) {
      const positions = this.sampler.next();
      const [xb, yb] = tf.tidy(() => {
        const idx = tf.tensor1d(positions, 'int32');
        return [tf.gather(this.split.train.x, idx), tf.gather(this.split.train.y, idx)] as [tf.Tensor2D, tf.Tensor2D];
      });
      const signed = nudging === 'random-sign' && this.signs.next() < 0.5 ? -beta : beta;
      const free = relax(this.net, xb, yb, null, freeSteps, 0);
      const grads = eqpropGradients(this.net, xb, yb, free, signed, nudging === 'symmetric' ? 'symmetric' : 'one-sided', nudgedSteps);
      this.net.weights.forEach((w, l) => this.optimizers[l].apply([w, this.net.biases[l]], [grads.weights[l], grads.biases[l]]));
      const check = tf.tidy(() => tf.sum(tf.abs(grads.weights[0])));
      this.diverged = !Number.isFinite(check.dataSync()[0]);
      tf.dispose([xb, yb, check, ...free]);
      disposeGradients(grads);
      this.steps += 1;
    }
    return { step: this.steps, diverged: this.diverged };
  }

  evaluate(chunk = 500): EqPropMetrics {
    const total = this.split.test.x.shape[0];
    let correct = 0;
    let loss = 0;
    for (let start = 0; start < total; start += chunk) {
      const size = Math.min(chunk, total - start);
      const [xs, ys] = tf.tidy(() => [tf.slice(this.split.test.x, [start, 0], [size, -1]), tf.slice(this.split.test.y, [start, 0], [size, -1])] as tf.Tensor2D[]);
      const free = relax(this.net, xs, ys, null, this.config.freeSteps, 0);
      const out = free[free.length - 1];
      const [c, l] = tf.tidy(() => [
        tf.sum(tf.cast(tf.equal(tf.argMax(out, 1), tf.argMax(ys, 1)), 'float32')),
        this.net.loss !== 'mse' ? tf.neg(tf.sum(tf.mul(ys, tf.logSoftmax(out)))) : tf.mul(tf.sum(tf.square(tf.sub(out, ys))), 0.5),
      ]);
      correct += c.dataSync()[0];
      loss += l.dataSync()[0];
      tf.dispose([xs, ys, c, l, ...free]);
    }
    const testLoss = loss / total;
    this.diverged ||= !Number.isFinite(testLoss);
    return { step: this.steps, epoch: this.sampler.progress, testAccuracy: correct / total, testLoss, diverged: this.diverged };
  }

  /** EP's estimate at (β, nudging) vs the true gradient (recurrent backprop), on the first `probeSize` training digits. */
  angle(beta: number, nudging: Nudging, options: EqPropAngleOptions = {}): number {
    const probe = Math.min(this.config.probeSize ?? 100, this.split.train.x.shape[0]);
    const [xs, ys] = tf.tidy(() => [tf.slice(this.split.train.x, [0, 0], [probe, -1]), tf.slice(this.split.train.y, [0, 0], [probe, -1])] as tf.Tensor2D[]);
    const angle = eqpropAngle(this.net, xs, ys, beta, nudging, options);
    tf.dispose([xs, ys]);
    return angle;
  }

  dispose(): void {
    this.optimizers.forEach((o) => o.dispose());
    disposeEqPropNet(this.net);
    disposeSplit(this.split);
  }
}

export interface EqPropTable {
  /** Test accuracy after each epoch. */
  accuracy: EqPropMetrics[];
  /** Angle (degrees) to the true gradient at the end of training, for each β, one-sided and symmetric. */
  betas: number[];
  oneSided: number[];
  symmetric: number[];
  /** How far the +β and the −β phase move the output, mean ‖s_L^(±β) − s_L⁰‖ (see eqpropAngleCurve). */
  plusShift: number[];
  minusShift: number[];
}

/** Train `epochs` epochs (scoring after each), then measure the estimator's angle for each β (on `probeSize` training digits). */
export async function eqpropTable(config: EqPropConfig, epochs: number, betas: number[], source: ByteSource, angleOptions: EqPropAngleOptions = {}): Promise<EqPropTable> {
  const run = await EqPropRun.create(config, source);
  try {
    const accuracy: EqPropMetrics[] = [];
    for (let e = 0; e < epochs; e++) {
      run.train(run.stepsPerEpoch);
      accuracy.push(run.evaluate());
    }
    return { accuracy, betas, ...run.angleCurve(betas, angleOptions) };
  } finally {
    run.dispose();
  }
}

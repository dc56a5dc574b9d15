/**
 * Feedback alignment on MNIST (Lillicrap et al. 2016; Nøkland 2016; Liao, Leibo & Poggio 2016):
 * backprop, FA, DFA, sign symmetry and the output-layer-only baseline trained side by side from one
 * seed on the 8,000 / 2,000 split, with the angle of each rule's hidden δ to backprop's on a fixed
 * probe batch. The same class drives the chapter's comparison widget and `npm run reproduce -- fa-mnist`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ByteSource } from '../../../lib/data';
import type { Activation } from '../../../lib/nets/activations';
import type { OptimizerKind } from '../../../lib/rules/update';
import { disposeSplit, loadFaSplit, type FaSplit } from './data';
import { byRule, PairedRun } from '../../../lib/train/paired';

export interface FaMnistConfig {
  /** Hidden widths, e.g. [256] for 784-256-10. */
  hidden: number[];
  activation: Activation;
  /** Registered rule names, e.g. ['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only']. */
  rules: string[];
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** Digits of the split (default 8,000 / 2,000). */
  trainSize?: number;
  testSize?: number;
  /** Training digits on which the alignment angles are measured (the first of the split). Default 500. */
  probeSize?: number;
}

export interface FaRuleMetrics {
  rule: string;
  testLoss: number;
  testAccuracy: number;
  /** Angle (degrees) of this rule's δ to backprop's, per hidden layer, on the probe batch. */
  angles: number[];
  /** FA/DFA only: angle between the forward weights above each hidden layer and the feedback's transpose. */
  feedbackAngles: number[] | null;
}

export interface FaMnistMetrics {
  step: number;
  epoch: number;
  rules: FaRuleMetrics[];
  diverged: boolean;
}

/** science.md's MNIST protocol: 784-256-10 tanh, SGD 0.05, batch 32, W ~ U(±1/√fanIn), B ~ U(±1/√10). */
export const FA_MNIST_DEFAULTS: FaMnistConfig = {
  hidden: [256],
  activation: 'tanh',
  rules: ['backprop', 'fa', 'dfa', 'sign-symmetry', 'output-only'],
  optimizer: 'sgd',
  learningRate: 0.05,
  batchSize: 32,
  seed: 0,
};

/** science.md's deeper protocol: 784-256-256-10 tanh, Adam 1e-3, batch 64 (where DFA differs from FA). */
export const FA_MNIST_DEEP: FaMnistConfig = {
  ...FA_MNIST_DEFAULTS,
  hidden: [256, 256],
  rules: ['backprop', 'fa', 'dfa', 'sign-symmetry'],
  optimizer: 'adam',
  learningRate: 1e-3,
  batchSize: 64,
};

export class FaMnistRun {
  private diverged = false;

  private constructor(
    readonly config: FaMnistConfig,
    private readonly split: FaSplit,
    private readonly probe: { x: tf.Tensor2D; y: tf.Tensor2D },
    readonly paired: PairedRun,
  ) {}

  static async create(config: FaMnistConfig, source: ByteSource): Promise<FaMnistRun> {
    const split = await loadFaSplit(source, config.trainSize ?? 8000, config.testSize ?? 2000);
    const probeSize = Math.min(config.probeSize ?? 500, split.train.x.shape[0]);
    const probe = tf.tidy(() => ({ x: tf.slice(split.train.x, [0, 0], [probeSize, -1]), y: tf.slice(split.train.y, [0, 0], [probeSize, -1]) }));
    const paired = new PairedRun(
      {
        members: byRule({ spec: { sizes: [split.inputs, ...config.hidden, split.classes], activation: config.activation, init: 'uniform' }, optimizer: config.optimizer, learningRate: config.learningRate }, config.rules),
        batchSize: config.batchSize,
        seed: config.seed,
      },
      split.train,
    );
    return new FaMnistRun(config, split, probe, paired);
  }

  get step(): number {
    return this.paired.steps;
  }

  /** Steps in one pass over the training split. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.split.train.x.shape[0] / this.config.batchSize);
  }

  /** Run `steps` paired minibatch updates; stops once any rule's loss is not finite. */
  train(steps: number): { step: number; losses: number[]; diverged: boolean } {
    let losses: number[] = [];
    for (let i = 0; i < steps && !this.diverged; i++) {
      const results = this.paired.step();
      losses = results.map((r) => r.loss);
      this.diverged = results.some((r) => r.diverged);
    }
    return { step: this.step, losses, diverged: this.diverged };
  }

  /** Angles only (cheap: no test-set pass), per rule and hidden layer. */
  angles(): number[][] {
    return this.paired.angles(this.probe);
  }

  evaluate(): FaMnistMetrics {
    const evals = this.paired.evaluate(this.split.test);
    const angles = this.paired.angles(this.probe);
    const feedback = this.paired.feedbackAngles();
    return {
      step: this.step,
      epoch: this.paired.epoch,
      diverged: this.diverged || evals.some((e) => !Number.isFinite(e.loss)),
      rules: this.paired.names.map((rule, i) => ({
        rule,
        testLoss: evals[i].loss,
        testAccuracy: evals[i].accuracy,
        angles: angles[i],
        feedbackAngles: feedback[i],
      })),
    };
  }

  dispose(): void {
    this.paired.dispose();
    disposeSplit(this.split);
    tf.dispose([this.probe.x, this.probe.y]);
  }
}

export interface FaMnistTable {
  /** Test accuracy per rule after each epoch: accuracy[epoch - 1][rule index]. */
  rules: string[];
  accuracy: number[][];
  /** Mean angle over hidden layers of each rule to backprop, at each requested step. */
  angleSteps: number[];
  angles: number[][];
  /** FA/DFA feedback-weight angle (mean over hidden layers) at each requested step; null for other rules. */
  feedbackAngles: (number | null)[][];
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

/** Train `epochs` epochs; score every rule after each; record angles at `angleSteps` (steps ≤ the run). */
export async function faMnistTable(config: FaMnistConfig, epochs: number, angleSteps: number[], source: ByteSource): Promise<FaMnistTable> {
  const run = await FaMnistRun.create(config, source);
  try {
    const total = epochs * run.stepsPerEpoch;
    const checkpoints = [...new Set([...angleSteps.filter((s) => s <= total), ...Array.from({ length: epochs }, (_, e) => (e + 1) * run.stepsPerEpoch)])].sort(
      (a, b) => a - b,
    );
    const table: FaMnistTable = { rules: config.rules, accuracy: [], angleSteps: [], angles: [], feedbackAngles: [] };
    const record = () => {
      if (!angleSteps.includes(run.step)) return;
      table.angleSteps.push(run.step);
      table.angles.push(run.angles().map(mean));
      table.feedbackAngles.push(run.paired.feedbackAngles().map((f) => (f ? mean(f) : null)));
    };
    record();
    for (const checkpoint of checkpoints) {
      if (checkpoint === 0) continue;
      run.train(checkpoint - run.step);
      record();
      if (checkpoint % run.stepsPerEpoch === 0) table.accuracy.push(run.evaluate().rules.map((r) => r.testAccuracy));
    }
    return table;
  } finally {
    run.dispose();
  }
}

/**
 * The chapter's live comparison of learning rules on MNIST: paired runs (fa-paired.ts) of the chosen
 * rules for one seed or several consecutive seeds, all sharing one copy of the 8,000 / 2,000 split
 * (fa-data.ts). Under each seed every rule's network starts bit-identical and sees the same batches;
 * a checksum of each network's initial parameters is kept so the page can show, and a test can
 * assert, that they do. With one seed, 784-256-10 tanh, SGD 0.05, batch 32 and 500 probe digits it
 * is exactly `npm run reproduce -- fa-mnist`'s first experiment.
 *
 * Live settings (learning rate, optimizer, batch size) reach every network at once, so the rules
 * stay paired through a change. Owns its data and trainers; dispose() frees every tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ByteSource } from '../../../lib/data';
import type { Activation } from '../../../lib/nets/activations';
import { readParameters, type Mlp } from '../../../lib/nets/mlp';
import type { OptimizerKind } from '../../../lib/rules/update';
import { alignmentAngles, dfa, fa, feedbackWeightAngle, getRule, hasFeedbackMatrices, type FeedbackState, type LearningRule } from '../../../lib/rules/feedback';
import type { Trainer } from '../../../lib/train/trainer';
import { disposeSplit, loadFaSplit, type FaSplit } from './data';
import type { FaRuleMetrics } from './mnist';
import { byRule, PairedRun } from '../../../lib/train/paired';

export interface FaCompareConfig {
  /** Hidden widths, e.g. [256] for 784-256-10. */
  hidden: number[];
  activation: Activation;
  /** Registered rule names, e.g. ['backprop', 'fa', 'sign-symmetry', 'output-only']. */
  rules: string[];
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  /** Multiplies FA's and DFA's default feedback scale: B ~ U(±gain/√rows). Default 1. */
  feedbackGain?: number;
  seed: number;
  /** Paired runs from seeds seed, seed + 1, …, seed + seeds − 1. Default 1. */
  seeds?: number;
  /** Digits of the split (default 8,000 / 2,000) and training digits the angles are measured on (default 500). */
  trainSize?: number;
  testSize?: number;
  probeSize?: number;
}

export interface FaCompareMetrics {
  step: number;
  /** Passes over the training digits so far (fractional). */
  epoch: number;
  diverged: boolean;
  rules: string[];
  seeds: number[];
  /** results[s][r]: rule r under seed s (angles per hidden layer; feedbackAngles for FA and DFA only). */
  results: FaRuleMetrics[][];
  /** The live settings in force. */
  learningRate: number;
  optimizer: OptimizerKind;
  batchSize: number;
  /** initChecksums[s][r]: FNV-1a hash (8 hex digits) of rule r's initial weights and biases under seed s. */
  initChecksums: string[][];
}

/** FNV-1a over the bytes of every weight and bias: equal starts give equal checksums. */
export function parameterChecksum(net: Mlp): string {
  const { weights, biases } = readParameters(net);
  let hash = 0x811c9dc5;
  for (const array of [...weights, ...biases]) {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** FA or DFA with its feedback matrices scaled by `gain` after the usual draw (same directions, other size). */
function withGain(rule: LearningRule<FeedbackState>, gain: number): LearningRule<FeedbackState> {
  if (gain === 1) return rule;
  return {
    ...rule,
    init(net, rng) {
      const state = rule.init(net, rng);
      for (const b of state.matrices) tf.tidy(() => b.assign(tf.mul(b, gain)));
      return state;
    },
  };
}

export function compareRules(names: string[], gain = 1): LearningRule<unknown>[] {
  return names.map((name) => {
    if (name === 'fa') return withGain(fa, gain) as LearningRule<unknown>;
    if (name === 'dfa') return withGain(dfa, gain) as LearningRule<unknown>;
    return getRule(name);
  });
}

/** Angle of a trainer's δ to backprop's per hidden layer: 0 for backprop and 90 for output-only, exactly, without measuring. */
function ruleAngles(t: Trainer, probe: { x: tf.Tensor2D; y: tf.Tensor2D }): number[] {
  const hidden = t.net.weights.length - 1;
  if (t.rule.name === 'backprop') return new Array<number>(hidden).fill(0);
  if (t.rule.name === 'output-only') return new Array<number>(hidden).fill(90);
  return alignmentAngles(t.net, t.rule, t.ruleState, probe.x, probe.y);
}

export class FaCompareRun {
  private diverged = false;
  private readonly checksums: string[][];

  private constructor(
    readonly config: FaCompareConfig,
    private readonly split: FaSplit,
    private readonly probe: { x: tf.Tensor2D; y: tf.Tensor2D },
    readonly runs: PairedRun[],
  ) {
    this.checksums = runs.map((run) => run.trainers.map((t) => parameterChecksum(t.net)));
  }

  static async create(config: FaCompareConfig, source: ByteSource): Promise<FaCompareRun> {
    if (config.rules.length === 0) throw new RangeError('FaCompareRun: choose at least one learning rule');
    const split = await loadFaSplit(source, config.trainSize ?? 8000, config.testSize ?? 2000);
    const probeSize = Math.min(config.probeSize ?? 500, split.train.x.shape[0]);
    const probe = tf.tidy(() => ({ x: tf.slice(split.train.x, [0, 0], [probeSize, -1]), y: tf.slice(split.train.y, [0, 0], [probeSize, -1]) }));
    const seeds = Array.from({ length: Math.max(1, Math.floor(config.seeds ?? 1)) }, (_, i) => config.seed + i);
    const runs = seeds.map(
      (seed) =>
        new PairedRun(
          {
            members: byRule({ spec: { sizes: [split.inputs, ...config.hidden, split.classes], activation: config.activation, init: 'uniform' }, optimizer: config.optimizer, learningRate: config.learningRate }, compareRules(config.rules, config.feedbackGain ?? 1)),
            batchSize: config.batchSize,
            seed,
          },
          split.train,
        ),
    );
    return new FaCompareRun({ ...config }, split, probe, runs);
  }

  get step(): number {
    return this.runs[0].steps;
  }

  get seeds(): number[] {
    return this.runs.map((r) => r.config.seed);
  }

  /** Steps in one pass over the training digits at the current batch size. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.split.train.x.shape[0] / this.config.batchSize);
  }

  /** `steps` paired updates under every seed; stops once any network's loss is not finite. Reports the worst loss of the last step. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    let loss = NaN;
    for (let i = 0; i < steps && !this.diverged; i++) {
      loss = -Infinity;
      for (const run of this.runs) {
        for (const r of run.step()) {
          if (r.diverged) this.diverged = true;
          loss = Number.isNaN(loss) || Number.isNaN(r.loss) ? NaN : Math.max(loss, r.loss);
        }
      }
    }
    return { step: this.step, loss, diverged: this.diverged };
  }

  update(partial: Partial<FaCompareConfig>): void {
    // The live settings (the run kind's live keys); other fields need a new run.
    const { learningRate, optimizer, batchSize } = partial;
    const live = { learningRate, optimizer, batchSize };
    for (const run of this.runs) run.update(live);
    if (learningRate !== undefined) this.config.learningRate = learningRate;
    if (optimizer !== undefined) this.config.optimizer = optimizer;
    if (batchSize !== undefined) this.config.batchSize = batchSize;
  }

  evaluate(): FaCompareMetrics {
    const results = this.runs.map((run) => {
      const evals = run.evaluate(this.split.test);
      return run.trainers.map(
        (t, i): FaRuleMetrics => ({
          rule: t.rule.name,
          testLoss: evals[i].loss,
          testAccuracy: evals[i].accuracy,
          angles: ruleAngles(t, this.probe),
          feedbackAngles: hasFeedbackMatrices(t.ruleState) ? feedbackWeightAngle(t.net, t.ruleState) : null,
        }),
      );
    });
    return {
      step: this.step,
      epoch: this.runs[0].epoch,
      diverged: this.diverged || results.some((row) => row.some((m) => !Number.isFinite(m.testLoss))),
      rules: [...this.config.rules],
      seeds: this.seeds,
      results,
      learningRate: this.config.learningRate,
      optimizer: this.config.optimizer,
      batchSize: this.config.batchSize,
      initChecksums: this.checksums.map((row) => [...row]),
    };
  }

  dispose(): void {
    this.runs.forEach((r) => r.dispose());
    disposeSplit(this.split);
    tf.dispose([this.probe.x, this.probe.y]);
  }
}

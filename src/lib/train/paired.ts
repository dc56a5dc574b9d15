/**
 * Paired runs: N networks made from ONE seed that differ in one field of their trainer config — the
 * feedback rule (backprop vs FA), the update rule (GD vs EG), the architecture or the width. They share
 * the seed, so networks of one architecture start bit-identical (Trainer forks 'init' from it), and one
 * BatchSampler feeds them the same minibatches in the same order (one gathered batch per step). Any
 * difference between their curves comes from the field that differs. `varying(base, key, values)`
 * writes the members; `byRule` the common case. Drives the side-by-side widgets and reproduce tables.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../random';
import { BatchSampler } from '../data';
import type { UpdateRuleName } from '../rules/update';
import { alignmentAngles, feedbackWeightAngle, hasFeedbackMatrices, type AlignmentOptions, type LearningRule } from '../rules/feedback';
import { Trainer, type Evaluation, type StepResult, type TrainerConfig } from './trainer';

/** One network of a paired run: a trainer config without the seed, which the run gives them all. */
export type PairedMember = Omit<TrainerConfig, 'seed'>;

export interface PairedConfig {
  members: PairedMember[];
  batchSize: number;
  seed: number;
}

/** Members that are `base` in everything but `key`, one per value: e.g. varying(base, 'optimizer', ['sgd', 'eg']). */
export function varying<K extends keyof PairedMember>(base: PairedMember, key: K, values: readonly PairedMember[K][]): PairedMember[] {
  return values.map((value) => ({ ...base, [key]: value }));
}

/** A paired run of feedback rules (registered names or rule objects), e.g. ['backprop', 'fa']. */
export function byRule(base: Omit<PairedMember, 'rule'>, rules: readonly (string | LearningRule<unknown>)[]): PairedMember[] {
  return varying(base, 'rule', rules);
}

export interface LabelledData {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

/** The trainers of one paired comparison and the batch sequence they share. Owns the trainers, not the data. */
export class PairedRun {
  readonly trainers: Trainer[];
  private readonly sampler: BatchSampler;

  constructor(
    readonly config: PairedConfig,
    private readonly train: LabelledData,
  ) {
    // Every trainer gets the same seed: same initial weights; the rule state comes from the same stream.
    this.trainers = config.members.map((member) => new Trainer({ ...member, seed: config.seed }));
    const n = train.x.shape[0];
    this.sampler = new BatchSampler(Int32Array.from({ length: n }, (_, i) => i), config.batchSize, createRng(config.seed).fork('batches'));
  }

  get steps(): number {
    return this.trainers[0].steps;
  }

  /** Passes over the training data so far (fractional). */
  get epoch(): number {
    return this.sampler.progress;
  }

  get names(): string[] {
    return this.trainers.map((t) => t.rule.name);
  }

  /** One minibatch, gathered once and given to every trainer. Returns each trainer's step metrics. */
  step(): StepResult[] {
    const positions = this.sampler.next();
    const [xb, yb] = tf.tidy(() => {
      const idx = tf.tensor1d(positions, 'int32');
      return [tf.gather(this.train.x, idx), tf.gather(this.train.y, idx)] as [tf.Tensor2D, tf.Tensor2D];
    });
    const results = this.trainers.map((t) => t.step(xb, yb));
    tf.dispose([xb, yb]);
    return results;
  }

  /**
   * Live settings, applied to every trainer at once so the rules stay paired: the learning rate and
   * optimizer from the next update (a new optimizer starts its moments afresh), the batch size from
   * the next batch (the current epoch goes on where it was).
   */
  update(partial: { learningRate?: number; optimizer?: UpdateRuleName; batchSize?: number }): void {
    for (const t of this.trainers) {
      if (partial.optimizer !== undefined) t.setOptimizer(partial.optimizer);
      if (partial.learningRate !== undefined) t.setLearningRate(partial.learningRate);
    }
    if (partial.batchSize !== undefined) this.sampler.setBatchSize(partial.batchSize);
  }

  evaluate(data: LabelledData): Evaluation[] {
    return this.trainers.map((t) => t.evaluate(data.x, data.y));
  }

  /** Per trainer, per hidden layer: angle (degrees) of its δ to backprop's on (x, y), at its own weights. */
  angles(probe: LabelledData, options: AlignmentOptions = {}): number[][] {
    return this.trainers.map((t) => alignmentAngles(t.net, t.rule, t.ruleState, probe.x, probe.y, options));
  }

  /** Per trainer: angle(W, Bᵀ) per hidden layer for FA/DFA, null for rules without feedback matrices. */
  feedbackAngles(): (number[] | null)[] {
    return this.trainers.map((t) => (hasFeedbackMatrices(t.ruleState) ? feedbackWeightAngle(t.net, t.ruleState) : null));
  }

  dispose(): void {
    this.trainers.forEach((t) => t.dispose());
  }
}

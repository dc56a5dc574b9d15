/**
 * Robustness curves, computed a little at a time: accuracy against ε of the clean-, FGSM- and
 * PGD-trained MLPs, each attacked by FGSM and by PGD, on the first `testSize` test digits.
 *
 * The work is a fixed list of points, one per (ε, model, attack), ordered ε by ε so that every curve
 * grows from left to right together. A unit of work is one step (train(1)): scoring a clean point,
 * one FGSM point, or one PGD iteration on all the digits (the last one scores the point). So a
 * widget draws each point as soon as it exists, and a call never blocks the worker for long.
 *
 * PGD uses Madry et al.'s rule of thumb α = 2.5 ε / iterations, from a random start drawn from
 * createRng(seed) forked per point, so the same seed gives the same curves on every backend.
 * Sources: Goodfellow et al. 2015 (FGSM, FGSM training); Madry et al. 2018 (PGD, PGD training);
 * Athalye, Carlini & Wagner 2018 (robustness that a weak attack measures can be false).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { loadDataset, subsetIndices, toTensors, type ByteSource } from '../../../lib/data';
import { probabilities, type Classifier } from '../../../lib/classifiers/classifier';
import { loadPretrained } from '../../../lib/classifiers/pretrained';
import { fgsm } from '../../../lib/attacks/fgsm';
import { pgdStart, pgdStep } from '../../../lib/attacks/pgd';
import { ROBUSTNESS_MODELS } from './tables';

export interface RobustnessSweepSettings {
  /** Test digits each point is measured on. */
  testSize: number;
  /** PGD iterations per point (step size 2.5 ε / iterations). */
  pgdIterations: number;
  /** Largest ε; the curves are measured at every `epsilonStep` from 0 to it. */
  maxEpsilon: number;
  epsilonStep: number;
  seed: number;
}

export interface RobustnessSweepConfig extends RobustnessSweepSettings {
  /** Absolute URL of the models folder (public/models), ending in '/'. */
  modelsUrl: string;
}

export type SweepAttack = 'fgsm' | 'pgd';
export type SweepModel = (typeof ROBUSTNESS_MODELS)[number]['name'];

export interface SweepPoint {
  model: SweepModel;
  attack: SweepAttack;
  epsilon: number;
  accuracy: number;
}

export interface RobustnessSnapshot {
  step: number;
  totalSteps: number;
  /** Every point measured so far, in the order measured. Clean points (ε 0) count for both attacks. */
  points: SweepPoint[];
  /** The point being measured, with its PGD iteration (null when all are done). */
  current: { model: SweepModel; attack: SweepAttack; epsilon: number; iteration: number; iterations: number } | null;
  /** The step at which the next point will exist (for a widget's Step button). */
  nextPointStep: number;
  testSize: number;
}

interface Task {
  model: SweepModel;
  attack: SweepAttack | 'none';
  epsilon: number;
  /** Units of work: 1, or the PGD iterations. */
  units: number;
}

/** The ε grid: 0, step, 2·step, … up to max (rounded to the step's precision). */
export function epsilonGrid(maxEpsilon: number, step: number): number[] {
  const n = Math.floor(maxEpsilon / step + 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toFixed(6)));
}

/** The points in the order they are measured: clean first, then ε by ε, model by model, FGSM then PGD. */
export function sweepTasks(settings: RobustnessSweepSettings): Task[] {
  const models = ROBUSTNESS_MODELS.map((m) => m.name);
  const tasks: Task[] = models.map((model) => ({ model, attack: 'none', epsilon: 0, units: 1 }));
  for (const epsilon of epsilonGrid(settings.maxEpsilon, settings.epsilonStep).slice(1)) {
    for (const model of models) {
      tasks.push({ model, attack: 'fgsm', epsilon, units: 1 });
      tasks.push({ model, attack: 'pgd', epsilon, units: settings.pgdIterations });
    }
  }
  return tasks;
}

export class RobustnessSweep {
  private task = 0;
  private unit = 0;
  private done = 0;
  private adversarial: tf.Tensor2D | null = null;
  private readonly points: SweepPoint[] = [];
  private readonly tasks: Task[];
  private readonly total: number;

  private constructor(
    private readonly settings: RobustnessSweepSettings,
    private readonly models: Map<SweepModel, Classifier>,
    private readonly test: { x: tf.Tensor2D; y: tf.Tensor2D },
  ) {
    this.tasks = sweepTasks(settings);
    this.total = this.tasks.reduce((s, t) => s + t.units, 0);
  }

  static async create(settings: RobustnessSweepSettings, sources: { data: ByteSource; models: ByteSource }): Promise<RobustnessSweep> {
    const models = new Map<SweepModel, Classifier>();
    try {
      for (const { name } of ROBUSTNESS_MODELS) models.set(name, (await loadPretrained(name, sources.models)).model);
      // The first testSize digits of loadTestSet's order (adversarial-models.ts): a seed-0 permutation.
      const test = await loadDataset('mnist', 'test', sources.data);
      return new RobustnessSweep({ ...settings }, models, toTensors(test, subsetIndices(test.n, settings.testSize, createRng(0))));
    } catch (err) {
      models.forEach((m) => m.dispose());
      throw err;
    }
  }

  get step(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.task >= this.tasks.length;
  }

  /** Up to n units of work. The "loss" is the latest point's error rate (for the trainer's report). */
  train(n: number): { step: number; loss: number; diverged: boolean } {
    for (let i = 0; i < n && !this.finished; i++) this.work();
    const last = this.points.at(-1);
    return { step: this.done, loss: last ? 1 - last.accuracy : NaN, diverged: false };
  }

  snapshot(): RobustnessSnapshot {
    const t = this.tasks[this.task];
    let next = this.done;
    if (t) next += t.units - this.unit;
    return {
      step: this.done,
      totalSteps: this.total,
      points: this.points.slice(),
      current: t ? { model: t.model, attack: t.attack === 'none' ? 'fgsm' : t.attack, epsilon: t.epsilon, iteration: this.unit, iterations: t.units } : null,
      nextPointStep: next,
      testSize: this.settings.testSize,
    };
  }

  dispose(): void {
    this.adversarial?.dispose();
    this.adversarial = null;
    this.models.forEach((m) => m.dispose());
    this.models.clear();
    tf.dispose([this.test.x, this.test.y]);
  }

  private work(): void {
    const t = this.tasks[this.task];
    const model = this.models.get(t.model) as Classifier;
    const { x, y } = this.test;
    if (t.attack === 'none') {
      this.record(t, this.score(model, x));
    } else if (t.attack === 'fgsm') {
      const adv = fgsm(model, x, y, { epsilon: t.epsilon });
      this.record(t, this.score(model, adv));
      adv.dispose();
    } else {
      const stepSize = (2.5 * t.epsilon) / t.units;
      if (this.unit === 0) {
        this.adversarial = pgdStart(x, t.epsilon, createRng(this.settings.seed).fork(`${t.model}/${t.epsilon}`));
      }
      const current = this.adversarial as tf.Tensor2D;
      this.adversarial = pgdStep(model, current, x, y, { epsilon: t.epsilon, stepSize });
      current.dispose();
      this.unit += 1;
      if (this.unit < t.units) {
        this.done += 1;
        return;
      }
      this.record(t, this.score(model, this.adversarial));
      this.adversarial.dispose();
      this.adversarial = null;
    }
  }

  private record(t: Task, accuracy: number): void {
    if (t.attack === 'none') {
      this.points.push({ model: t.model, attack: 'fgsm', epsilon: 0, accuracy }, { model: t.model, attack: 'pgd', epsilon: 0, accuracy });
    } else {
      this.points.push({ model: t.model, attack: t.attack, epsilon: t.epsilon, accuracy });
    }
    this.done += 1;
    this.task += 1;
    this.unit = 0;
  }

  private score(model: Classifier, images: tf.Tensor2D): number {
    const correct = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probabilities(model, images), 1), tf.argMax(this.test.y, 1)), 'float32')));
    const value = correct.dataSync()[0];
    correct.dispose();
    return value / images.shape[0];
  }
}

/**
 * The attack lab's session, one per widget run: a model (the shipped weights, or retrained here from
 * its recipe and seed), one digit (a test digit or one the reader drew) and one attack that advances
 * a frame at a time, so a widget can animate it, step through it, or run it to the end at once.
 *
 *   train(n)     while retraining: n Adam steps; afterwards: n attack frames
 *   snapshot()   what the widget draws: the clean and attacked images, both predictions, the trace
 *   update(p)    a new digit, drawing or attack setting: the attack rewinds to its start
 *
 * Frames come from AttackLab (./adversarial-lab.ts): FGSM gives one, PGD its random start and then
 * one per iteration, NES one per gradient estimate (2n + 1 queries). The true class is the test
 * digit's label, or for a drawing the model's own answer on it ("make it say anything else").
 * Everything is seeded: the same settings give the same frames on every run.
 *
 * Over 300 lines on purpose: the session's three phases (retrain, attack, rewind) share its state;
 * the attacks themselves live in ./adversarial-lab.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { loadDataset, subsetIndices, toTensors, type ByteSource, type ImageDataset } from '../../../lib/data';
import { accuracy, probabilities } from '../../../lib/classifiers/classifier';
import { loadPretrained } from '../../../lib/classifiers/pretrained';
import { AttackLab, type LabAttack, type LabFrame } from './lab';
import {
  FGSM_CURVE,
  LAB_NES,
  RETRAIN_TEST_SIZE,
  galleryIndices,
  type AttackLabSettings,
  type AttackLabSnapshot,
  type LabCurvePoint,
  type LabModelInfo,
  type LabTracePoint,
} from './lab-snapshot';
// Type only: the training code loads (a separate chunk in the worker) only when the reader asks to retrain.
import type { ModelTraining } from './models';

const ACCURACY_CHUNK = 250;

const argmax = (p: ArrayLike<number>) => {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
};


export class AttackLabSession {
  private lab: AttackLab | null = null;
  private training: ModelTraining | null = null;
  private scoring: { x: tf.Tensor2D; y: tf.Tensor2D; correct: number; done: number } | null = null;
  private info: LabModelInfo | null = null;
  /** The retrained model's description (its recipe's). */
  private about = '';
  private image: Float32Array = new Float32Array(784);
  private label = 0;
  private clean: Float32Array = new Float32Array(10);
  private frames: Generator<LabFrame, void, void> | null = null;
  private frame: (LabFrame & { success: boolean }) | null = null;
  private taken = 0;
  private finished = false;
  private trace: LabTracePoint[] = [];
  private curve: LabCurvePoint[] | null = null;

  private constructor(
    private settings: AttackLabSettings,
    private readonly test: ImageDataset,
    private readonly gallery: number[],
  ) {}

  /** A session on the shipped weights (ready at once) or a retraining one (train() until ready). */
  static async create(settings: AttackLabSettings, sources: { data: ByteSource; models: ByteSource }): Promise<AttackLabSession> {
    const test = await loadDataset('mnist', 'test', sources.data);
    // loadTestSet's order (adversarial-models.ts): a seed-0 permutation of the test digits.
    const order = createRng(0).permutation(test.n);
    const session = new AttackLabSession({ ...settings }, test, galleryIndices(test.labels, order));
    if (settings.weights === 'shipped') {
      const { model, manifest } = await loadPretrained(settings.model, sources.models);
      session.lab = AttackLab.of(model);
      session.info = {
        kind: settings.model,
        weights: 'shipped',
        about: manifest.about,
        origin: { kind: 'shipped', steps: typeof manifest.training.steps === 'number' ? manifest.training.steps : null, seed: manifest.seed },
        parameters: model.parameters().reduce((s, p) => s + p.size, 0),
        testAccuracy: manifest.testAccuracy.stored,
        testImages: manifest.testAccuracy.testImages,
      };
    } else {
      const { ModelTraining, RECIPES } = await import('./models');
      const recipe = RECIPES[settings.model];
      session.about = recipe.about;
      session.training = await ModelTraining.create(settings.model, { ...recipe.options, seed: settings.seed, epochs: settings.epochs }, sources.data);
    }
    session.setImage();
    return session;
  }

  get ready(): boolean {
    return this.lab !== null;
  }

  /** Training steps while retraining, attack frames afterwards. */
  get step(): number {
    return this.lab ? this.taken : (this.training?.steps ?? 0) + (this.scoring?.done ?? 0);
  }

  /** Retraining: its steps plus one per scoring chunk of the test digits. */
  get trainingTotal(): number {
    return this.training ? this.training.totalSteps + Math.ceil(RETRAIN_TEST_SIZE / ACCURACY_CHUNK) : 0;
  }

  get maxFrames(): number {
    const s = this.settings;
    if (s.attack === 'fgsm') return 1;
    if (s.attack === 'pgd') return s.iterations + 1;
    return Math.max(1, Math.floor((s.maxQueries - 1) / (2 * s.samples + 1)));
  }

  /** n training steps (or scoring chunks) while retraining; n attack frames once ready. */
  train(n: number): { step: number; loss: number; diverged: boolean } {
    if (!this.lab) return this.trainModel(n);
    for (let i = 0; i < n && !this.finished; i++) this.nextFrame();
    return { step: this.taken, loss: this.frame ? this.goalLoss(this.frame.probabilities) : NaN, diverged: false };
  }

  update(partial: Partial<AttackLabSettings>): void {
    const imageChanged = 'image' in partial || ('digit' in partial && partial.digit !== this.settings.digit);
    this.settings = { ...this.settings, ...partial };
    if (imageChanged) this.setImage();
    this.rewind();
  }

  snapshot(): AttackLabSnapshot {
    const training = this.training ? { step: this.step, total: this.trainingTotal, loss: this.training.lastLoss } : null;
    return {
      step: this.step,
      phase: this.lab ? 'ready' : 'training',
      training: this.lab ? null : training,
      model: this.info,
      image: this.image.slice(),
      label: this.label,
      labelKnown: this.settings.image === null,
      clean: this.clean.slice(),
      frame: this.frame && { ...this.frame, adversarial: this.frame.adversarial.slice(), probabilities: this.frame.probabilities.slice() },
      frames: this.taken,
      maxFrames: this.maxFrames,
      done: this.finished,
      trace: this.trace.slice(),
      curve: this.curve && this.curve.slice(),
    };
  }

  /** The gallery's test digits (grey levels 0..255) and labels. */
  galleryImages(count = this.gallery.length): { images: Uint8Array; labels: Uint8Array } {
    const d = this.test.rows * this.test.cols;
    const picked = this.gallery.slice(0, count);
    const images = new Uint8Array(picked.length * d);
    picked.forEach((idx, i) => images.set(this.test.images.subarray(idx * d, (idx + 1) * d), i * d));
    return { images, labels: Uint8Array.from(picked, (idx) => this.test.labels[idx]) };
  }

  dispose(): void {
    this.frames?.return();
    this.frames = null;
    this.lab?.dispose();
    this.lab = null;
    this.training?.dispose();
    this.training = null;
    if (this.scoring) tf.dispose([this.scoring.x, this.scoring.y]);
    this.scoring = null;
  }

  private trainModel(n: number): { step: number; loss: number; diverged: boolean } {
    const run = this.training as ModelTraining;
    const left = run.totalSteps - run.steps;
    if (left > 0) {
      const loss = run.train(Math.min(n, left));
      if (!Number.isFinite(loss)) return { step: this.step, loss, diverged: true };
      return { step: this.step, loss, diverged: false };
    }
    // Then scoring on loadTestSet's first RETRAIN_TEST_SIZE digits, a chunk per step.
    this.scoring ??= { ...toTensors(this.test, subsetIndices(this.test.n, RETRAIN_TEST_SIZE, createRng(0))), correct: 0, done: 0 };
    const s = this.scoring;
    const chunks = Math.ceil(RETRAIN_TEST_SIZE / ACCURACY_CHUNK);
    for (let i = 0; i < n && s.done < chunks; i++) {
      const start = s.done * ACCURACY_CHUNK;
      const size = Math.min(ACCURACY_CHUNK, RETRAIN_TEST_SIZE - start);
      const x = tf.slice(s.x, [start, 0], [size, -1]);
      const y = tf.slice(s.y, [start, 0], [size, -1]);
      s.correct += Math.round(accuracy(run.current, x, y, ACCURACY_CHUNK) * size);
      tf.dispose([x, y]);
      s.done += 1;
    }
    const step = this.step;
    if (s.done >= chunks) this.finishTraining();
    return { step, loss: run.lastLoss, diverged: false };
  }

  private finishTraining(): void {
    const run = this.training as ModelTraining;
    const s = this.scoring as NonNullable<AttackLabSession['scoring']>;
    const steps = run.steps;
    const model = run.release();
    this.training = null;
    tf.dispose([s.x, s.y]);
    this.scoring = null;
    this.lab = AttackLab.of(model);
    this.info = {
      kind: this.settings.model,
      weights: 'retrain',
      about: this.about,
      origin: { kind: 'retrained', steps, seed: this.settings.seed },
      parameters: model.parameters().reduce((sum, p) => sum + p.size, 0),
      testAccuracy: s.correct / RETRAIN_TEST_SIZE,
      testImages: RETRAIN_TEST_SIZE,
    };
    this.setImage();
    this.rewind();
  }

  private setImage(): void {
    const { image, digit } = this.settings;
    const d = this.test.rows * this.test.cols;
    let label = -1;
    if (image) {
      this.image = Float32Array.from(image);
    } else {
      const idx = this.gallery[Math.min(Math.max(0, Math.round(digit)), this.gallery.length - 1)];
      this.image = Float32Array.from(this.test.images.subarray(idx * d, (idx + 1) * d), (v) => v / 255);
      label = this.test.labels[idx];
    }
    this.clean = this.lab ? this.lab.probabilities(this.image) : new Float32Array(10);
    this.label = label >= 0 ? label : argmax(this.clean);
  }

  private attackSpec(): LabAttack {
    const s = this.settings;
    if (s.attack === 'fgsm') return { kind: 'fgsm', epsilon: s.epsilon };
    if (s.attack === 'pgd') return { kind: 'pgd', epsilon: s.epsilon, stepSize: s.stepSize, iterations: s.iterations, seed: s.seed };
    return { kind: 'nes', epsilon: s.epsilon, sigma: LAB_NES.sigma, samples: s.samples, stepSize: LAB_NES.stepSize, maxQueries: s.maxQueries, seed: s.seed };
  }

  private get target(): number | undefined {
    return this.settings.target >= 0 ? this.settings.target : undefined;
  }

  private rewind(): void {
    this.frames?.return();
    this.frames = null;
    this.frame = null;
    this.taken = 0;
    this.finished = false;
    this.trace = [];
    this.curve = null;
  }

  private nextFrame(): void {
    const lab = this.lab as AttackLab;
    this.frames ??= lab.attack(this.image, this.label, this.attackSpec(), this.target);
    const r = this.frames.next();
    if (r.done) {
      this.finished = true;
      this.frames = null;
      return;
    }
    const f = r.value;
    const predicted = argmax(f.probabilities);
    const success = this.target === undefined ? predicted !== this.label : predicted === this.target;
    this.frame = { ...f, success };
    this.taken += 1;
    this.trace.push({ iteration: f.iteration, queries: f.queries, pTrue: f.probabilities[this.label], pGoal: this.goalProbability(f.probabilities), predicted });
    const s = this.settings;
    if (s.attack === 'fgsm') this.curve = this.fgsmCurve();
    const nesOver = s.attack === 'nes' && (success || f.queries + 2 * s.samples + 1 > s.maxQueries);
    if (this.taken >= this.maxFrames || nesOver) {
      this.finished = true;
      this.frames.return();
      this.frames = null;
    }
  }

  /** FGSM's answer at every ε of FGSM_CURVE: x + ε sign ∇ₓJ for all of them in one batch. */
  private fgsmCurve(): LabCurvePoint[] {
    const model = (this.lab as AttackLab).model;
    const classes = model.classes;
    const oneHot = (c: number) => tf.tensor2d(Float32Array.from({ length: classes }, (_, j) => (j === c ? 1 : 0)), [1, classes]);
    const probs = tf.tidy(() => {
      const x = tf.tensor2d(this.image, [1, this.image.length]);
      const direction = tf.sign(model.inputGradient(x, oneHot(this.label), this.target === undefined ? undefined : oneHot(this.target)));
      const steps = tf.tensor2d(FGSM_CURVE, [FGSM_CURVE.length, 1]);
      return probabilities(model, tf.clipByValue(tf.add(x, tf.mul(steps, direction)), 0, 1));
    });
    const p = probs.dataSync() as Float32Array;
    probs.dispose();
    return FGSM_CURVE.map((epsilon, i) => {
      const row = p.subarray(i * classes, (i + 1) * classes);
      return { epsilon, pTrue: row[this.label], pGoal: this.goalProbability(row), predicted: argmax(row) };
    });
  }

  /** The target's probability, or the best wrong class's. */
  private goalProbability(p: Float32Array): number {
    if (this.target !== undefined) return p[this.target];
    let best = 0;
    for (let j = 0; j < p.length; j++) if (j !== this.label && p[j] > best) best = p[j];
    return best;
  }

  /** log p(goal) − log p(true): positive once the attack wins (untargeted). */
  private goalLoss(p: Float32Array): number {
    return Math.log(Math.max(this.goalProbability(p), 1e-30)) - Math.log(Math.max(p[this.label], 1e-30));
  }
}

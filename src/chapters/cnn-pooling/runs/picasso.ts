/**
 * Picasso (live run): what the five nets say when the parts stay and the arrangement goes.
 *   Faces: nets trained on faces vs non-faces see a face whose parts move, as `t` goes from 0 (the
 *   face) to 1 (its scrambled twin: the mouth off the bottom, the other parts shuffled), each part on
 *   a straight line (src/lib/data/faces.ts). evaluate() sends the face at every t of T_SWEEP (21
 *   images, 0, 0.05, …, 1) and every net's P(face) at each, so the page answers a t-slider move by a
 *   lookup; they go through the nets once per face and weights.
 *   Digits: the digit nets see a gallery test digit and the same digit with its quadrants swapped
 *   diagonally.
 * The tally (share of scrambled faces called "face", of swapped digits keeping their label) is
 * measured a batch at a time, `TALLY_BUDGET_MS` per evaluation, for weights that held still. Shipped
 * weights, or all ten nets trained here from the run's seed (digits: 375 steps; faces: 189).
 */
import { createRng } from '../../../lib/random';
import type { ByteSource } from '../../../lib/data';
import { blendLayouts, drawLayout, scrambledLayouts, type FaceLayout } from '../../../lib/data/faces';
import { permuteQuadrants } from '../../../lib/data/scramble';
import { argmaxRows, softmaxRows } from '../../../lib/invariance/metrics';
import { firstImages, galleryIndices, SIDE, type LabeledImages } from '../data';
import { epochSteps, type FaceTask } from '../experiments';
import { NET_IDS, NETS, PROTOCOL, type NetId } from '../nets';
import { within } from './measure';
import { NetSeries } from './net-series';
import { FACE_TRAIN, openDigits, openFaces, type RunBase } from './nets-for-run';
import { PicassoScores, type PicassoTally } from './picasso-scores';

const PIXELS = SIDE * SIDE;
/** Faces the slider can show (their own seeded stream, apart from the scored test faces). */
export const PICASSO_FACES = 24;
export const T_SWEEP = Array.from({ length: 21 }, (_, k) => k / 20);
export const TALLY_BUDGET_MS = 30;

export interface PicassoConfig extends RunBase {
  /** Which face (0 … 23). */
  face: number;
  /** Which gallery test digit (0 … 19) to show with its quadrants swapped. */
  digit: number;
  /** Held-out faces (and scrambled twins), and test digits, behind the tally. */
  scoreImages: number;
}

export const PICASSO_DEFAULTS: PicassoConfig = { seed: 1, weights: 'pretrained', face: 0, digit: 0, scoreImages: 500 };
export const PICASSO_LIVE_KEYS: readonly (keyof PicassoConfig)[] = ['face', 'digit'];

export interface PicassoMetrics {
  step: number;
  total: number;
  training: number;
  loss: number;
  nets: NetId[];
  labels: string[];
  /** The face at every t of T_SWEEP (784 floats each) and P(face)[net][k] there. */
  face: { index: number; t: number[]; images: number[][]; pFace: number[][] };
  /** The digit and its swapped twin, its label, and each net's answer (and probability) on both. */
  digit: { slot: number; label: number; original: number[]; swapped: number[]; originalTop: number[]; swappedTop: number[]; originalConfidence: number[]; swappedConfidence: number[] };
  tally: PicassoTally;
  pending: boolean;
  /** Milliseconds for the face sweep and the digit (0 when unchanged). */
  probeMs: number;
  diverged: boolean;
}

type DigitAnswers = PicassoMetrics['digit'];

export class PicassoRun {
  private faceSweep: { key: string; images: number[][]; pFace: number[][] } | null = null;
  private digitAnswers: { key: string; value: DigitAnswers } | null = null;
  private scores: { step: number; value: PicassoScores } | null = null;
  private seenStep = -1;
  private readonly gallery: number[];
  private diverged = false;

  private constructor(
    readonly config: PicassoConfig,
    private readonly digitNets: NetSeries,
    private readonly faceNets: NetSeries,
    private readonly test: LabeledImages,
    private readonly faces: FaceTask,
    private readonly layouts: { face: FaceLayout; scrambled: FaceLayout }[],
  ) {
    this.gallery = galleryIndices(test.labels, 2);
    this.seenStep = digitNets.step;
  }

  static async create(config: PicassoConfig, source: ByteSource, models: ByteSource): Promise<PicassoRun> {
    const { train, test } = await openDigits(config, source);
    const faces = openFaces(config, config.scoreImages);
    const [digitNets, faceNets] = await Promise.all([
      NetSeries.open('digits', NET_IDS, config, 1, epochSteps(train.n || PROTOCOL.trainSize), train, models),
      NetSeries.open('faces', NET_IDS, config, 1, epochSteps(faces.train.n || FACE_TRAIN), faces.train, models),
    ]);
    const layouts = scrambledLayouts(PICASSO_FACES, createRng(0).fork('picasso-slider'));
    return new PicassoRun({ ...config }, digitNets, faceNets, test, faces, layouts);
  }

  get step(): number {
    return this.digitNets.step;
  }

  /** Both sets of nets `steps` more steps (the face nets stop at their own end). */
  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }> {
    const a = await this.digitNets.train(steps);
    const b = await this.faceNets.train(steps);
    this.diverged ||= a.diverged || b.diverged;
    const loss = Number.isFinite(b.loss) ? (a.loss + b.loss) / 2 : a.loss;
    return { step: a.step, loss, diverged: this.diverged };
  }

  /** P(face)[net][k] for images [n × 784]. */
  private pFace(images: Float32Array, n: number): number[][] {
    const nets = this.faceNets.first;
    return NET_IDS.map((id) => {
      const p = softmaxRows(nets.logits(id)(images, n), n, 2);
      return Array.from({ length: n }, (_, k) => p[2 * k + 1]);
    });
  }

  private faceFrames(index: number): { images: number[][]; pFace: number[][]; fresh: boolean } {
    const key = `${this.faceNets.step}|${index}`;
    if (this.faceSweep?.key === key) return { ...this.faceSweep, fresh: false };
    const pair = this.layouts[index];
    const images = new Float32Array(T_SWEEP.length * PIXELS);
    T_SWEEP.forEach((t, k) => drawLayout(blendLayouts(pair.face, pair.scrambled, t), images, k * PIXELS));
    this.faceSweep = { key, images: T_SWEEP.map((_, k) => Array.from(images.subarray(k * PIXELS, (k + 1) * PIXELS))), pFace: this.pFace(images, T_SWEEP.length) };
    return { ...this.faceSweep, fresh: true };
  }

  private digit(slot: number): { value: DigitAnswers; fresh: boolean } {
    const key = `${this.digitNets.step}|${slot}`;
    if (this.digitAnswers?.key === key) return { value: this.digitAnswers.value, fresh: false };
    const i = this.gallery[slot];
    const original = this.test.x.slice(i * PIXELS, (i + 1) * PIXELS);
    const swapped = permuteQuadrants(original, 1, SIDE);
    const both = new Float32Array(2 * PIXELS);
    both.set(original);
    both.set(swapped, PIXELS);
    const answers = NET_IDS.map((id) => {
      const p = softmaxRows(this.digitNets.first.logits(id)(both, 2), 2, 10);
      const top = argmaxRows(p, 2, 10);
      return { original: top[0], swapped: top[1], originalConfidence: p[top[0]], swappedConfidence: p[10 + top[1]] };
    });
    const value: DigitAnswers = {
      slot,
      label: this.test.labels[i],
      original: Array.from(original),
      swapped: Array.from(swapped),
      originalTop: answers.map((a) => a.original),
      swappedTop: answers.map((a) => a.swapped),
      originalConfidence: answers.map((a) => a.originalConfidence),
      swappedConfidence: answers.map((a) => a.swappedConfidence),
    };
    this.digitAnswers = { key, value };
    return { value, fresh: true };
  }

  evaluate(): PicassoMetrics {
    const t0 = performance.now();
    const index = Math.max(0, Math.min(PICASSO_FACES - 1, Math.round(this.config.face)));
    const frames = this.faceFrames(index);
    const digit = this.digit(Math.max(0, Math.min(this.gallery.length - 1, Math.round(this.config.digit))));
    const probeMs = frames.fresh || digit.fresh ? performance.now() - t0 : 0;
    if (this.scores?.step !== this.step) {
      const n = Math.max(1, Math.round(this.config.scoreImages));
      const pairs = { faces: this.faces.pairs.faces, scrambled: this.faces.pairs.scrambled, n: Math.min(n, this.faces.pairs.n) };
      this.scores = { step: this.step, value: new PicassoScores(NET_IDS.map((id) => this.faceNets.first.logits(id)), NET_IDS.map((id) => this.digitNets.first.logits(id)), pairs, firstImages(this.test, n)) };
    }
    const scores = this.scores.value;
    const still = this.seenStep === this.step;
    this.seenStep = this.step;
    if (still) within(TALLY_BUDGET_MS, () => scores.advance());
    return {
      step: this.step,
      total: Math.max(this.digitNets.total, this.faceNets.total),
      training: this.digitNets.training >= 0 || this.faceNets.training >= 0 ? 0 : -1,
      loss: this.digitNets.sets[0].lastLoss,
      nets: [...NET_IDS],
      labels: NET_IDS.map((id) => NETS[id].label),
      face: { index, t: [...T_SWEEP], images: frames.images.map((im) => [...im]), pFace: frames.pFace.map((p) => [...p]) },
      digit: { ...digit.value, original: [...digit.value.original], swapped: [...digit.value.swapped] },
      tally: scores.tally(),
      pending: !scores.complete,
      probeMs,
      diverged: this.diverged,
    };
  }

  update(partial: Partial<PicassoConfig>): void {
    for (const key of PICASSO_LIVE_KEYS) if (key in partial) (this.config as unknown as Record<string, unknown>)[key] = partial[key];
  }

  memory(): { arrays: number; bytes: number } {
    const a = this.digitNets.memory();
    const b = this.faceNets.memory();
    return { arrays: a.arrays + b.arrays, bytes: a.bytes + b.bytes };
  }

  dispose(): void {
    this.digitNets.dispose();
    this.faceNets.dispose();
  }
}

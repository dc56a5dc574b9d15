/**
 * Picasso (live run): what the five nets say when the parts stay and the arrangement goes.
 *   Faces: nets trained on faces vs non-faces see a face whose parts move, as `t` goes from 0 (the
 *   face) to 1 (its scrambled twin: the mouth off the bottom, the other parts shuffled), each part on
 *   a straight line (src/lib/data/faces.ts); P(face) of every net at `t`, and along t = 0, 0.1, …, 1.
 *   Digits: the digit nets see a test digit and the same digit with its quadrants swapped diagonally.
 * The summary (share of scrambled faces called "face", of swapped digits keeping their label) is
 * computed once per weights. Shipped weights, or all ten nets trained here from the run's seed.
 */
import { createRng } from '../../../lib/random';
import type { ByteSource } from '../../../lib/data';
import { blendLayouts, drawLayout, scrambledLayouts, type FaceLayout } from '../../../lib/data/faces';
import { permuteQuadrants } from '../../../lib/data/scramble';
import { argmaxRows, softmaxRows } from '../../../lib/invariance/metrics';
import { firstImages, SIDE, type LabeledImages } from '../data';
import type { FaceTask } from '../experiments';
import type { NetSet } from '../net-set';
import { NET_IDS, NETS, type NetId } from '../nets';
import { faceScores, quadrantScores } from '../scores';
import { openDigits, openFaces, openNets, type RunBase } from './nets-for-run';

const PIXELS = SIDE * SIDE;
/** Faces the slider can show (their own seeded stream, apart from the scored test faces). */
export const PICASSO_FACES = 24;
export const T_SWEEP = Array.from({ length: 11 }, (_, k) => k / 10);

export interface PicassoConfig extends RunBase {
  /** Which face (0 … 23), and how far its parts have moved (0 = face, 1 = scrambled twin). */
  face: number;
  t: number;
  /** Which test digit to show with its quadrants swapped. */
  digit: number;
  /** Held-out faces (and scrambled twins) and test digits behind the summary. */
  scoreImages: number;
}

export const PICASSO_DEFAULTS: PicassoConfig = { seed: 1, weights: 'pretrained', face: 0, t: 0, digit: 0, scoreImages: 500 };
export const PICASSO_LIVE_KEYS: readonly (keyof PicassoConfig)[] = ['face', 't', 'digit'];

export interface PicassoMetrics {
  step: number;
  nets: NetId[];
  labels: string[];
  /** The face at t (784 floats) and each net's P(face); P(face) along T_SWEEP per net. */
  face: { image: number[]; t: number; pFace: number[]; sweep: { t: number[]; pFace: number[][] } };
  /** The digit and its swapped twin, its label, and each net's answer (and probability) on both. */
  digit: { original: number[]; swapped: number[]; label: number; originalTop: number[]; swappedTop: number[]; swappedConfidence: number[] };
  /** Over the held-out sets: scrambled faces called "face", swapped digits keeping their label (per net). */
  summary: { scrambledAsFace: number[]; facesAsFace: number[]; keepsLabel: number[]; faces: number; digits: number };
  /** Milliseconds for this evaluation's face and digit (one face image per net after a slider move; the sweep along t after a new face). */
  probeMs: number;
  diverged: boolean;
}

export class PicassoRun {
  private summary: { step: number; value: PicassoMetrics['summary'] } | null = null;
  /** P(face) along T_SWEEP per net, for one face and weights. */
  private faceSweep: { key: string; pFace: number[][] } | null = null;
  private digitAnswers: { key: string; answers: { original: number; swapped: number; confidence: number }[] } | null = null;
  private diverged = false;

  private constructor(
    readonly config: PicassoConfig,
    private readonly digitNets: NetSet,
    private readonly faceNets: NetSet,
    private readonly test: LabeledImages,
    private readonly faces: FaceTask,
    private readonly layouts: { face: FaceLayout; scrambled: FaceLayout }[],
  ) {}

  static async create(config: PicassoConfig, source: ByteSource, models: ByteSource): Promise<PicassoRun> {
    const { train, test } = await openDigits(config, source);
    const faces = openFaces(config, config.scoreImages);
    const [digitNets, faceNets] = await Promise.all([openNets('digits', NET_IDS, config, train, models), openNets('faces', NET_IDS, config, faces.train, models)]);
    const layouts = scrambledLayouts(PICASSO_FACES, createRng(0).fork('picasso-slider'));
    return new PicassoRun({ ...config }, digitNets, faceNets, test, faces, layouts);
  }

  get step(): number {
    return this.digitNets.step;
  }

  /** Both sets of nets `steps` more steps (digits and faces side by side). */
  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }> {
    const a = this.digitNets.train(steps);
    const b = this.faceNets.train(steps);
    this.diverged ||= a.diverged || b.diverged;
    await Promise.all([this.digitNets.sync(), this.faceNets.sync()]);
    return { step: a.step, loss: (a.loss + b.loss) / 2, diverged: this.diverged };
  }

  /** P(face) of every net for these images [n × 784]. */
  private pFace(images: Float32Array, n: number): number[][] {
    return NET_IDS.map((id) => {
      const p = softmaxRows(this.faceNets.logits(id)(images, n), n, 2);
      return Array.from({ length: n }, (_, k) => p[2 * k + 1]);
    });
  }

  evaluate(): PicassoMetrics {
    const t0 = performance.now();
    const index = Math.max(0, Math.min(PICASSO_FACES - 1, Math.round(this.config.face)));
    const pair = this.layouts[index];
    const t = Math.max(0, Math.min(1, this.config.t));
    // The face at t (one image per net per move); the sweep along t once per face and weights.
    const image = drawLayout(blendLayouts(pair.face, pair.scrambled, t));
    const pFace = this.pFace(image, 1).map((p) => p[0]);
    const faceKey = `${this.faceNets.step}|${index}`;
    if (this.faceSweep?.key !== faceKey) {
      const images = new Float32Array(T_SWEEP.length * PIXELS);
      T_SWEEP.forEach((u, k) => drawLayout(blendLayouts(pair.face, pair.scrambled, u), images, k * PIXELS));
      this.faceSweep = { key: faceKey, pFace: this.pFace(images, T_SWEEP.length) };
    }
    const i = Math.max(0, Math.min(this.test.n - 1, Math.round(this.config.digit)));
    const original = this.test.x.slice(i * PIXELS, (i + 1) * PIXELS);
    const swapped = permuteQuadrants(original, 1, SIDE);
    const digitKey = `${this.digitNets.step}|${i}`;
    if (this.digitAnswers?.key !== digitKey) {
      const both = new Float32Array(2 * PIXELS);
      both.set(original);
      both.set(swapped, PIXELS);
      const answers = NET_IDS.map((id) => {
        const p = softmaxRows(this.digitNets.logits(id)(both, 2), 2, 10);
        const top = argmaxRows(p, 2, 10);
        return { original: top[0], swapped: top[1], confidence: p[10 + top[1]] };
      });
      this.digitAnswers = { key: digitKey, answers };
    }
    const answers = this.digitAnswers.answers;
    const probeMs = performance.now() - t0;
    return {
      step: this.step,
      nets: [...NET_IDS],
      labels: NET_IDS.map((id) => NETS[id].label),
      face: { image: Array.from(image), t, pFace, sweep: { t: [...T_SWEEP], pFace: this.faceSweep.pFace.map((p) => [...p]) } },
      digit: { original: Array.from(original), swapped: Array.from(swapped), label: this.test.labels[i], originalTop: answers.map((a) => a.original), swappedTop: answers.map((a) => a.swapped), swappedConfidence: answers.map((a) => a.confidence) },
      summary: this.scoreSummary(),
      probeMs,
      diverged: this.diverged,
    };
  }

  private scoreSummary(): PicassoMetrics['summary'] {
    if (this.summary?.step !== this.step) {
      const faces = NET_IDS.map((id) => faceScores(this.faceNets.logits(id), this.faces.test, this.faces.pairs));
      const digits = NET_IDS.map((id) => quadrantScores(this.digitNets.logits(id), firstImages(this.test, this.config.scoreImages), 10));
      this.summary = {
        step: this.step,
        value: { scrambledAsFace: faces.map((f) => f.scrambled), facesAsFace: faces.map((f) => f.faces), keepsLabel: digits.map((d) => d.keepsLabel), faces: this.faces.pairs.n, digits: this.test.n },
      };
    }
    const v = this.summary.value;
    return { ...v, scrambledAsFace: [...v.scrambledAsFace], facesAsFace: [...v.facesAsFace], keepsLabel: [...v.keepsLabel] };
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

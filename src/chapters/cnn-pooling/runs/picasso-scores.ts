/**
 * The Picasso figure's tally, measured a batch at a time (./measure.ts): for each net, the share of
 * held-out faces and of their scrambled twins it calls "face" (P(face) > P(non-face), as
 * ../scores.ts faceScores), and the share of test digits whose quadrant-swapped twin
 * (src/lib/data/scramble.ts) keeps its label (as ../scores.ts quadrantScores).
 */
import { permuteQuadrants } from '../../../lib/data/scramble';
import { argmaxRows, type LogitsFn } from '../../../lib/invariance/metrics';
import { SIDE, type LabeledImages } from '../data';
import { MEASURE_BATCH } from './measure';

const PIXELS = SIDE * SIDE;

export interface PicassoTally {
  /** Per net: shares called "face" among faces and among scrambled twins; swapped digits keeping their label. */
  facesAsFace: number[];
  scrambledAsFace: number[];
  keepsLabel: number[];
  /** Faces (pairs) and digits counted so far, and in all. */
  faces: number;
  digits: number;
  facesTotal: number;
  digitsTotal: number;
}

export class PicassoScores {
  private readonly counts: { face: number; scrambled: number; keeps: number; faces: number; digits: number }[];
  private faceBatch = 0;
  private digitBatch = 0;
  private faceNet = 0;
  private digitNet = 0;
  private readonly swapped = new Float32Array(MEASURE_BATCH * PIXELS);

  constructor(
    private readonly faceNets: readonly LogitsFn[],
    private readonly digitNets: readonly LogitsFn[],
    private readonly pairs: { faces: Float32Array; scrambled: Float32Array; n: number },
    private readonly test: LabeledImages,
  ) {
    this.counts = faceNets.map(() => ({ face: 0, scrambled: 0, keeps: 0, faces: 0, digits: 0 }));
  }

  private get facesDone(): number {
    return Math.min(this.pairs.n, this.faceBatch * MEASURE_BATCH);
  }

  private get digitsDone(): number {
    return Math.min(this.test.n, this.digitBatch * MEASURE_BATCH);
  }

  get complete(): boolean {
    return this.facesDone >= this.pairs.n && this.digitsDone >= this.test.n;
  }

  /** One batch through one net: faces and digits in turn. */
  advance(): boolean {
    if (this.complete) return false;
    const facesFirst = this.facesDone < this.pairs.n && (this.facesDone / this.pairs.n <= this.digitsDone / this.test.n || this.digitsDone >= this.test.n);
    if (facesFirst) {
      const from = this.faceBatch * MEASURE_BATCH;
      const n = Math.min(MEASURE_BATCH, this.pairs.n - from);
      const called = (x: Float32Array) => {
        const top = argmaxRows(this.faceNets[this.faceNet](x.subarray(from * PIXELS, (from + n) * PIXELS), n), n, 2);
        return top.reduce((s, t) => s + t, 0);
      };
      this.counts[this.faceNet].face += called(this.pairs.faces);
      this.counts[this.faceNet].scrambled += called(this.pairs.scrambled);
      this.counts[this.faceNet].faces += n;
      if (++this.faceNet === this.faceNets.length) [this.faceNet, this.faceBatch] = [0, this.faceBatch + 1];
    } else {
      const from = this.digitBatch * MEASURE_BATCH;
      const n = Math.min(MEASURE_BATCH, this.test.n - from);
      const x = this.test.x.subarray(from * PIXELS, (from + n) * PIXELS);
      const top = argmaxRows(this.digitNets[this.digitNet](permuteQuadrants(x, n, SIDE, undefined, this.swapped.subarray(0, n * PIXELS)), n), n, 10);
      for (let i = 0; i < n; i++) if (top[i] === this.test.labels[from + i]) this.counts[this.digitNet].keeps += 1;
      this.counts[this.digitNet].digits += n;
      if (++this.digitNet === this.digitNets.length) [this.digitNet, this.digitBatch] = [0, this.digitBatch + 1];
    }
    return !this.complete;
  }

  tally(): PicassoTally {
    const faces = this.facesDone;
    const digits = this.digitsDone;
    const share = (k: number, of: number) => (of > 0 ? k / of : NaN);
    // Each net's shares over the images it has seen (a net may be one batch ahead of the others).
    return {
      facesAsFace: this.counts.map((c) => share(c.face, c.faces)),
      scrambledAsFace: this.counts.map((c) => share(c.scrambled, c.faces)),
      keepsLabel: this.counts.map((c) => share(c.keeps, c.digits)),
      faces,
      digits,
      facesTotal: this.pairs.n,
      digitsTotal: this.test.n,
    };
  }
}

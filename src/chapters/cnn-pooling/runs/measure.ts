/**
 * Measuring a few test images at a time. The live runs' curves, grids and scores take seconds over
 * hundreds of images (every image through five nets at thirteen shifts), far too long for one call
 * of the worker: a reader's next slider move would wait behind it. So each is an accumulator that
 * takes one small unit of work at a time (a batch of 16 images through the nets) and can report its
 * partial result, and a run spends a small time budget on it per evaluation.
 *
 * ShiftCurves: each net's accuracy at every shift of `shifts` on the first `digits` test digits,
 * counted batch by batch (every shift of a batch before the next batch, so a partial curve rests on
 * the same digits at every shift). The test digits are a seeded random order, so a prefix is a fair
 * sample.
 */
import { shiftImages, type ShiftFill } from '../../../lib/data/shift';
import { argmaxRows, type LogitsFn } from '../../../lib/invariance/metrics';
import { SIDE, type LabeledImages } from '../data';

/** Images per unit of work (the probes' batch). */
export const MEASURE_BATCH = 16;

/** Take units of work until `budgetMs` is spent (at least one) or none is left; returns whether work is left. */
export function within(budgetMs: number, unit: () => boolean): boolean {
  const start = performance.now();
  let more = unit();
  while (more && performance.now() - start < budgetMs) more = unit();
  return more;
}

export class ShiftCurves {
  private readonly correct: Float64Array[];
  private readonly moved = new Float32Array(MEASURE_BATCH * SIDE * SIDE);
  /** Digits counted at each shift. */
  private readonly counted: Int32Array;
  private batch = 0;
  private shift = 0;

  constructor(
    private readonly nets: readonly LogitsFn[],
    private readonly test: LabeledImages,
    readonly digits: number,
    readonly shifts: readonly number[],
    readonly fill: ShiftFill,
    private readonly classes = 10,
  ) {
    this.correct = nets.map(() => new Float64Array(shifts.length));
    this.counted = new Int32Array(shifts.length);
  }

  /** Digits measured at every shift. */
  get done(): number {
    return Math.min(...this.counted);
  }

  get complete(): boolean {
    return this.done >= this.digits;
  }

  /** One batch of digits at one shift through every net; false when there is nothing left to do. */
  advance(): boolean {
    if (this.complete) return false;
    const from = this.batch * MEASURE_BATCH;
    const n = Math.min(MEASURE_BATCH, this.digits - from);
    const s = this.shifts[this.shift];
    const x = this.test.x.subarray(from * SIDE * SIDE, (from + n) * SIDE * SIDE);
    const moved = shiftImages(x, n, SIDE, s, 0, this.fill, this.moved.subarray(0, n * SIDE * SIDE));
    this.nets.forEach((logits, j) => {
      const top = argmaxRows(logits(moved, n), n, this.classes);
      for (let i = 0; i < n; i++) if (top[i] === this.test.labels[from + i]) this.correct[j][this.shift] += 1;
    });
    this.counted[this.shift] += n;
    this.shift += 1;
    if (this.shift === this.shifts.length) {
      this.shift = 0;
      this.batch += 1;
    }
    return !this.complete;
  }

  /** accuracy[net][shift] over the digits counted so far (NaN before any). */
  accuracy(): number[][] {
    return this.correct.map((row) => Array.from(row, (c, k) => (this.counted[k] > 0 ? c / this.counted[k] : NaN)));
  }
}

/**
 * The space–time record behind the event figure (pure, for tests): events collapsed over y into a
 * ring of time bins × x positions (net polarity per cell), and the frame camera's snapshots as
 * columns at the times they were taken. Events arrive in overlapping windows; each is counted once.
 */
import { localNumber, t } from '../../../../i18n/t';

export class SpaceTime {
  /** Net polarity (ON − OFF) per (bin, x), bins in a ring. */
  readonly cells: Int16Array;
  /** Frame snapshots: time and the darkest-to-brightest profile along x (max over y, 0..255). */
  readonly frames: Array<{ t: number; profile: Uint8Array }> = [];
  private newest = -Infinity;
  private headBin = -1;

  constructor(
    readonly width: number,
    readonly bins: number,
    readonly binMs: number,
  ) {
    this.cells = new Int16Array(bins * width);
  }

  /** The latest time covered (ms). */
  get time(): number {
    return this.headBin < 0 ? 0 : (this.headBin + 1) * this.binMs;
  }

  /** Move the ring's head to `time` (ms), clearing the bins it passes. */
  advanceTo(time: number): void {
    const bin = Math.floor(time / this.binMs);
    if (this.headBin < 0) this.headBin = bin - 1;
    for (let b = this.headBin + 1; b <= bin; b++) {
      if (b - this.headBin > this.bins) break;
      this.cells.fill(0, (b % this.bins) * this.width, (b % this.bins + 1) * this.width);
    }
    if (bin - this.headBin > this.bins) this.cells.fill(0);
    this.headBin = Math.max(this.headBin, bin);
    const oldest = (this.headBin + 1 - this.bins) * this.binMs;
    while (this.frames.length && this.frames[0].t < oldest) this.frames.shift();
  }

  /** Add the events not seen before (times ascending); returns how many were new. */
  addEvents(t: ArrayLike<number>, x: ArrayLike<number>, polarity: ArrayLike<number>): number {
    let added = 0;
    const oldest = (this.headBin + 1 - this.bins) * this.binMs;
    let last = this.newest;
    for (let i = 0; i < t.length; i++) {
      if (t[i] <= this.newest || t[i] < oldest) continue;
      const bin = Math.floor(t[i] / this.binMs);
      if (bin > this.headBin) continue;
      this.cells[(bin % this.bins) * this.width + x[i]] += polarity[i];
      last = Math.max(last, t[i]);
      added++;
    }
    this.newest = last;
    return added;
  }

  addFrame(t: number, frame: Uint8Array, height: number): void {
    const profile = new Uint8Array(this.width);
    for (let y = 0; y < height; y++) for (let x = 0; x < this.width; x++) profile[x] = Math.max(profile[x], frame[y * this.width + x]);
    this.frames.push({ t, profile });
  }

  /** Net polarity at (bin offset back from the head, x): offset 0 is the newest bin. */
  at(back: number, x: number): number {
    const bin = this.headBin - back;
    if (bin < 0 || back >= this.bins) return 0;
    return this.cells[(bin % this.bins) * this.width + x];
  }
}

/** Bytes as 'kB' or 'MB' text. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${localNumber((bytes / 1e6).toFixed(2))} ${t('MB')}`;
  if (bytes >= 1e3) return `${localNumber((bytes / 1e3).toFixed(1))} ${t('kB')}`;
  return `${Math.round(bytes)} ${t('B')}`;
}

/**
 * The live-run contract these runs implement (the shape of the worker's RunHandle in
 * src/runtime/run-kinds.ts, restated here because chapter code imports src/lib only). Config and
 * metrics are plain, structured-clone-able data; `update` applies only a run's live keys and ignores
 * the rest (any other change means a new run).
 *
 * These runs simulate dynamics rather than minimise a loss: each one's `loss` is the one number it
 * would plot over time (documented per run), and `diverged` is true only if the simulation produced
 * a non-finite number.
 */
export interface TrainResult {
  step: number;
  loss: number;
  diverged: boolean;
  peakLoss?: number;
}

export interface LiveRun<C, M> {
  readonly step: number;
  train(steps: number): TrainResult;
  evaluate(): M;
  update(partial: Partial<C>): void;
  /** Typed-array memory the run holds (for the trainer's memory report). */
  memory(): { arrays: number; bytes: number };
  dispose(): void;
}

/** Sum the typed arrays a run holds. */
export function typedMemory(arrays: ArrayLike<unknown>[]): { arrays: number; bytes: number } {
  let bytes = 0;
  for (const a of arrays) bytes += (a as unknown as ArrayBufferView).byteLength ?? 0;
  return { arrays: arrays.length, bytes };
}

/** Copy a ring buffer (`size` values, next write at `head`, `filled` values written) oldest first. */
export function unrollRing(ring: Float32Array, head: number, filled: number): Float32Array {
  const n = Math.min(filled, ring.length);
  const out = new Float32Array(n);
  const start = (head - n + ring.length) % ring.length;
  for (let i = 0; i < n; i++) out[i] = ring[(start + i) % ring.length];
  return out;
}

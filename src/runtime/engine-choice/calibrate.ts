/**
 * Calibration: time each candidate engine for a moment on real batches and check it computes the
 * same thing. Every candidate starts from the same throwaway seeded weights (the run's own engine
 * is created afterwards, fresh), takes `warmup` steps (WASM instantiation, shader compilation),
 * then is timed until `budgetMs` or `maxSteps`. Its first two losses (before and after one whole
 * update: forward, backward, optimizer) must agree within float32 tolerance with the reference's — the plain-JS engine's when it is a candidate (CPU float math, no driver in
 * between), else the first CPU engine's, else the first candidate's — or it is marked incorrect.
 */
import { createEngine } from '../../lib/engine';
import type { Batch, EngineName, ModelSpec, OptimizerSettings } from '../../lib/engine/types';
import { createRng } from '../../lib/random';
import type { Measurement } from './choice';

export interface CalibrationOptions {
  /** Timed window per candidate, ms (after warm-up). */
  budgetMs?: number;
  /** Most timed steps per candidate. */
  maxSteps?: number;
  /** Untimed steps first. */
  warmup?: number;
  /** Give up on a candidate whose warm-up alone takes longer than this, ms. */
  warmupLimitMs?: number;
  now?: () => number;
}

/** First losses agree within this relative tolerance (float32 sums in different orders). */
export const LOSS_TOLERANCE = 1e-3;
/** The BNN's second loss (after one update): see below. */
export const BNN_SECOND_LOSS_TOLERANCE = 5e-2;
const CALIBRATION_SEED = 0x5eed;
const SYNC_EVERY = 4;

export async function calibrate(candidates: readonly EngineName[], model: ModelSpec, settings: OptimizerSettings, batch: (i: number) => Batch, options: CalibrationOptions = {}): Promise<Measurement[]> {
  const { budgetMs = 120, maxSteps = 200, warmup = 1, warmupLimitMs = 4000 } = options;
  const now = options.now ?? (() => performance.now());
  const out: Measurement[] = [];
  const firsts = new Map<EngineName, [number, number]>();
  for (const engine of candidates) {
    const m: Measurement = { engine, stepsPerSec: 0, firstStepMs: 0, correct: false };
    out.push(m);
    let trainer = null;
    try {
      const t0 = now();
      trainer = createEngine(engine, model, createRng(CALIBRATION_SEED), settings);
      trainer.step(batch(0), false);
      const first = (await trainer.lastStep()).loss;
      m.firstStepMs = now() - t0;
      trainer.step(batch(1), false);
      const second = (await trainer.lastStep()).loss;
      if (!Number.isFinite(first) || !Number.isFinite(second)) throw new Error(`first losses ${first}, ${second}`);
      firsts.set(engine, [first, second]);
      let i = 2;
      for (; i < 2 + warmup && now() - t0 < warmupLimitMs; i++) trainer.step(batch(i), false);
      if (i < 2 + warmup) throw new Error('warm-up took too long');
      await trainer.lastStep();
      // Timed: the loss is read on the last step only, as a GPU run does at the end of each chunk
      // (that read also waits for the queued GPU work, so the time is the work's, not the queueing's).
      const start = now();
      let steps = 0;
      let elapsed = 0;
      while (steps < maxSteps && elapsed < budgetMs) {
        trainer.step(batch(i + steps), false);
        steps++;
        // A read now and then bounds the GPU work queued ahead of the clock.
        if (steps % SYNC_EVERY === 0) await trainer.lastStep();
        elapsed = now() - start;
      }
      trainer.step(batch(i + steps), false);
      const last = (await trainer.lastStep()).loss;
      elapsed = now() - start;
      if (!Number.isFinite(last)) throw new Error(`loss became ${last}`);
      m.stepsPerSec = ((steps + 1) * 1000) / Math.max(elapsed, 1e-3);
    } catch (err) {
      m.error = err instanceof Error ? err.message : String(err);
      firsts.delete(engine);
    } finally {
      trainer?.dispose();
    }
  }
  const order: EngineName[] = ['js', 'wasm-simd', 'tfjs-cpu', 'tfjs-wasm', ...candidates];
  const referenceEngine = order.find((e) => firsts.has(e));
  const reference = referenceEngine === undefined ? [NaN, NaN] : (firsts.get(referenceEngine) as [number, number]);
  // The BNN's loss after one Adam update differs between correct paths by up to a few percent
  // (rounding-level gradients that Adam turns into ±η steps: tests/unit/engine/bnn.test.ts).
  const tolerance = [LOSS_TOLERANCE, model.kind === 'bnn' ? BNN_SECOND_LOSS_TOLERANCE : LOSS_TOLERANCE];
  for (const m of out) {
    const losses = firsts.get(m.engine);
    m.correct = losses !== undefined && losses.every((l, k) => Math.abs(l - reference[k]) <= tolerance[k] * (1 + Math.abs(reference[k])));
  }
  return out;
}

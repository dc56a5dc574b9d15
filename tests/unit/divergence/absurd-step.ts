// The shared guarantee "an absurd step size → 'diverged', paused, with a message naming the setting",
// as a helper every chapter's training kinds go through (absurd-step.test.ts lists them). It builds
// the run the figure would send with the setting far past its slider's end, trains it through the
// run kind's own create() (as the worker does), and checks that within a few hundred steps the run
// reports a loss a figure calls diverged (NaN, ∞, or blown up), that it can still be evaluated (the
// figure draws its last numbers), and that the message the paused figure shows names the setting.
import { expect } from 'vitest';
import type { ByteSource } from '../../../src/lib/data';
import type { RunKindEntry } from '../../../src/runtime/protocol';
import { defaults, type Settings, type WidgetSchema } from '../../../src/settings/schema';
import { BLOWN_UP_CROSS_ENTROPY, divergenceMessage } from '../../../src/widgets/base/states';

export interface AbsurdStepCase {
  schema: WidgetSchema;
  /** The widget's settings → run config (its config.ts). */
  toConfig: (settings: never, seed: number) => object;
  /** The learning-rate-like setting. */
  key: string;
  /** The absurd value (default: 1,000 × the slider's maximum). */
  absurd?: number;
  /** Other settings, to keep the run small. */
  settings?: Settings;
  /** Steps to give it at most (default 300). */
  steps?: number;
  /** Where the figure calls a finite loss blown up (default: cross-entropy's BLOWN_UP_CROSS_ENTROPY). */
  blownUp?: number;
  /** What the figure names as the cause when its run stops with a finite loss (forward-forward: dead ReLUs). */
  cause?: string;
}

export interface Diverged {
  step: number;
  loss: number;
  message: string;
}

/** A loss the figures call diverged. */
export function isDiverged(r: { loss: number; peakLoss?: number; diverged: boolean }, blownUp = BLOWN_UP_CROSS_ENTROPY): boolean {
  const worst = Math.max(r.loss, r.peakLoss ?? r.loss);
  return r.diverged || !Number.isFinite(r.loss) || !Number.isFinite(worst) || worst > blownUp;
}

/** Train `entry`'s run at an absurd step size; resolves with where it diverged and the figure's message. */
export async function expectDivergesAtAbsurdStep(entry: RunKindEntry, c: AbsurdStepCase, source: ByteSource): Promise<Diverged> {
  const setting = c.schema.settings.find((s) => s.key === c.key);
  if (!setting || setting.type !== 'number') throw new Error(`${c.schema.tag} has no number setting ${c.key}`);
  const absurd = c.absurd ?? setting.max * 1000;
  const settings: Settings = { ...defaults(c.schema), ...c.settings, [c.key]: absurd };
  const run = await entry.create(c.toConfig(settings as never, 1), source);
  let seen: Diverged | null = null;
  try {
    const limit = c.steps ?? 300;
    while (run.step < limit && !seen) {
      const before = run.step;
      const r = await run.train(Math.min(10, limit - run.step));
      if (isDiverged(r, c.blownUp)) seen = { step: r.step, loss: Number.isFinite(r.loss) ? Math.max(r.loss, r.peakLoss ?? r.loss) : r.loss, message: '' };
      else if (run.step === before) break; // a run that cannot go on (finished) without diverging
    }
    // A diverged run still answers: the figure draws its last numbers beside the message.
    await run.evaluate();
  } finally {
    run.dispose();
  }
  expect(seen, `${c.schema.tag}: ${c.key} = ${absurd} did not diverge within ${c.steps ?? 300} steps`).not.toBeNull();
  const finite = Number.isFinite(seen!.loss) && seen!.loss <= (c.blownUp ?? BLOWN_UP_CROSS_ENTROPY);
  const cause = finite ? c.cause : undefined;
  const message = divergenceMessage(c.schema, settings, seen!.loss, { lastChanged: c.key, cause });
  expect(message.startsWith(`Training diverged (${cause ?? 'loss'}`), message).toBe(true);
  if (!cause) expect(message).toMatch(/^Training diverged \(loss (became NaN|became infinite|blew up)\)/);
  expect(message.toLowerCase()).toContain(setting.label.toLowerCase());
  return { ...seen!, message };
}

/**
 * When the chapter's figures measure and how fast they play. Gradient descent on four points does
 * everything in its first few dozen steps, so a figure evaluates after every step at first and plays
 * them slowly enough to watch, then speeds up; the run ends at a fixed step (the reproduce tables' T).
 * Pure, so tests can check it without a DOM.
 */
import type { TrainerClient } from '../../../../runtime/client';
import type { RunRef, TrainReport } from '../../../../runtime/protocol';
import type { TickResult } from '../../../../widgets/base/element';

/** Steps per second while playing, up to a step: [[until, perSecond], …], the last one open-ended. */
export type Pace = readonly (readonly [number, number])[];

/** Evaluate every `every` steps up to a step: [[until, every], …], the last one open-ended. */
export type Schedule = readonly (readonly [number, number])[];

/** The width slider's, the kernel motion's and the eigen-directions' pace at η = 0.5: one step at a time through the fit. */
export const FIT_PACE: Pace = [
  [24, 6],
  [60, 20],
  [200, 60],
  [Infinity, 250],
];
/** …and their evaluations: every step to 24, every 2 to 60, every 10 to 200, then every 25. */
export const FIT_EVALS: Schedule = [
  [24, 1],
  [60, 2],
  [200, 10],
  [Infinity, 25],
];

/** The lazy-vs-rich figure at η = 0.05: the units travel over the first hundred steps or so. */
export const FLOW_PACE: Pace = [
  [120, 15],
  [300, 50],
  [Infinity, 250],
];
export const FLOW_EVALS: Schedule = [
  [120, 1],
  [300, 5],
  [Infinity, 25],
];

/** The next step at which a figure evaluates after `step`. */
export function nextEvalStep(step: number, schedule: Schedule = FIT_EVALS): number {
  const every = paceAt(schedule, step);
  return step - (step % every) + every;
}

export function paceAt(pace: Pace, step: number): number {
  for (const [until, perSecond] of pace) if (step < until) return perSecond;
  return pace[pace.length - 1][1];
}

/** Above this mean squared training error (the toy starts near 0.5) a run has blown up. */
export const BLOWN_UP_MSE = 1e6;

/** The run diverged, or a step of this report's took the training error past BLOWN_UP_MSE (a report of no steps judges nothing). */
export function blownUp(report: Pick<TrainReport, 'loss' | 'diverged' | 'peakLoss' | 'steps'>): boolean {
  if (report.diverged) return true;
  if (report.steps === 0) return false;
  const peak = report.peakLoss ?? report.loss;
  return !(Number.isFinite(report.loss) && Number.isFinite(peak) && peak <= BLOWN_UP_MSE);
}

export interface PacedOptions {
  mode: 'play' | 'step';
  /** Train up to here (the next evaluation, or the run's last step). */
  untilStep: number;
  pace: Pace;
}

/**
 * Train `run` up to `untilStep` ('step': all the way; 'play': one ~40 ms slice of it), and while
 * playing wait so that the steps go by at the pace for where the run is.
 */
export async function pacedTrain(trainer: TrainerClient, run: RunRef<object, unknown>, options: PacedOptions): Promise<TrainReport> {
  const started = performance.now();
  const r = await trainer.train(run, { untilStep: options.untilStep, budgetMs: options.mode === 'step' ? 60_000 : 40 });
  if (options.mode === 'play' && !blownUp(r) && r.steps > 0) {
    const wait = (1000 * r.steps) / paceAt(options.pace, r.step) - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return r;
}

/** A figure's evaluation clock: the step it next measures at, on its schedule, up to its last step. */
export class EvalClock {
  next: number;
  constructor(
    readonly pace: Pace,
    readonly evals: Schedule,
    readonly maxSteps: number,
  ) {
    this.next = nextEvalStep(0, evals);
  }

  rewind(): void {
    this.next = nextEvalStep(0, this.evals);
  }
}

/**
 * One tick of an NTK figure: train (paced) to the clock's next evaluation or the last step; there,
 * evaluate the run and hand the metrics to `record`, and move the clock on.
 */
export async function advanceMeasuring<M>(trainer: TrainerClient, run: RunRef<object, M> | null | undefined, mode: 'play' | 'step', clock: EvalClock, record: (metrics: M) => void): Promise<TickResult> {
  if (!run) throw new Error('No run to train');
  const r = await pacedTrain(trainer, run, { mode, untilStep: Math.min(clock.next, clock.maxSteps), pace: clock.pace });
  const diverged = blownUp(r);
  if (!diverged && r.step >= clock.next) {
    record(await trainer.evaluate(run));
    clock.next = nextEvalStep(r.step, clock.evals);
  }
  return { step: r.step, loss: r.loss, diverged, stepsPerSec: r.stepsPerSec, finished: r.step >= clock.maxSteps };
}

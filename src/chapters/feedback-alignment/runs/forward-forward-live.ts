/**
 * The forward-forward run as the chapter's widget drives it: a ForwardForwardRun whose every
 * evaluation also says what each layer has come to like (ForwardForwardRun.inspect), with the
 * threshold and the layer losses of the moment.
 */
import type { ByteSource } from '../../../lib/data';
import { ForwardForwardRun, type ForwardForwardConfig, type ForwardForwardLiveSettings, type ForwardForwardMetrics, type ForwardForwardUnit } from './forward-forward';

export interface ForwardForwardLiveConfig extends ForwardForwardConfig {
  /** Units shown per layer. */
  inspectUnits: number;
}

export interface ForwardForwardSnapshot extends ForwardForwardMetrics {
  threshold: number;
  /** The last step's loss per layer (empty before the first step). */
  losses: number[];
  /** Per layer, its most discriminating units. */
  units: ForwardForwardUnit[][];
  /**
   * Scored on the first QUICK_EVAL test digits only (a run's first evaluation, so the figure has
   * numbers at once); evaluate again for the full set.
   */
  partial: boolean;
}

/** Test digits of a run's first, quick evaluation (the full one scores evalSize: 500 in the figure). */
export const QUICK_EVAL = 100;

export class ForwardForwardLive {
  private losses: number[] = [];
  private evaluated = false;

  private constructor(
    private readonly run: ForwardForwardRun,
    private readonly inspectUnits: number,
  ) {}

  static async create(config: ForwardForwardLiveConfig, source: ByteSource): Promise<ForwardForwardLive> {
    return new ForwardForwardLive(await ForwardForwardRun.create(config, source), config.inspectUnits);
  }

  get step(): number {
    return this.run.step;
  }

  /** `steps` minibatches; the loss reported is the layers' losses summed. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    const r = this.run.train(steps);
    this.losses = [...r.losses];
    return { step: r.step, loss: r.losses.length ? r.losses.reduce((a, b) => a + b, 0) : NaN, diverged: r.diverged };
  }

  update(partial: Partial<ForwardForwardLiveSettings>): void {
    this.run.update(partial);
  }

  /**
   * The metrics and each layer's units. A run's first evaluation scores QUICK_EVAL test digits (a
   * fifth of the cost at the figure's size) and says so; every later one,
   * the next at the same step included, scores them all.
   */
  evaluate(): ForwardForwardSnapshot {
    const partial = !this.evaluated;
    this.evaluated = true;
    const limit = partial ? QUICK_EVAL : Infinity;
    const metrics = this.run.evaluate(500, limit);
    return { ...metrics, threshold: this.run.config.threshold, losses: this.losses, units: this.run.inspect(this.inspectUnits, partial ? QUICK_EVAL : undefined), partial };
  }

  dispose(): void {
    this.run.dispose();
  }
}

/**
 * The equilibrium-propagation run as the chapter's widget drives it: an EqPropRun plus what the
 * widget draws at each evaluation — test accuracy, both phases on one digit (EqPropRun.trace) and
 * the estimator's angle to the true gradient over a sweep of β, one-sided and symmetric
 * (EqPropRun.angleCurve). Each is cached by what it depends on, so a paused widget whose β slider
 * moves recomputes only the trace and the one new angle, not the test accuracy.
 */
import type { ByteSource } from '../../../lib/data';
import type { EqPropAngleOptions } from '../../../lib/rules/local/eqprop-angles';
import { EqPropRun, type EqPropConfig, type EqPropLiveSettings, type EqPropMetrics, type EqPropTrace } from './eqprop';

export interface EqPropLiveConfig extends EqPropConfig {
  /** The test digit whose phases are traced. */
  traceIndex: number;
  /** The β of the angle sweep (the current β is always added). */
  curveBetas: number[];
  /** Relaxation steps of each phase when measuring angles (damping 0.5; 50 converges to ~0.1°). */
  angleSteps: number;
}

/** The angle (degrees) between EP's estimate and the true gradient, per β, at one training step. */
export interface AngleCurve {
  step: number;
  betas: number[];
  oneSided: number[];
  symmetric: number[];
}

export interface EqPropSnapshot extends EqPropMetrics {
  beta: number;
  trace: EqPropTrace;
  curve: AngleCurve;
  /** The sweep lacks some β (a run's first evaluation: see updateCurve); evaluate again for the rest. */
  curvePending: boolean;
}

export type EqPropLiveUpdate = Partial<EqPropLiveSettings & Pick<EqPropLiveConfig, 'traceIndex'>>;

export class EqPropLive {
  private metrics: EqPropMetrics | null = null;
  private curve: AngleCurve | null = null;
  private trace: { key: string; value: EqPropTrace } | null = null;

  private constructor(
    private readonly run: EqPropRun,
    private readonly config: EqPropLiveConfig,
  ) {}

  static async create(config: EqPropLiveConfig, source: ByteSource): Promise<EqPropLive> {
    return new EqPropLive(await EqPropRun.create(config, source), { ...config, curveBetas: [...config.curveBetas] });
  }

  get step(): number {
    return this.run.step;
  }

  /** `steps` minibatches. EqProp has no loss of its own per step: the report's loss is NaN. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    return { ...this.run.train(steps), loss: NaN };
  }

  update(partial: EqPropLiveUpdate): void {
    const { traceIndex, ...rest } = partial;
    if (traceIndex !== undefined) this.config.traceIndex = traceIndex;
    this.run.update(rest);
  }

  evaluate(): EqPropSnapshot {
    const step = this.run.step;
    const { beta, freeSteps, nudgedSteps, nudging } = this.run.config;
    if (this.metrics?.step !== step) this.metrics = this.run.evaluate();
    const key = [step, beta, nudging, freeSteps, nudgedSteps, this.config.traceIndex].join('|');
    if (this.trace?.key !== key) this.trace = { key, value: this.run.trace(this.config.traceIndex) };
    const curvePending = this.updateCurve(step, beta);
    const c = this.curve as AngleCurve;
    const curve = { step: c.step, betas: [...c.betas], oneSided: [...c.oneSided], symmetric: [...c.symmetric] };
    return { ...this.metrics, beta, trace: this.trace.value, curve, curvePending };
  }

  dispose(): void {
    this.run.dispose();
  }

  private angleOptions(): EqPropAngleOptions {
    const steps = this.config.angleSteps;
    return { freeSteps: steps, nudgedSteps: steps, referenceSteps: steps };
  }

  /**
   * The sweep (with the current β) at a new step; at the same step, only the β not measured yet. A
   * run's first evaluation measures the current β alone, so its first numbers show at once (the
   * whole sweep costs seconds); the next evaluation at that step measures the rest. Returns whether
   * the sweep is still incomplete.
   */
  private updateCurve(step: number, beta: number): boolean {
    const wanted = [...new Set([...this.config.curveBetas, beta])].sort((a, b) => a - b);
    const first = this.curve === null;
    if (this.curve?.step !== step) this.curve = { step, betas: [], oneSided: [], symmetric: [] };
    const c = this.curve;
    const missing = (first ? [beta] : wanted).filter((b) => !c.betas.includes(b));
    if (missing.length > 0) {
      const measured = this.run.angleCurve(missing, this.angleOptions());
      missing.forEach((b, k) => {
        const at = c.betas.findIndex((x) => x > b);
        const i = at < 0 ? c.betas.length : at;
        c.betas.splice(i, 0, b);
        c.oneSided.splice(i, 0, measured.oneSided[k]);
        c.symmetric.splice(i, 0, measured.symmetric[k]);
      });
    }
    return wanted.some((b) => !c.betas.includes(b));
  }
}

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
    this.updateCurve(step, beta);
    const c = this.curve as AngleCurve;
    const curve = { step: c.step, betas: [...c.betas], oneSided: [...c.oneSided], symmetric: [...c.symmetric] };
    return { ...this.metrics, beta, trace: this.trace.value, curve };
  }

  dispose(): void {
    this.run.dispose();
  }

  private angleOptions(): EqPropAngleOptions {
    const steps = this.config.angleSteps;
    return { freeSteps: steps, nudgedSteps: steps, referenceSteps: steps };
  }

  /** The whole sweep at a new step; at the same step, only a β not measured yet. */
  private updateCurve(step: number, beta: number): void {
    if (this.curve?.step === step) {
      if (this.curve.betas.includes(beta)) return;
      const point = this.run.angleCurve([beta], this.angleOptions());
      const c = this.curve;
      const at = c.betas.findIndex((b) => b > beta);
      const i = at < 0 ? c.betas.length : at;
      c.betas.splice(i, 0, beta);
      c.oneSided.splice(i, 0, point.oneSided[0]);
      c.symmetric.splice(i, 0, point.symmetric[0]);
      return;
    }
    const betas = [...new Set([...this.config.curveBetas, beta])].sort((a, b) => a - b);
    const { oneSided, symmetric } = this.run.angleCurve(betas, this.angleOptions());
    this.curve = { step, betas, oneSided, symmetric };
  }
}

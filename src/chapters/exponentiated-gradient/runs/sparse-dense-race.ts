/**
 * Sparse vs dense race (Kivinen & Warmuth 1997, §8): gradient descent and EG± learn the same online
 * linear regression side by side, one stream per input count N, all from one seed. Each trial both
 * predict ŷ = w·x, see y = u·x and pay (ŷ − y)²; then GD: w ← w − η_GD·2(ŷ − y)x, EG±: the K&W update
 * with U = ‖u‖₁. Both start at w = 0 (EG± at w⁺ = w⁻ = 1/(2N)).
 *
 * Step sizes, set from the inputs' size in the form of K&W's analysis, times live multipliers:
 * η_GD = 1/(2X₂²), X₂² = max‖x‖₂² (normalised LMS, w ← w − (ŷ − y)x/‖x‖²: each step lands on the nearest
 * weights that fit the current trial; twice that stops learning), and η_EG± = 1/(2U²X∞²), X∞ = max|xᵢ|.
 * Of the EG± rates c/(2UX∞)² we tried (c = ½, ⅔, 1, 2), c = 2 is the one that reproduces science.md's
 * reference losses; all four meet its bands. Larger c helps EG± a little more (the rate is cautious).
 * The race the chapter tells: x ∈ {±1}ᴺ, one relevant input: GD pays ≈ N (its loss grows with N),
 * EG± ≈ 2 ln(2N); unit-vector inputs and a dense ±1 target reverse it.
 */
import { createRng } from '../../../lib/random';
import { OnlineRegressionStream, type OnlineInputs } from '../../../lib/data/online';
import { EgPlusMinusVector } from '../../../lib/rules/update/eg-plus-minus';

export interface RaceConfig {
  /** Input counts N raced at once (the loss-vs-N plot), each its own stream from the seed. */
  sizes: number[];
  /** k, relevant inputs (k ≥ N: all of them, the dense target). */
  relevant: number;
  inputs: OnlineInputs;
  /** The race's length in trials (2,000 in the chapter). */
  trials: number;
  seed: number;
  /** Multipliers of K&W's step sizes (1 = theirs). Live. */
  gdRateScale: number;
  egRateScale: number;
  /** Keep the cumulative loss every this many trials for the curves. */
  curveEvery: number;
}

export const RACE_DEFAULTS: RaceConfig = {
  sizes: [16, 64, 256, 1024, 4096],
  relevant: 1,
  inputs: 'signs',
  trials: 2000,
  seed: 1,
  gdRateScale: 1,
  egRateScale: 1,
  curveEvery: 10,
};

/** The dense variant: every input relevant (±1 target), unit-vector inputs. */
export const RACE_DENSE: Partial<RaceConfig> = { relevant: Number.MAX_SAFE_INTEGER, inputs: 'unit' };

export const RACE_LIVE_KEYS: readonly (keyof RaceConfig)[] = ['gdRateScale', 'egRateScale'];

export interface RaceMetrics {
  step: number;
  done: boolean;
  sizes: number[];
  /** Cumulative squared loss so far, per size. */
  gd: number[];
  eg: number[];
  /** The step sizes in use, per size. */
  gdRates: number[];
  egRates: number[];
  /** Trials at which the curves were sampled, and per size the cumulative losses there. */
  curveTrials: number[];
  gdCurves: number[][];
  egCurves: number[][];
}

interface Lane {
  stream: OnlineRegressionStream;
  x: Float64Array;
  grad: Float64Array;
  gd: Float64Array;
  eg: EgPlusMinusVector;
  gdRate: number;
  egRate: number;
  gdLoss: number;
  egLoss: number;
  gdCurve: number[];
  egCurve: number[];
}

export class RaceRun {
  private readonly lanes: Lane[];
  private readonly curveTrials: number[] = [0];
  private trial = 0;
  private gdRateScale: number;
  private egRateScale: number;

  constructor(readonly config: RaceConfig) {
    const root = createRng(config.seed);
    this.gdRateScale = config.gdRateScale;
    this.egRateScale = config.egRateScale;
    this.lanes = config.sizes.map((n) => {
      const stream = new OnlineRegressionStream({ inputs: n, relevant: config.relevant, kind: config.inputs }, root.fork(`N=${n}`));
      const total = stream.targetL1;
      return {
        stream,
        x: new Float64Array(n),
        grad: new Float64Array(n),
        gd: new Float64Array(n),
        eg: EgPlusMinusVector.zero(n, total),
        gdRate: 1 / (2 * stream.inputNorm2Squared),
        egRate: 1 / (2 * total * total * stream.inputMax ** 2),
        gdLoss: 0,
        egLoss: 0,
        gdCurve: [0],
        egCurve: [0],
      };
    });
  }

  get step(): number {
    return this.trial;
  }

  /** Up to `steps` trials for every N (never past config.trials). Loss: the last trial's largest (ŷ − y)². */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    let last = NaN;
    const end = Math.min(this.config.trials, this.trial + steps);
    const ran = this.trial < end;
    while (this.trial < end) {
      last = 0;
      for (const lane of this.lanes) last = Math.max(last, this.trialOf(lane));
      this.trial += 1;
      if (this.trial % this.config.curveEvery === 0 || this.trial === this.config.trials) {
        this.curveTrials.push(this.trial);
        for (const lane of this.lanes) {
          lane.gdCurve.push(lane.gdLoss);
          lane.egCurve.push(lane.egLoss);
        }
      }
    }
    return { step: this.trial, loss: last, diverged: ran && !Number.isFinite(last) };
  }

  private trialOf(lane: Lane): number {
    const { x, grad, gd, eg } = lane;
    const y = lane.stream.next(x);
    let gdOut = 0;
    let egOut = 0;
    for (let i = 0; i < x.length; i++) {
      gdOut += gd[i] * x[i];
      egOut += eg.weights[i] * x[i];
    }
    const gdErr = gdOut - y;
    const egErr = egOut - y;
    lane.gdLoss += gdErr * gdErr;
    lane.egLoss += egErr * egErr;
    const gdStep = this.gdRateScale * lane.gdRate * 2 * gdErr;
    for (let i = 0; i < x.length; i++) {
      gd[i] -= gdStep * x[i];
      grad[i] = 2 * egErr * x[i];
    }
    eg.step(grad, this.egRateScale * lane.egRate);
    return Math.max(gdErr * gdErr, egErr * egErr);
  }

  update(partial: Partial<RaceConfig>): void {
    if (partial.gdRateScale !== undefined) this.gdRateScale = partial.gdRateScale;
    if (partial.egRateScale !== undefined) this.egRateScale = partial.egRateScale;
  }

  evaluate(): RaceMetrics {
    return {
      step: this.trial,
      done: this.trial >= this.config.trials,
      sizes: [...this.config.sizes],
      gd: this.lanes.map((l) => l.gdLoss),
      eg: this.lanes.map((l) => l.egLoss),
      gdRates: this.lanes.map((l) => this.gdRateScale * l.gdRate),
      egRates: this.lanes.map((l) => this.egRateScale * l.egRate),
      curveTrials: [...this.curveTrials],
      gdCurves: this.lanes.map((l) => [...l.gdCurve]),
      egCurves: this.lanes.map((l) => [...l.egCurve]),
    };
  }

  dispose(): void {}
}

/** Race `config` to its end; the final cumulative losses per size. */
export function raceTable(config: RaceConfig): { sizes: number[]; gd: number[]; eg: number[]; seconds: number } {
  const t0 = performance.now();
  const run = new RaceRun(config);
  run.train(config.trials);
  const m = run.evaluate();
  return { sizes: m.sizes, gd: m.gd, eg: m.eg, seconds: (performance.now() - t0) / 1000 };
}

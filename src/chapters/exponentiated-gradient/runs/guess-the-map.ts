/**
 * "Guess the map" (Pogodin, Cornford et al., ICLR 2024): a linear model w ∈ ℝᴰ learns N < D points of
 * the correlated regression task by mirror descent with a hidden potential, to MSE < tolerance. From
 * the weights before and after alone, compute for each candidate potential the dual-space change
 * ξ = ∇φ(w_T) − ∇φ(w₀) and its non-Gaussianity (the paper's W1 distance of standardised ξ to N(0, 1));
 * the candidate whose change looks most Gaussian is the guess. The chapter's protocol: D = 1,000,
 * N = 177 (≈ D^0.75), correlation (−1)^k/(1 + k²), MSE < 1e-12.
 *
 * A live run (step = mirror iterations; config and metrics are plain data) and `guessTheMap`, which
 * trains to the tolerance and scores once, for the reproduce table.
 */
import { createRng } from '../../../lib/random';
import { correlatedRegression } from '../../../lib/data/correlated-regression';
import { dualChange, getPotential, type PotentialName } from '../../../lib/rules/update/potentials';
import { histogram, nonGaussianity, qqPoints, standardisedSorted, type Histogram } from '../../../lib/stats/normality';
import { MirrorRegressionFit } from './mirror-fit';

export interface GuessMapConfig {
  dimension: number;
  points: number;
  /** The correlation's decay exponent. */
  power: number;
  /** The potential the learner really used (hidden from the reader until the answer). */
  hidden: PotentialName;
  /** The potentials the reader may guess among. */
  candidates: PotentialName[];
  /** Train until the mean squared error is below this. */
  tolerance: number;
  seed: number;
  /** Histogram bins of the standardised changes (on [−5, 5]) and Q–Q points. */
  bins: number;
  qqCount: number;
}

export { GUESS_MAP_DEFAULTS } from './defaults';

/** Nothing changes mid-run: a new hidden rule or task is a new run. */
export const GUESS_MAP_LIVE_KEYS: readonly (keyof GuessMapConfig)[] = [];

export interface CandidateScore {
  potential: PotentialName;
  nonGaussianity: number;
  /** The standardised change (ξ − mean)/std on [−5, 5]. */
  histogram: Histogram;
  qq: { theoretical: number[]; sample: number[] };
}

export interface GuessMapMetrics {
  step: number;
  loss: number;
  converged: boolean;
  learningRate: number;
  /** Weights whose sign differs from their start. */
  signFlips: number;
  weights: number;
  candidates: CandidateScore[];
  /** The most Gaussian candidate. */
  guess: PotentialName;
  /** The hidden potential (the widget decides when to show it). */
  hidden: PotentialName;
  /** Second-smallest non-Gaussianity over the smallest: how clearly the guess wins. */
  margin: number;
}

export class GuessMapRun {
  private readonly fit: MirrorRegressionFit;

  constructor(readonly config: GuessMapConfig) {
    if (config.candidates.length === 0) throw new RangeError('guess the map: no candidate potentials');
    const task = correlatedRegression({ dimension: config.dimension, points: config.points, power: config.power }, createRng(config.seed));
    this.fit = new MirrorRegressionFit(task, getPotential(config.hidden));
  }

  get step(): number {
    return this.fit.iterations;
  }

  get converged(): boolean {
    return this.fit.loss < this.config.tolerance;
  }

  /** Up to `steps` full-batch mirror iterations (none once converged). */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    const loss = this.fit.iterate(steps, this.config.tolerance);
    return { step: this.step, loss, diverged: !Number.isFinite(loss) };
  }

  update(_partial: Partial<GuessMapConfig>): void {}

  evaluate(): GuessMapMetrics {
    const { start } = this.fit.task;
    const w = this.fit.weights;
    let signFlips = 0;
    for (let i = 0; i < w.length; i++) if (Math.sign(w[i]) !== Math.sign(start[i])) signFlips++;
    const candidates = this.config.candidates.map((name): CandidateScore => {
      const xi = dualChange(getPotential(name), start, w);
      return {
        potential: name,
        nonGaussianity: nonGaussianity(xi),
        histogram: histogram(standardisedSorted(xi), this.config.bins, -5, 5),
        qq: qqPoints(xi, this.config.qqCount),
      };
    });
    const ranked = [...candidates].filter((c) => Number.isFinite(c.nonGaussianity)).sort((a, b) => a.nonGaussianity - b.nonGaussianity);
    const guess = ranked.length ? ranked[0].potential : this.config.candidates[0];
    const margin = ranked.length > 1 ? ranked[1].nonGaussianity / ranked[0].nonGaussianity : NaN;
    return {
      step: this.step,
      loss: this.fit.loss,
      converged: this.converged,
      learningRate: this.fit.learningRate,
      signFlips,
      weights: w.length,
      candidates,
      guess,
      hidden: this.config.hidden,
      margin,
    };
  }

  dispose(): void {}
}

export interface GuessMapRow {
  hidden: PotentialName;
  iterations: number;
  loss: number;
  signFlipFraction: number;
  /** Non-Gaussianity per candidate, in config.candidates order. */
  scores: number[];
  guess: PotentialName;
  margin: number;
  seconds: number;
}

/** Train one learner per hidden potential to the tolerance (at most `maxIterations`) and score each. */
export function guessTheMap(config: Omit<GuessMapConfig, 'hidden'>, hiddens: PotentialName[], maxIterations = 100_000): GuessMapRow[] {
  return hiddens.map((hidden) => {
    const t0 = performance.now();
    const run = new GuessMapRun({ ...config, hidden });
    run.train(maxIterations);
    const m = run.evaluate();
    return {
      hidden,
      iterations: m.step,
      loss: m.loss,
      signFlipFraction: m.signFlips / m.weights,
      scores: m.candidates.map((c) => c.nonGaussianity),
      guess: m.guess,
      margin: m.margin,
      seconds: (performance.now() - t0) / 1000,
    };
  });
}

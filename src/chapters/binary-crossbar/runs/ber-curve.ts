/**
 * The robustness figure's run: accuracy vs bit error rate for the shipped standard and error-aware
 * nets (random sign flips), the standard net on 2T2R devices read binary and ternary, and the 10%
 * smallest vs largest |W_h| flipped — each point one "step", so the curves grow as the worker computes
 * them (BN statistics recomputed on calibration digits for every point, as in `reproduce -- bnn-ber`).
 */
import { fetchSource, type ByteSource } from '../../../lib/data';
import type { BinaryNet } from '../../../lib/hardware/binary-net';
import type { LiveRun, TrainResult } from '../../../lib/train/live-run';
import { createRng, type Rng } from '../../../lib/random';
import { figureDigits, shippedNet } from './models';
import { accuracyMagnitudeFlips, accuracyOnDevices, accuracyUnderFlips, BER_GRID, score, type Scoring } from './robustness';
import { signWeights } from '../../../lib/hardware/binary-net';

export interface BerCurveConfig {
  seed: number;
  /** Test digits each point is scored on. */
  testSize: number;
  /** Ternary margin as a fraction of the window ln(R_HRS/R_LRS). */
  margin: number;
  modelsUrl: string;
}

export type Series = 'standard' | 'errorAware' | 'binary' | 'ternary';
export const SERIES: readonly Series[] = ['standard', 'errorAware', 'binary', 'ternary'];

export interface BerCurveMetrics {
  step: number;
  total: number;
  bers: number[];
  /** Accuracy per BER (null: not computed yet). */
  curves: Record<Series, (number | null)[]>;
  clean: number | null;
  smallest: number | null;
  largest: number | null;
  testSize: number;
}

const CALIBRATION = 500;

type Job = () => void;

export class BerCurveRun implements LiveRun<BerCurveConfig, BerCurveMetrics> {
  step = 0;
  private readonly metrics: BerCurveMetrics;
  private readonly jobs: Job[];

  private constructor(
    readonly config: BerCurveConfig,
    standard: BinaryNet,
    errorAware: BinaryNet,
    scoring: Scoring,
  ) {
    const bers = [...BER_GRID] as number[];
    const empty = () => bers.map(() => null);
    const m: BerCurveMetrics = (this.metrics = { step: 0, total: 0, bers, curves: { standard: empty(), errorAware: empty(), binary: empty(), ternary: empty() }, clean: null, smallest: null, largest: null, testSize: scoring.test.n });
    const rng = createRng(config.seed).fork('chip');
    const fork = (label: string): Rng => rng.fork(label);
    this.jobs = [
      () => (m.clean = score(standard, signWeights(standard), scoring)),
      () => (m.smallest = accuracyMagnitudeFlips(standard, 0.1, 'smallest', scoring)),
      () => (m.largest = accuracyMagnitudeFlips(standard, 0.1, 'largest', scoring)),
      ...bers.flatMap((ber, i): Job[] => [
        () => (m.curves.standard[i] = accuracyUnderFlips(standard, ber, scoring, fork(`standard ${ber}`))),
        () => (m.curves.errorAware[i] = accuracyUnderFlips(errorAware, ber, scoring, fork(`error-aware ${ber}`))),
        () => (m.curves.binary[i] = accuracyOnDevices(standard, ber, 0, scoring, fork(`chip ${ber}`)).accuracy),
        () => (m.curves.ternary[i] = accuracyOnDevices(standard, ber, config.margin, scoring, fork(`chip ${ber}`)).accuracy),
      ]),
    ];
    m.total = this.jobs.length;
  }

  static async create(config: BerCurveConfig, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<BerCurveRun> {
    const [standard, errorAware, digits] = await Promise.all([shippedNet(models, 'standard'), shippedNet(models, 'error-aware'), figureDigits(data, config.testSize, CALIBRATION)]);
    return new BerCurveRun(config, standard, errorAware, digits);
  }

  train(steps: number): TrainResult {
    for (let k = 0; k < steps && this.step < this.jobs.length; k++) this.jobs[this.step++]();
    this.metrics.step = this.step;
    return { step: this.step, loss: 0, diverged: false };
  }

  evaluate(): BerCurveMetrics {
    const m = this.metrics;
    return { ...m, curves: { standard: [...m.curves.standard], errorAware: [...m.curves.errorAware], binary: [...m.curves.binary], ternary: [...m.curves.ternary] } };
  }

  update(): void {}

  dispose(): void {}
}

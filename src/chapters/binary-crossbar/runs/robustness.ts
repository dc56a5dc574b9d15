/**
 * What a trained binarized net keeps of its accuracy when the chip holding it errs (science.md,
 * "Binary networks on a crossbar"): random sign flips at a bit error rate, flips of the weights with
 * the smallest or largest hidden magnitude |W_h|, and device variability read binary or ternary.
 * Batch-norm statistics are recomputed on a calibration set with the weights as read (or kept, when
 * `recompute` is false). Each measure is one draw of the chip from `rng`.
 */
import { accuracy, batchStatistics, signWeights, trainedStatistics, type BinaryNet, type ReadWeights } from '../../../lib/hardware/binary-net';
import { flipByMagnitude, injectBitErrors, programCrossbar, readWeights, sigmaForBitErrorRate, withSpread, NOMINAL_DEVICES } from '../../../lib/hardware/crossbar';
import type { LabelledImages } from '../../../lib/hardware/train';
import type { Rng } from '../../../lib/random';

export interface Scoring {
  /** Images on which batch norm's statistics are recomputed. */
  calibration: LabelledImages;
  test: LabelledImages;
  /** Recompute BN statistics with the weights as read (default true). */
  recompute?: boolean;
}

/** The BER grid of the chapter's table and figure: 1e-5 … 0.5. */
export const BER_GRID = [1e-5, 1e-4, 1e-3, 1e-2, 2e-2, 5e-2, 0.1, 0.2, 0.3, 0.4, 0.5] as const;

/** Ternary margin, as a fraction of the window ln R_HRS − ln R_LRS: pairs closer than this read 0. */
export const TERNARY_MARGIN = 0.25;

export function score(net: BinaryNet, weights: ReadWeights, scoring: Scoring): number {
  const stats = scoring.recompute === false ? trainedStatistics(net) : batchStatistics(net, weights, scoring.calibration.x, scoring.calibration.n);
  return accuracy(net, weights, stats, scoring.test.x, scoring.test.labels, scoring.test.n);
}

/** Accuracy with every weight's sign flipped independently with probability `ber`. */
export function accuracyUnderFlips(net: BinaryNet, ber: number, scoring: Scoring, rng: Rng): number {
  const weights = signWeights(net);
  weights.forEach((w) => injectBitErrors(w, ber, rng));
  return score(net, weights, scoring);
}

/** Accuracy with, in every layer, the `fraction` of weights of smallest (largest) |W_h| flipped. */
export function accuracyMagnitudeFlips(net: BinaryNet, fraction: number, which: 'smallest' | 'largest', scoring: Scoring): number {
  const weights = signWeights(net);
  weights.forEach((w, l) => flipByMagnitude(w, net.hidden[l], fraction, which));
  return score(net, weights, scoring);
}

export interface DeviceRead {
  accuracy: number;
  /** Fraction of weights read with the wrong sign, and read as 0. */
  errors: number;
  zeros: number;
}

/**
 * Every layer programmed on 2T2R pairs whose spread σ gives bit error rate `ber` (our model), read pair
 * by pair: binary (margin 0) or ternary (pairs closer than `margin`·window read 0).
 */
export function accuracyOnDevices(net: BinaryNet, ber: number, margin: number, scoring: Scoring, rng: Rng): DeviceRead {
  const window = NOMINAL_DEVICES.highMean - NOMINAL_DEVICES.lowMean;
  // At BER 0.5 σ is infinite: 1,000 windows is as good (the pair's order is a coin toss).
  const model = withSpread(Math.min(sigmaForBitErrorRate(ber, NOMINAL_DEVICES), 1000 * window), NOMINAL_DEVICES);
  const signs = signWeights(net);
  let errors = 0;
  let zeros = 0;
  let total = 0;
  const weights = signs.map((s, l) => {
    const bar = programCrossbar(s, net.sizes[l], net.sizes[l + 1], model, rng);
    const read = readWeights(bar, model, margin * window);
    read.forEach((v, k) => {
      if (v === 0) zeros += 1;
      else if (v !== s[k]) errors += 1;
    });
    total += read.length;
    return read;
  });
  return { accuracy: score(net, weights, scoring), errors: errors / total, zeros: zeros / total };
}

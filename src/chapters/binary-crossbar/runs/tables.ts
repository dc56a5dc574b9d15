/**
 * The crossbar chapter's experiments as data: train the BNN (standard and error-aware), then measure
 * accuracy under random flips, magnitude-ranked flips and device variability read binary or ternary,
 * and check science.md's bands. `npm run reproduce -- bnn-ber | ternary` prints them; the unit tests
 * run them at a reduced size.
 */
import type { ByteSource } from '../../../lib/data';
import { signWeights, type BinaryNet } from '../../../lib/hardware/binary-net';
import { BNN_PROTOCOL, trainBnn, type BnnTrainingConfig } from '../../../lib/hardware/train';
import { createRng } from '../../../lib/random';
import { head, loadDigits } from './data';
import { accuracyMagnitudeFlips, accuracyOnDevices, accuracyUnderFlips, BER_GRID, score, TERNARY_MARGIN, type DeviceRead, type Scoring } from './robustness';

export interface Band {
  name: string;
  value: number;
  limit: string;
  hit: boolean;
}

export interface ProtocolSize {
  sizes: number[];
  epochs: number;
  trainSize: number;
  testSize: number;
  calibrationSize: number;
  engine: 'js' | 'wasm-simd';
}

export const FULL: ProtocolSize = { sizes: [...BNN_PROTOCOL.sizes], epochs: BNN_PROTOCOL.epochs, trainSize: 12000, testSize: 10000, calibrationSize: 2000, engine: 'wasm-simd' };
/** The reduced size of --quick and the unit tests. */
export const QUICK: ProtocolSize = { sizes: [784, 512, 512, 10], epochs: 1, trainSize: 12000, testSize: 2000, calibrationSize: 1000, engine: 'wasm-simd' };

/** Error-aware training's bit error rate (Hirtzlin et al. 2020 report tolerance up to 4e-2 with it). */
export const TRAINING_BER = 0.05;

export interface Trained {
  standard: BinaryNet;
  /** Absent when only the standard net was asked for (trainingBer null). */
  errorAware?: BinaryNet;
  scoring: Scoring;
  seconds: number;
}

export async function trainBoth(source: ByteSource, seed: number, size: ProtocolSize, trainingBer: number | null = TRAINING_BER, progress?: (line: string) => void): Promise<Trained> {
  const { train, test } = await loadDigits(source, size.trainSize, size.testSize);
  const base: BnnTrainingConfig = { sizes: size.sizes, epochs: size.epochs, batchSize: BNN_PROTOCOL.batchSize, learningRate: BNN_PROTOCOL.learningRate, seed, trainingBer: 0, engine: size.engine };
  const t0 = performance.now();
  progress?.(`standard training, ${size.sizes.join('-')}, ${size.epochs} epochs, seed ${seed}`);
  const standard = trainBnn(base, train, progress);
  if (trainingBer !== null) progress?.(`error-aware training at BER ${trainingBer}`);
  const errorAware = trainingBer === null ? undefined : trainBnn({ ...base, trainingBer }, train, progress);
  return { standard, errorAware, scoring: { calibration: head(train, size.calibrationSize), test }, seconds: (performance.now() - t0) / 1000 };
}

export interface BerTable {
  clean: { standard: number; errorAware: number; runningStatistics: number };
  bers: number[];
  standard: number[];
  errorAware: number[];
  smallest: number;
  largest: number;
  bands: Band[];
}

const drop = (clean: number, at: number) => 100 * (clean - at);

export function berTable(t: Trained, seed: number, progress?: (line: string) => void, grid: readonly number[] = BER_GRID): BerTable {
  const aware = t.errorAware;
  if (!aware) throw new Error('berTable needs the error-aware net');
  const rng = createRng(seed).fork('chip');
  const clean = {
    standard: score(t.standard, signWeights(t.standard), t.scoring),
    errorAware: score(aware, signWeights(aware), t.scoring),
    runningStatistics: score(t.standard, signWeights(t.standard), { ...t.scoring, recompute: false }),
  };
  const bers: number[] = [...grid];
  const standard: number[] = [];
  const errorAware: number[] = [];
  for (const ber of bers) {
    standard.push(accuracyUnderFlips(t.standard, ber, t.scoring, rng.fork(`standard ${ber}`)));
    errorAware.push(accuracyUnderFlips(aware, ber, t.scoring, rng.fork(`error-aware ${ber}`)));
    progress?.(`BER ${ber}: ${(100 * standard.at(-1)!).toFixed(2)}% / ${(100 * errorAware.at(-1)!).toFixed(2)}%`);
  }
  const smallest = accuracyMagnitudeFlips(t.standard, 0.1, 'smallest', t.scoring);
  const largest = accuracyMagnitudeFlips(t.standard, 0.1, 'largest', t.scoring);
  const at = (ber: number) => standard[bers.indexOf(ber)];
  const worstUpTo = Math.max(...bers.filter((b) => b <= 1e-2).map((b) => drop(clean.standard, at(b))));
  const bands: Band[] = [
    { name: `clean accuracy (${seed})`, value: 100 * clean.standard, limit: '≥ 92%', hit: clean.standard >= 0.92 },
    { name: 'largest drop for BER ≤ 1e-2 (points)', value: worstUpTo, limit: '≤ 1', hit: worstUpTo <= 1 },
    { name: 'drop at BER 0.1 (points)', value: drop(clean.standard, at(0.1)), limit: '≤ 3', hit: drop(clean.standard, at(0.1)) <= 3 },
    { name: 'drop at BER 0.3 (points)', value: drop(clean.standard, at(0.3)), limit: '≥ 30', hit: drop(clean.standard, at(0.3)) >= 30 },
    { name: 'largest-|W_h| flips cost more than smallest (points)', value: 100 * (smallest - largest), limit: '≥ 20', hit: 100 * (smallest - largest) >= 20 },
  ];
  return { clean, bers, standard, errorAware, smallest, largest, bands };
}

/** Device spreads of the ternary table (as the BER they give when read binary). */
export const DEVICE_BERS = [1e-3, 1e-2, 5e-2, 0.1, 0.2, 0.3] as const;

export interface TernaryTable {
  bers: number[];
  binary: DeviceRead[];
  ternary: DeviceRead[];
  margin: number;
  bands: Band[];
}

export function ternaryTable(t: Trained, seed: number, margin = TERNARY_MARGIN, progress?: (line: string) => void, grid: readonly number[] = DEVICE_BERS): TernaryTable {
  const rng = createRng(seed).fork('devices');
  const bers: number[] = [...grid];
  const binary: DeviceRead[] = [];
  const ternary: DeviceRead[] = [];
  for (const ber of bers) {
    // The same chip (same device draws) read both ways.
    binary.push(accuracyOnDevices(t.standard, ber, 0, t.scoring, rng.fork(`chip ${ber}`)));
    ternary.push(accuracyOnDevices(t.standard, ber, margin, t.scoring, rng.fork(`chip ${ber}`)));
    progress?.(`device BER ${ber}: binary ${(100 * binary.at(-1)!.accuracy).toFixed(2)}%, ternary ${(100 * ternary.at(-1)!.accuracy).toFixed(2)}%`);
  }
  const worst = Math.min(...bers.map((_, i) => 100 * (ternary[i].accuracy - binary[i].accuracy)));
  return { bers, binary, ternary, margin, bands: [{ name: 'worst ternary − binary (points)', value: worst, limit: '≥ −0.5', hit: worst >= -0.5 }] };
}

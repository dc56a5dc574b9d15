/**
 * The chip figure's run: the shipped binarized net programmed on simulated 2T2R crossbars (one per
 * layer, ../../../lib/hardware/crossbar.ts), with a device spread σ, random stuck devices, devices
 * broken by hand in the first layer, extra injected bit errors and a ternary margin. Every change
 * re-reads the chip, recalibrates batch norm on calibration digits and scores it; the metrics carry a
 * window of the first layer (devices, reads, bit-line currents for the digit shown) for the drawing.
 * No training: `train` only counts.
 */
import { fetchSource, type ByteSource } from '../../../lib/data';
import { accuracy, batchStatistics, forwardLogits, signWeights, type BinaryNet, type NormStatistics } from '../../../lib/hardware/binary-net';
import {
  bitErrorRate,
  columnCurrents,
  deviceLogR,
  injectBitErrors,
  NOMINAL_DEVICES,
  programCrossbar,
  readWeights,
  setStuck,
  stickRandomDevices,
  withSpread,
  type Crossbar,
  type Side,
  type StuckState,
} from '../../../lib/hardware/crossbar';
import { BNN_PROTOCOL, BnnTrainer, type LabelledImages } from '../../../lib/hardware/train';
import { wasmSimdAvailable } from '../../../lib/engine';
import type { LiveRun, TrainResult } from '../../../lib/train/live-run';
import { createRng } from '../../../lib/random';
import { figureDigits, shippedNet, type NetName } from './models';
import { loadDigits } from './data';
import { WINDOW_COLS, WINDOW_ROWS } from './chip-window';

export { WINDOW_COLS, WINDOW_ROWS };

export interface ChipConfig {
  seed: number;
  /** A shipped net, or 'retrain': the standard protocol trained here, in the worker, from `seed`. */
  net: NetName | 'retrain';
  /** Spread of ln R in both device states. */
  sigma: number;
  /** Extra bit errors injected after the read. */
  ber: number;
  /** Fraction of devices stuck (half at LRS, half at HRS). */
  stuck: number;
  /** Ternary margin as a fraction of the window (0: binary read). */
  margin: number;
  /** The test digit shown (0-based, below testSize). */
  digit: number;
  testSize: number;
  /** Devices broken by hand in the first layer: "index:bl|blbar:lrs|hrs" joined by ",". */
  broken: string;
  modelsUrl: string;
}

export interface ChipWindow {
  /** Input pixels (word lines) and neurons (bit-line pairs) shown. */
  rows: number[];
  cols: number[];
  /** Per shown pair, row-major over (rows × cols): pair index in layer 0, devices' ln R, stuck codes, written and read weight. */
  index: number[];
  logBL: number[];
  logBLbar: number[];
  stuckBL: number[];
  stuckBLbar: number[];
  written: number[];
  read: number[];
  /** Word-line voltages (V) for the digit shown. */
  voltages: number[];
  /** Per shown column: bit-line currents (µA) over all 784 word lines, and the neuron's output after BN. */
  iBL: number[];
  iBLbar: number[];
  output: number[];
}

export interface ChipMetrics {
  step: number;
  /** While retraining here: progress (the chip's fields are then placeholders). */
  training: { step: number; total: number; loss: number } | null;
  accuracy: number;
  testSize: number;
  /** Our model's BER for σ, and what the chip really read (all layers). */
  modelBer: number;
  wrong: number;
  zeros: number;
  stuckDevices: number;
  digit: { pixels: Uint8Array; label: number; prediction: number };
  window: ChipWindow;
}

/** Read voltage for a white pixel (V). */
export const READ_VOLTAGE = 0.2;
const CALIBRATION = 500;

export function parseBroken(text: string): { index: number; side: Side; state: StuckState }[] {
  return text
    .split(',')
    .map((part) => part.split(':'))
    .filter(([i, side, state]) => /^\d+$/.test(i ?? '') && (side === 'bl' || side === 'blbar') && (state === 'lrs' || state === 'hrs'))
    .map(([i, side, state]) => ({ index: Number(i), side: side as Side, state: state as StuckState }));
}

export class ChipRun implements LiveRun<ChipConfig, ChipMetrics> {
  step = 0;
  private metrics: ChipMetrics | null = null;
  private lastLoss = NaN;

  private constructor(
    private config: ChipConfig,
    private net: BinaryNet | null,
    private readonly digits: { test: LabelledImages; calibration: LabelledImages },
    private trainer: BnnTrainer | null = null,
  ) {}

  static async create(config: ChipConfig, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<ChipRun> {
    const digits = await figureDigits(data, config.testSize, CALIBRATION);
    if (config.net !== 'retrain') return new ChipRun(config, await shippedNet(models, config.net), digits);
    // The protocol of `npm run reproduce -- bnn-ber` (standard training), on this machine.
    const { train } = await loadDigits(data);
    const engine = wasmSimdAvailable() ? 'wasm-simd' : 'js';
    const trainer = new BnnTrainer({ sizes: [...BNN_PROTOCOL.sizes], epochs: BNN_PROTOCOL.epochs, batchSize: BNN_PROTOCOL.batchSize, learningRate: BNN_PROTOCOL.learningRate, seed: config.seed, trainingBer: 0, engine }, train);
    return new ChipRun(config, null, digits, trainer);
  }

  /** While retraining: `steps` training steps (then the net is kept and the trainer freed); afterwards only counts. */
  train(steps: number): TrainResult {
    const trainer = this.trainer;
    if (!trainer) {
      this.step += steps;
      return { step: this.step, loss: 0, diverged: false };
    }
    for (let k = 0; k < steps && !trainer.done; k++) this.lastLoss = trainer.next().loss;
    this.step = trainer.step;
    if (trainer.done) {
      this.net = trainer.snapshot();
      trainer.dispose();
      this.trainer = null;
      this.metrics = null;
    }
    return { step: this.step, loss: this.lastLoss, diverged: !Number.isFinite(this.lastLoss) };
  }

  update(partial: Partial<ChipConfig>): void {
    this.config = { ...this.config, ...partial };
    this.metrics = null;
  }

  evaluate(): ChipMetrics {
    const trainer = this.trainer;
    if (trainer) return pending(this.step, { step: trainer.step, total: trainer.totalSteps, loss: this.lastLoss }, this.digits.test.n);
    this.metrics ??= this.compute(this.net as BinaryNet);
    return { ...this.metrics, step: this.step };
  }

  dispose(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }

  private compute(net: BinaryNet): ChipMetrics {
    const { config } = this;
    const { test, calibration } = this.digits;
    const model = withSpread(Math.max(0, config.sigma), NOMINAL_DEVICES);
    const window = NOMINAL_DEVICES.highMean - NOMINAL_DEVICES.lowMean;
    const rng = createRng(config.seed);
    const signs = signWeights(net);
    let wrong = 0;
    let zeros = 0;
    let total = 0;
    let stuckDevices = 0;
    const bars: Crossbar[] = [];
    const weights = signs.map((s, l) => {
      const bar = programCrossbar(s, net.sizes[l], net.sizes[l + 1], model, rng.fork(`devices ${l}`));
      stuckDevices += stickRandomDevices(bar, config.stuck, rng.fork(`stuck ${l}`));
      if (l === 0) {
        for (const b of parseBroken(config.broken)) if (b.index < s.length) setStuck(bar, b.index, b.side, b.state);
      }
      bars.push(bar);
      const read = readWeights(bar, model, config.margin * window);
      injectBitErrors(read, config.ber, rng.fork(`flips ${l}`));
      read.forEach((v, k) => {
        if (v === 0) zeros += 1;
        else if (v !== s[k]) wrong += 1;
      });
      total += read.length;
      return read;
    });
    const stats = batchStatistics(net, weights, calibration.x, calibration.n);
    const d = net.sizes[0];
    const shown = Math.min(Math.max(0, Math.round(config.digit)), test.n - 1);
    const x = test.x.subarray(shown * d, (shown + 1) * d);
    const logits = forwardLogits(net, weights, stats, x, 1);
    const prediction = logits.reduce((best, v, c) => (v > logits[best] ? c : best), 0);
    return {
      step: this.step,
      training: null,
      accuracy: accuracy(net, weights, stats, test.x, test.labels, test.n),
      testSize: test.n,
      modelBer: bitErrorRate(model),
      wrong: wrong / total,
      zeros: zeros / total,
      stuckDevices,
      digit: { pixels: Uint8Array.from(x, (v) => Math.round(255 * v)), label: test.labels[shown], prediction },
      window: windowOf(net, bars[0], weights[0], signs[0], stats, x),
    };
  }
}

/** What evaluate says while the net is still training here: progress, and nothing of the chip yet. */
function pending(step: number, training: NonNullable<ChipMetrics['training']>, testSize: number): ChipMetrics {
  const window: ChipWindow = { rows: [...WINDOW_ROWS], cols: [...WINDOW_COLS], index: [], logBL: [], logBLbar: [], stuckBL: [], stuckBLbar: [], written: [], read: [], voltages: [], iBL: [], iBLbar: [], output: [] };
  return { step, training, accuracy: NaN, testSize, modelBer: NaN, wrong: NaN, zeros: NaN, stuckDevices: 0, digit: { pixels: new Uint8Array(0), label: -1, prediction: -1 }, window };
}

function windowOf(net: BinaryNet, bar: Crossbar, read: Float32Array, written: Float32Array, stats: NormStatistics, x: Float32Array): ChipWindow {
  const cols = net.sizes[1];
  const voltages = Array.from(x, (v) => READ_VOLTAGE * v);
  const currents = columnCurrents(bar, voltages, NOMINAL_DEVICES);
  const w: ChipWindow = { rows: [...WINDOW_ROWS], cols: [...WINDOW_COLS], index: [], logBL: [], logBLbar: [], stuckBL: [], stuckBLbar: [], written: [], read: [], voltages: WINDOW_ROWS.map((r) => voltages[r]), iBL: [], iBLbar: [], output: [] };
  for (const r of WINDOW_ROWS) {
    for (const c of WINDOW_COLS) {
      const k = r * cols + c;
      w.index.push(k);
      w.logBL.push(deviceLogR(bar, k, 'bl', NOMINAL_DEVICES));
      w.logBLbar.push(deviceLogR(bar, k, 'blbar', NOMINAL_DEVICES));
      w.stuckBL.push(bar.stuckBL[k]);
      w.stuckBLbar.push(bar.stuckBLbar[k]);
      w.written.push(written[k]);
      w.read.push(read[k]);
    }
  }
  for (const c of WINDOW_COLS) {
    w.iBL.push(1e6 * currents.bl[c]);
    w.iBLbar.push(1e6 * currents.blbar[c]);
    let a = 0;
    for (let i = 0; i < net.sizes[0]; i++) if (x[i] !== 0) a += x[i] * read[i * cols + c];
    const z = (net.gamma[0][c] * (a - stats.mean[0][c])) / Math.sqrt(stats.variance[0][c] + net.epsilon) + net.beta[0][c];
    w.output.push(z > 0 ? 1 : -1);
  }
  return w;
}

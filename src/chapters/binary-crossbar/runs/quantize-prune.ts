/**
 * Quantize and prune the adversarial chapter's shipped float MLP (public/models/mlp.json: 784-256-256-10
 * ReLU, 95.53% on the 10,000 test digits, stored as float16): its test accuracy at b bits and at a
 * sparsity s (global magnitude pruning), as is or after a short fine-tuning with the mask kept
 * (../../../lib/hardware/quantize.ts). The worker's run (the <quantize-prune> figure) and
 * `npm run reproduce -- quantize-prune` use the same code. No tfjs.
 *
 * The run: bits and sparsity apply live (the deployed weights are recomputed from the shipped ones,
 * fine-tuning starts over); train() takes fine-tuning steps, up to `fineTuneSteps`; evaluate() scores
 * the deployed weights on the first `evalSize` test digits and fills the figure's two sweeps (accuracy
 * against bits, against sparsity, no fine-tuning) a few points per call, so the worker stays responsive.
 */
import { loadDataset, fetchSource, type ByteSource, type ImageDataset } from '../../../lib/data';
import { decodeWeightArrays } from '../../../lib/classifiers/pretrained-arrays';
import { loadManifest, type WeightsManifest } from '../../../lib/classifiers/weights-manifest';
import { compressParams, countCorrect, MaskedFineTuner, modelBits, pruneMasks, type DigitSet } from '../../../lib/hardware/quantize';
import { createRng } from '../../../lib/random';
import type { LiveRun, TrainResult } from '../../../lib/train/live-run';

export const FLOAT_MODEL = 'mlp';
/** Bits the figure's sweep and the chapter's table visit (32 = the float weights). */
export const SWEEP_BITS = [32, 8, 4, 3, 2, 1] as const;
export const SWEEP_SPARSITY = [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99] as const;
/** Fine-tuning: plain SGD on the 12,000 shipped training digits, batch 64. */
export const FINE_TUNE = { learningRate: 0.05, batchSize: 64 } as const;

export interface FloatMlp {
  sizes: number[];
  params: Float32Array[];
  manifest: WeightsManifest;
}

export async function loadFloatMlp(models: ByteSource): Promise<FloatMlp> {
  const manifest = await loadManifest(FLOAT_MODEL, models);
  if (manifest.architecture.kind !== 'mlp') throw new Error(`${FLOAT_MODEL}: expected an MLP, got a ${manifest.architecture.kind}`);
  const params = decodeWeightArrays(manifest, await models(manifest.file));
  return { sizes: [...manifest.architecture.spec.sizes], params, manifest };
}

export const digitSet = (ds: ImageDataset, n = ds.n): DigitSet => ({ images: ds.images, labels: ds.labels, n: Math.min(n, ds.n) });

/** One compressed model: its weights as deployed, masks and stored size. */
export function compressed(model: FloatMlp, bits: number, sparsity: number) {
  const layers = model.sizes.length - 1;
  const masks = pruneMasks(model.params.slice(0, layers), sparsity, 'global');
  return { masks, params: compressParams(model.params, masks, bits), bits: modelBits(model.params, masks, bits) };
}

export interface QuantizePruneConfig {
  bits: number;
  sparsity: number;
  /** Fine-tuning steps Play takes before the run is finished. */
  fineTuneSteps: number;
  /** Test digits scored live (the first ones of the 10,000). */
  evalSize: number;
  seed: number;
  /** Where public/models is (the page's; empty in Node, where the caller passes a source). */
  modelsUrl: string;
}

export interface SweepPoint {
  x: number;
  accuracy: number;
}

export interface QuantizePruneMetrics {
  step: number;
  fineTuneSteps: number;
  bits: number;
  sparsity: number;
  accuracy: number;
  /** The float model's accuracy on the same digits. */
  floatAccuracy: number;
  evalSize: number;
  /** Stored size in bytes, compressed and float32. */
  modelBytes: number;
  floatBytes: number;
  /** Last fine-tuning batch's loss (NaN before any). */
  loss: number;
  sweeps: { bits: SweepPoint[]; sparsity: SweepPoint[] };
  sweepsDone: boolean;
  done: boolean;
}

/** Sweep points per evaluate() call while the sweeps fill (each ~0.1–0.5 s on 1,000 digits): one past 2,000 digits, so the shared worker stays responsive. */
const sweepPointsPerCall = (digits: number) => (digits <= 2000 ? 2 : 1);

export class QuantizePruneRun implements LiveRun<QuantizePruneConfig, QuantizePruneMetrics> {
  private tuner: MaskedFineTuner | null = null;
  private deployed: Float32Array[] = [];
  private masks: Uint8Array[] = [];
  private accuracyNow: number | null = null;
  private floatAccuracy = NaN;
  private loss = NaN;
  private readonly sweeps: { bits: SweepPoint[]; sparsity: SweepPoint[] } = { bits: [], sparsity: [] };

  private constructor(
    private config: QuantizePruneConfig,
    private readonly model: FloatMlp,
    private readonly trainSet: DigitSet,
    private readonly test: DigitSet,
  ) {
    this.rebuild();
  }

  static async create(config: QuantizePruneConfig, data: ByteSource, models: ByteSource = fetchSource(config.modelsUrl)): Promise<QuantizePruneRun> {
    const [model, train, test] = await Promise.all([loadFloatMlp(models), loadDataset('mnist', 'train', data), loadDataset('mnist', 'test', data)]);
    return new QuantizePruneRun({ ...config }, model, digitSet(train), digitSet(test, config.evalSize));
  }

  get step(): number {
    return this.tuner?.steps ?? 0;
  }

  async train(steps: number): Promise<TrainResult> {
    const tuner = this.tuner ?? (this.tuner = new MaskedFineTuner(this.model.sizes, this.model.params, this.masks, this.config.bits, this.trainSet, createRng(this.config.seed).fork('fine-tune'), FINE_TUNE.learningRate, FINE_TUNE.batchSize));
    const todo = Math.max(0, Math.min(steps, this.config.fineTuneSteps - tuner.steps));
    let peak = 0;
    for (let s = 0; s < todo; s++) {
      this.loss = await tuner.step();
      peak = Math.max(peak, this.loss);
    }
    if (todo > 0) {
      this.deployed = tuner.deployed();
      this.accuracyNow = null;
    }
    const diverged = !Number.isFinite(this.loss) && todo > 0;
    return { step: tuner.steps, loss: this.loss, diverged, peakLoss: todo > 0 ? peak : undefined };
  }

  evaluate(): QuantizePruneMetrics {
    const sizes = this.model.sizes;
    if (Number.isNaN(this.floatAccuracy)) this.floatAccuracy = countCorrect(this.model.params, sizes, this.test) / this.test.n;
    if (this.accuracyNow === null) this.accuracyNow = countCorrect(this.deployed, sizes, this.test) / this.test.n;
    for (let k = 0; k < sweepPointsPerCall(this.test.n); k++) this.fillSweep();
    const { bits, sparsity, fineTuneSteps, evalSize } = this.config;
    const floatBits = modelBits(this.model.params, this.masks.map((m) => new Uint8Array(m.length).fill(1)), 32);
    return {
      step: this.step,
      fineTuneSteps,
      bits,
      sparsity,
      accuracy: this.accuracyNow,
      floatAccuracy: this.floatAccuracy,
      evalSize: Math.min(evalSize, this.test.n),
      modelBytes: modelBits(this.model.params, this.masks, bits) / 8,
      floatBytes: floatBits / 8,
      loss: this.loss,
      sweeps: { bits: [...this.sweeps.bits], sparsity: [...this.sweeps.sparsity] },
      sweepsDone: this.sweepsDone(),
      done: this.step >= fineTuneSteps,
    };
  }

  update(partial: Partial<QuantizePruneConfig>): void {
    const before = this.config;
    this.config = { ...this.config, ...partial };
    if (before.bits !== this.config.bits || before.sparsity !== this.config.sparsity) this.rebuild();
  }

  dispose(): void {
    this.tuner?.dispose();
    this.tuner = null;
    this.deployed = [];
  }

  private rebuild(): void {
    const c = compressed(this.model, this.config.bits, this.config.sparsity);
    this.masks = c.masks;
    this.deployed = c.params;
    this.tuner?.dispose();
    this.tuner = null;
    this.loss = NaN;
    this.accuracyNow = null;
  }

  private sweepsDone(): boolean {
    return this.sweeps.bits.length === SWEEP_BITS.length && this.sweeps.sparsity.length === SWEEP_SPARSITY.length;
  }

  private fillSweep(): void {
    const score = (bits: number, sparsity: number) => countCorrect(compressed(this.model, bits, sparsity).params, this.model.sizes, this.test) / this.test.n;
    if (this.sweeps.bits.length < SWEEP_BITS.length) {
      const bits = SWEEP_BITS[this.sweeps.bits.length];
      this.sweeps.bits.push({ x: bits, accuracy: bits === 32 ? this.floatAccuracy : score(bits, 0) });
    } else if (this.sweeps.sparsity.length < SWEEP_SPARSITY.length) {
      const s = SWEEP_SPARSITY[this.sweeps.sparsity.length];
      this.sweeps.sparsity.push({ x: s, accuracy: s === 0 ? this.floatAccuracy : score(32, s) });
    }
  }
}

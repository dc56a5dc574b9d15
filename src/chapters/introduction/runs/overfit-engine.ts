/**
 * The Introduction's run (../../lib/experiments/overfitting.ts's OverfitRun) on the engine the
 * chooser measured fastest. Same data (the seeded subset, the fixed test subset, the first 2,000
 * training examples for the train score), same initial weights, same batch order, same update: the
 * numbers match OverfitRun's within float32 tolerance (tests/unit/engine/overfit-run.test.ts).
 *
 * Batches are gathered straight from the dataset's bytes into one reused Float32Array; a GPU engine
 * reads the loss back only on the last step of each call (a NaN there still reveals divergence).
 */
import { createRng } from '../../../lib/random';
import { BatchSampler, loadDataset, subsetIndices, type ByteSource, type ImageDataset } from '../../../lib/data';
import { createEngine } from '../../../lib/engine';
import type { LiveRun } from '../../../lib/train/live-run';
import type { Batch, Engine, ModelSpec } from '../../../lib/engine/types';
import { applyLiveSettings, overfitMetrics, type OverfitConfig, type OverfitMetrics } from './overfit';
import { engineOnGpu, engineReport, engines as sharedChooser, type EngineChooser, type EngineReport } from '../../../runtime/engine-choice/index';

/** As OverfitRun: the train score uses at most this many examples; the test subset's seed is fixed. */
const TRAIN_EVAL_CAP = 2000;
const TEST_SUBSET_SEED = 0;
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Rows `indices` of a dataset as floats in [0, 1] (into `out` when given) and their labels. */
export function gather(ds: ImageDataset, indices: ArrayLike<number>, out?: Batch): Batch {
  const d = ds.rows * ds.cols;
  const n = indices.length;
  const x = out && out.x.length >= n * d ? out.x : new Float32Array(n * d);
  const labels = out && (out.labels as Uint8Array).length >= n ? (out.labels as Uint8Array) : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const src = indices[i] * d;
    const dst = i * d;
    for (let j = 0; j < d; j++) x[dst + j] = UNIT[ds.images[src + j]];
    labels[i] = ds.labels[indices[i]];
  }
  return { x, labels, n };
}

export class EngineOverfitRun {
  private diverged = false;
  private lastLoss = NaN;
  private steps = 0;
  private batch: Batch | undefined;

  private constructor(
    readonly config: OverfitConfig,
    private readonly engine: Engine,
    readonly report: EngineReport,
    private readonly trainSet: ImageDataset,
    private readonly subset: Int32Array,
    private readonly trainEval: Batch,
    private readonly test: Batch,
    private readonly sampler: BatchSampler,
  ) {}

  static async create(config: OverfitConfig, source: ByteSource, chooser: EngineChooser = sharedChooser): Promise<EngineOverfitRun> {
    const dataset = config.dataset ?? 'mnist';
    const [trainSet, testSet] = await Promise.all([loadDataset(dataset, 'train', source), loadDataset(dataset, 'test', source)]);
    const rng = createRng(config.seed);
    const trainSize = Math.min(config.trainSize, trainSet.n);
    const subset = subsetIndices(trainSet.n, trainSize, rng.fork('subset'));
    const testIdx = subsetIndices(testSet.n, Math.min(config.testSize ?? 2000, testSet.n), createRng(TEST_SUBSET_SEED));
    const trainEval = gather(trainSet, subset.subarray(0, Math.min(TRAIN_EVAL_CAP, trainSize)));
    const test = gather(testSet, testIdx);
    const model: ModelSpec = { kind: 'mlp', sizes: [trainSet.rows * trainSet.cols, config.hidden, trainSet.classNames.length], activation: config.activation };
    const settings = { optimizer: config.optimizer, learningRate: config.learningRate };
    // Calibration batches: consecutive slices of the subset (the run's own sampler is untouched).
    const calibrationBatch = (i: number) => {
      const start = (i * config.batchSize) % Math.max(1, trainSize - config.batchSize + 1);
      return gather(trainSet, subset.subarray(start, Math.min(trainSize, start + config.batchSize)));
    };
    const choice = await chooser.choose(model, config.batchSize, settings, calibrationBatch);
    const engine = createEngine(choice.engine, model, createRng(config.seed).fork('init'), settings);
    const positions = Int32Array.from({ length: trainSize }, (_, i) => i);
    const sampler = new BatchSampler(positions, config.batchSize, rng.fork('batches'));
    return new EngineOverfitRun({ ...config, trainSize }, engine, engineReport(choice), trainSet, subset, trainEval, test, sampler);
  }

  get step(): number {
    return this.steps;
  }

  get isDiverged(): boolean {
    return this.diverged;
  }

  /**
   * Run up to `steps` minibatch updates; stops early (and stays stopped) once the loss is not
   * finite. A CPU engine reads every step's loss (it has it anyway); a GPU engine only the last one,
   * asynchronously — a NaN there still shows, since NaN weights keep the loss NaN.
   */
  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean; peakLoss?: number }> {
    const readEvery = !engineOnGpu(this.engine.name);
    let taken = 0;
    let peakLoss = -Infinity;
    for (let i = 0; i < steps && !this.diverged; i++) {
      const positions = this.sampler.next();
      const indices = new Int32Array(positions.length);
      for (let j = 0; j < positions.length; j++) indices[j] = this.subset[positions[j]];
      this.batch = gather(this.trainSet, indices, this.batch);
      const result = this.engine.step(this.batch, readEvery);
      this.steps += 1;
      taken += 1;
      if (readEvery) {
        this.noteLoss(result.loss);
        if (result.loss > peakLoss) peakLoss = result.loss;
      }
    }
    if (!readEvery && taken > 0) {
      this.noteLoss((await this.engine.lastStep()).loss);
      if (this.lastLoss > peakLoss) peakLoss = this.lastLoss;
    }
    return { step: this.steps, loss: this.lastLoss, diverged: this.diverged, ...(peakLoss > -Infinity ? { peakLoss } : {}) };
  }

  async evaluate(): Promise<OverfitMetrics> {
    const tr = await this.engine.evaluate(this.trainEval.x, this.trainEval.labels, this.trainEval.n);
    const te = await this.engine.evaluate(this.test.x, this.test.labels, this.test.n);
    const metrics = overfitMetrics(this.steps, this.sampler.progress, tr, te, this.diverged);
    this.diverged = metrics.diverged;
    return metrics;
  }

  /** Apply live settings (learning rate, optimizer, batch size) without resetting the network. */
  update(partial: Partial<OverfitConfig>): void {
    applyLiveSettings(partial, this.config, this.engine, this.sampler);
  }

  /** What the engine holds outside tfjs (see Engine.memory). */
  memory(): { arrays: number; bytes: number } {
    return this.engine.memory();
  }

  dispose(): void {
    this.engine.dispose();
  }

  private noteLoss(loss: number): void {
    this.lastLoss = loss;
    this.diverged = !Number.isFinite(loss);
  }
}

/** The Introduction's live run on the engine chooser, with the sample strip of its training subset. */
export async function overfitLiveRun(config: OverfitConfig, source: ByteSource): Promise<LiveRun<OverfitConfig, OverfitMetrics>> {
  const run = await EngineOverfitRun.create(config, source);
  return {
    engine: run.report,
    memory: () => run.memory(),
    get step() {
      return run.step;
    },
    train: (steps) => run.train(steps),
    evaluate: () => run.evaluate(),
    update: (partial) => run.update(partial),
    dispose: () => run.dispose(),
    async samples(count) {
      // The run's training subset, rebuilt with OverfitRun.create's rule (EngineOverfitRun keeps it): the first `trainSize`
      // entries of a permutation drawn from createRng(seed).fork('subset').
      const ds = await loadDataset(config.dataset ?? 'mnist', 'train', source);
      const size = Math.min(config.trainSize, ds.n);
      const picked = subsetIndices(ds.n, size, createRng(config.seed).fork('subset')).subarray(0, Math.min(count, size));
      const pixels = ds.rows * ds.cols;
      const images = new Uint8Array(picked.length * pixels);
      const labels = new Uint8Array(picked.length);
      picked.forEach((idx, i) => {
        images.set(ds.images.subarray(idx * pixels, (idx + 1) * pixels), i * pixels);
        labels[i] = ds.labels[idx];
      });
      return { count: picked.length, rows: ds.rows, cols: ds.cols, images, labels, classNames: ds.classNames };
    },
  };
}

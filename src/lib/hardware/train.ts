/**
 * Training the binarized net a crossbar will hold (../nets/bnn.ts on the typed engine ../engine/bnn.ts:
 * Adam on the hidden weights W_h, straight-through sign, batch norm), optionally error-aware: at every
 * step each weight's sign is flipped with probability `trainingBer` for that step's forward and
 * backward (fresh flips per step, as a chip with that bit error rate would read them), and the update
 * lands on the stored W_h as if unflipped:
 *   W_h,k ← −W_h,k for flipped k;  step;  W_h,k ← W_h,k(after) + 2·W_h,k(before)
 * (the step moved −W by −u, so W − u is what remains once the flip is undone).
 * Batch norm's running statistics are kept under the flips: they learn the chip's noisy sums.
 */
import { createEngine, type EngineName } from '../engine';
import { TypedBnn } from '../engine/bnn-engines';
import { createRng, type Rng } from '../random';
import type { BinaryNet } from './binary-net';
import { flipIndices } from './crossbar';

export interface LabelledImages {
  /** n × d pixels in [0, 1]. */
  x: Float32Array;
  labels: Uint8Array;
  n: number;
}

export interface BnnTrainingConfig {
  sizes: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Bit error rate applied during training (0: standard training). */
  trainingBer: number;
  engine?: Extract<EngineName, 'js' | 'wasm-simd'>;
}

/** science.md's protocol: BNN 784-512-512-10, 5 epochs (Adam 5e-3, batch 100 as Laborieux et al.'s code). */
export const BNN_PROTOCOL = { sizes: [784, 512, 512, 10], epochs: 5, batchSize: 100, learningRate: 5e-3 } as const;

export class BnnTrainer {
  readonly engine: TypedBnn;
  readonly stepsPerEpoch: number;
  step = 0;
  private readonly data: Rng;
  private readonly errors: Rng;
  private order: Int32Array;
  private readonly batch: Float32Array;
  private readonly batchLabels: Uint8Array;

  constructor(
    readonly config: BnnTrainingConfig,
    readonly train: LabelledImages,
  ) {
    const rng = createRng(config.seed);
    this.engine = createEngine(config.engine ?? 'js', { kind: 'bnn', sizes: config.sizes }, rng.fork('init'), { optimizer: 'adam', learningRate: config.learningRate }) as TypedBnn;
    this.data = rng.fork('data');
    this.errors = rng.fork('training-errors');
    this.stepsPerEpoch = Math.floor(train.n / config.batchSize);
    this.order = this.data.permutation(train.n);
    const d = config.sizes[0];
    this.batch = new Float32Array(config.batchSize * d);
    this.batchLabels = new Uint8Array(config.batchSize);
  }

  get totalSteps(): number {
    return this.stepsPerEpoch * this.config.epochs;
  }

  get done(): boolean {
    return this.step >= this.totalSteps;
  }

  /** One training step; returns the batch loss and accuracy. */
  next(): { loss: number; accuracy: number } {
    const { batchSize, sizes, trainingBer } = this.config;
    const d = sizes[0];
    const within = this.step % this.stepsPerEpoch;
    if (within === 0 && this.step > 0) this.order = this.data.permutation(this.train.n);
    for (let b = 0; b < batchSize; b++) {
      const k = this.order[within * batchSize + b];
      this.batch.set(this.train.x.subarray(k * d, (k + 1) * d), b * d);
      this.batchLabels[b] = this.train.labels[k];
    }
    this.step += 1;
    if (trainingBer <= 0) return this.engine.step({ x: this.batch, labels: this.batchLabels, n: batchSize });
    const flips: { index: Int32Array; before: Float32Array }[] = [];
    this.engine.editHidden((layers) => {
      for (const w of layers) {
        const index = flipIndices(w.length, trainingBer, this.errors);
        const before = Float32Array.from(index, (k) => w[k]);
        for (const k of index) w[k] = -w[k];
        flips.push({ index, before });
      }
    });
    const result = this.engine.step({ x: this.batch, labels: this.batchLabels, n: batchSize });
    this.engine.editHidden((layers) => {
      layers.forEach((w, l) => flips[l].index.forEach((k, i) => (w[k] += 2 * flips[l].before[i])));
    });
    return result;
  }

  /** The trained net as plain arrays (for ./binary-net.ts). */
  snapshot(): BinaryNet {
    const bn = this.engine.saveBatchNorm();
    return { sizes: [...this.config.sizes], hidden: this.engine.hiddenWeights(), gamma: bn.gamma, beta: bn.beta, runningMean: bn.runningMean, runningVar: bn.runningVar, epsilon: 1e-5 };
  }

  dispose(): void {
    this.engine.dispose();
  }
}

/** Trains to the end (Node and tests); `progress` hears each epoch's last batch. */
export function trainBnn(config: BnnTrainingConfig, train: LabelledImages, progress?: (line: string) => void): BinaryNet {
  const trainer = new BnnTrainer(config, train);
  try {
    while (!trainer.done) {
      const r = trainer.next();
      if (trainer.step % trainer.stepsPerEpoch === 0) progress?.(`epoch ${trainer.step / trainer.stepsPerEpoch}: batch loss ${r.loss.toFixed(3)}, accuracy ${(100 * r.accuracy).toFixed(1)}%`);
    }
    return trainer.snapshot();
  } finally {
    trainer.dispose();
  }
}

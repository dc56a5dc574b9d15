/**
 * Several of the chapter's nets side by side: trained from one seed (same initial-weight stream, same
 * batches in the same order, Adam 1e-3; the augmented net moves each of its digits by its own seeded
 * random shift), or holding given weights (shipped, pretrained). Each net answers through a probe
 * (the forward alone, on typed arrays): the training engine itself when it is the typed CNN, a
 * typed CNN fed with the engine's parameters otherwise, and the MLP's plain forward for the MLP.
 * Seeds: initial weights createRng(seed).fork('init'), batch order fork('batches'), shifts fork('augment').
 */
import { createRng, type Rng } from '../../lib/random';
import { BatchSampler } from '../../lib/data';
import { augmentShifts } from '../../lib/data/shift';
import { createEngine, wasmSimdAvailable, type Batch, type Engine, type EngineName, type ModelSpec } from '../../lib/engine';
import { TypedCnn } from '../../lib/engine/cnn-engines';
import { createKernels } from '../../lib/engine/kernels';
import { mlpLogits } from '../../lib/nets/mlp-arrays';
import { cnnMapsFn } from '../../lib/invariance/cnn-maps';
import type { MapsFn } from '../../lib/invariance/equivariance';
import type { LogitsFn } from '../../lib/invariance/metrics';
import { gatherRows, SIDE, type LabeledImages } from './data';
import { NETS, PROTOCOL, type NetId } from './nets';

export interface NetSetOptions {
  ids: readonly NetId[];
  /** 10 for digits, 2 for faces vs non-faces. */
  classes: number;
  seed: number;
  /** The engine that trains (the runtime's fastest); probes run on typed arrays whatever it is. */
  engine: EngineName;
  batchSize?: number;
  learningRate?: number;
}

interface Member {
  id: NetId;
  model: ModelSpec;
  trainer: Engine | null;
  /** The CNN's forward; the trainer itself when it is one. */
  probe: TypedCnn | null;
  /** The MLP's current parameters (W…, b…). */
  mlp: Float32Array[] | null;
  lastLoss: number;
  /** Milliseconds spent in training steps. */
  ms: number;
}

const PROBE_ROWS = 16;

/** The typed-array build to probe with here. */
export const probeKernels = (): 'wasm-simd' | 'js' => (wasmSimdAvailable() ? 'wasm-simd' : 'js');

function cnnProbe(model: ModelSpec, params: Float32Array[]): TypedCnn {
  if (model.kind !== 'cnn') throw new Error('cnnProbe: not a CNN');
  const name = probeKernels();
  // Forward only, a sweep of 13 images at a time: room for 16 rows (the GAP net's buffers: ~15 MB, not ~60).
  return new TypedCnn(name, createKernels(name), model.spec, params, { optimizer: 'sgd', learningRate: 0 }, PROBE_ROWS);
}

export class NetSet {
  private steps = 0;
  private batch: Batch | undefined;
  private augmented: Batch | undefined;

  private constructor(
    readonly ids: readonly NetId[],
    readonly classes: number,
    private readonly members: Member[],
    private readonly data: { train: LabeledImages; sampler: BatchSampler; augment: Rng } | null,
  ) {}

  /** Fresh nets from a seed, to be trained on `train`. */
  static fromSeed(options: NetSetOptions, train: LabeledImages): NetSet {
    const settings = { optimizer: PROTOCOL.optimizer, learningRate: options.learningRate ?? PROTOCOL.learningRate };
    const members = options.ids.map((id): Member => {
      const model = NETS[id].model(options.classes);
      const trainer = createEngine(options.engine, model, createRng(options.seed).fork('init'), settings);
      return { id, model, trainer, probe: trainer instanceof TypedCnn ? trainer : null, mlp: null, lastLoss: NaN, ms: 0 };
    });
    const rng = createRng(options.seed);
    const sampler = new BatchSampler(Int32Array.from({ length: train.n }, (_, i) => i), options.batchSize ?? PROTOCOL.batchSize, rng.fork('batches'));
    return new NetSet(options.ids, options.classes, members, { train, sampler, augment: rng.fork('augment') });
  }

  /** Nets holding given weights (parameters() order), for probing only. */
  static fromWeights(ids: readonly NetId[], classes: number, weights: Partial<Record<NetId, Float32Array[]>>): NetSet {
    const members = ids.map((id): Member => {
      const model = NETS[id].model(classes);
      const params = weights[id];
      if (!params) throw new Error(`NetSet: no weights for ${id}`);
      return { id, model, trainer: null, probe: model.kind === 'cnn' ? cnnProbe(model, params) : null, mlp: model.kind === 'mlp' ? params : null, lastLoss: NaN, ms: 0 };
    });
    return new NetSet(ids, classes, members, null);
  }

  get trainable(): boolean {
    return this.data !== null;
  }

  get step(): number {
    return this.steps;
  }

  /** Passes over the training digits so far (fractional). */
  get epoch(): number {
    return this.data ? this.data.sampler.progress : 0;
  }

  /** Every net `steps` more steps on the same batches; loss: the mean of the nets' last losses. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    const data = this.data;
    if (!data) return { step: this.steps, loss: NaN, diverged: false };
    for (let s = 0; s < steps; s++) {
      this.batch = gatherRows(data.train, data.sampler.next(), this.batch);
      for (const m of this.members) {
        const shift = NETS[m.id].augment;
        let batch = this.batch;
        if (shift > 0) {
          const x = augmentShifts(this.batch.x, this.batch.n, SIDE, shift, data.augment, this.augmented?.x.length === this.batch.x.length ? this.augmented.x : undefined);
          batch = this.augmented = { x, labels: this.batch.labels, n: this.batch.n };
        }
        const t0 = performance.now();
        m.lastLoss = (m.trainer as Engine).step(batch).loss;
        m.ms += performance.now() - t0;
      }
      this.steps += 1;
    }
    const loss = this.members.reduce((sum, m) => sum + m.lastLoss, 0) / this.members.length;
    return { step: this.steps, loss, diverged: !Number.isFinite(loss) };
  }

  /** Seconds each net has spent in training steps (augmentation included). */
  trainingSeconds(): Partial<Record<NetId, number>> {
    return Object.fromEntries(this.members.map((m) => [m.id, m.ms / 1000]));
  }

  /** Bring every probe up to the trainers' current weights (needed after training, before probing). */
  async sync(): Promise<void> {
    for (const m of this.members) {
      if (!m.trainer || m.probe === m.trainer) continue;
      const params = await m.trainer.parameters();
      if (m.model.kind === 'mlp') m.mlp = params;
      else if (m.probe) m.probe.setParameters(params);
      else m.probe = cnnProbe(m.model, params);
    }
  }

  private member(id: NetId): Member {
    const m = this.members.find((x) => x.id === id);
    if (!m) throw new Error(`NetSet: ${id} is not in this set`);
    return m;
  }

  /** The net's logits on images (current weights as of the last sync). */
  logits(id: NetId): LogitsFn {
    const m = this.member(id);
    if (m.model.kind === 'mlp') {
      const { sizes, activation } = m.model;
      return (x, n) => mlpLogits(sizes, activation, m.mlp as Float32Array[], x, n);
    }
    return (x, n) => (m.probe as TypedCnn).logits(x, n);
  }

  /** The net's feature maps layer by layer (CNNs only). */
  maps(id: NetId): MapsFn | null {
    const m = this.member(id);
    return m.probe ? cnnMapsFn(m.probe) : null;
  }

  async parameters(id: NetId): Promise<Float32Array[]> {
    const m = this.member(id);
    if (m.trainer) return m.trainer.parameters();
    return m.probe ? m.probe.parameters() : (m.mlp as Float32Array[]).map((a) => a.slice());
  }

  memory(): { arrays: number; bytes: number } {
    const engines = new Set<Engine>(this.members.flatMap((m) => [m.trainer, m.probe].filter((e): e is Engine => e !== null)));
    return [...engines].reduce((s, e) => ({ arrays: s.arrays + e.memory().arrays, bytes: s.bytes + e.memory().bytes }), { arrays: 0, bytes: 0 });
  }

  dispose(): void {
    for (const m of this.members) {
      m.trainer?.dispose();
      if (m.probe !== m.trainer) m.probe?.dispose();
    }
  }
}

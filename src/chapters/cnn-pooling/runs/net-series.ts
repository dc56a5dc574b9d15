/**
 * The nets a live run probes, seed after seed: the shipped seed-1 weights (nothing to train), or
 * `seeds` sets trained here one after another from seed, seed + 1, … — each science.md's protocol,
 * `stepsPerSeed` steps of Adam 1e-3 at batch 64 — the first set the one a figure shows, the others
 * the spread of its curves across seeds. A set's trainers are let go once it has finished (a probe
 * of its weights stays), so only one set's training buffers are held at a time; the next set is
 * built when its turn comes. Seeds: NetSet.fromSeed's (init, batches, augment forks of each seed).
 */
import type { ByteSource } from '../../../lib/data';
import type { LabeledImages } from '../data';
import { NetSet } from '../net-set';
import type { NetId } from '../nets';
import { TASK_CLASSES, type Task } from '../weights';
import { defaultEngine, openNets, type RunBase } from './nets-for-run';

export interface SeedNets {
  seed: number;
  nets: NetSet;
  /** Steps this set has trained (0 for shipped weights). */
  step: number;
  lastLoss: number;
}

export class NetSeries {
  private constructor(
    readonly ids: readonly NetId[],
    readonly classes: number,
    private readonly base: RunBase,
    readonly seeds: readonly number[],
    readonly stepsPerSeed: number,
    private readonly data: LabeledImages | null,
    readonly sets: SeedNets[],
  ) {}

  /** Shipped weights (one set, seed 1), or the first of `seeds` sets from base.seed to train on `train`. */
  static async open(task: Task, ids: readonly NetId[], base: RunBase, seeds: number, stepsPerSeed: number, train: LabeledImages, models: ByteSource): Promise<NetSeries> {
    const classes = TASK_CLASSES[task];
    if (base.weights === 'pretrained') {
      const nets = await openNets(task, ids, base, train, models);
      return new NetSeries(ids, classes, base, [1], 0, null, [{ seed: 1, nets, step: 0, lastLoss: NaN }]);
    }
    const count = Math.max(1, Math.min(5, Math.round(seeds)));
    const list = Array.from({ length: count }, (_, k) => base.seed + k);
    const series = new NetSeries(ids, classes, base, list, stepsPerSeed, train, []);
    await series.startSet(0);
    return series;
  }

  get trainable(): boolean {
    return this.data !== null;
  }

  /** Steps over all seeds so far, and in all. */
  get step(): number {
    return this.sets.reduce((s, set) => s + set.step, 0);
  }

  get total(): number {
    return this.stepsPerSeed * this.seeds.length;
  }

  /** The set being trained (index), or -1 when every seed has finished (or nothing trains). */
  get training(): number {
    if (!this.data) return -1;
    const k = this.sets.findIndex((s) => s.step < this.stepsPerSeed);
    if (k >= 0) return k;
    return this.sets.length < this.seeds.length ? this.sets.length : -1;
  }

  /** The shown set's nets (the first seed's). */
  get first(): NetSet {
    return this.sets[0].nets;
  }

  /** Train `steps` more steps, moving on to the next seed when one finishes; probes are up to date after. */
  async train(steps: number): Promise<{ step: number; loss: number; diverged: boolean }> {
    let left = Math.max(0, Math.floor(steps));
    let loss = NaN;
    let diverged = false;
    while (left > 0) {
      const k = this.training;
      if (k < 0) break;
      if (k === this.sets.length) await this.startSet(k);
      const set = this.sets[k];
      const n = Math.min(left, this.stepsPerSeed - set.step);
      const r = set.nets.train(n);
      set.step += n;
      set.lastLoss = r.loss;
      loss = r.loss;
      left -= n;
      if (r.diverged) {
        diverged = true;
        break;
      }
      if (set.step >= this.stepsPerSeed) await this.finishSet(k);
      else await set.nets.sync();
    }
    return { step: this.step, loss, diverged };
  }

  private async startSet(k: number): Promise<void> {
    const nets = NetSet.fromSeed({ ids: this.ids, classes: this.classes, seed: this.seeds[k], engine: this.base.engine ?? defaultEngine() }, this.data as LabeledImages);
    await nets.sync();
    this.sets.push({ seed: this.seeds[k], nets, step: 0, lastLoss: NaN });
  }

  /** Keep a probe of the finished set's weights; let its trainers (and their buffers) go. */
  private async finishSet(k: number): Promise<void> {
    const set = this.sets[k];
    const weights: Partial<Record<NetId, Float32Array[]>> = {};
    for (const id of this.ids) weights[id] = await set.nets.parameters(id);
    const probe = NetSet.fromWeights(this.ids, this.classes, weights);
    set.nets.dispose();
    set.nets = probe;
  }

  memory(): { arrays: number; bytes: number } {
    return this.sets.reduce((s, set) => {
      const m = set.nets.memory();
      return { arrays: s.arrays + m.arrays, bytes: s.bytes + m.bytes };
    }, { arrays: 0, bytes: 0 });
  }

  dispose(): void {
    for (const set of this.sets) set.nets.dispose();
    this.sets.length = 0;
  }
}

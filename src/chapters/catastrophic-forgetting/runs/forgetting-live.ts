/**
 * The forgetting figures' live run: a ForgettingRun (./forgetting.ts) that the page steers, and the
 * plain-data config the widgets send it.
 */
import type { ByteSource } from '../../../lib/data';
import { BnnLearner, type MethodLive, type MethodSpec } from '../../../lib/continual/learners';
import { EngineBnnLearner } from '../../../lib/continual/engine-bnn-learner';
import type { EngineReport, EngineWhy } from '../../../lib/engine/types';
import { ForgettingRun, type ForgettingConfig, type ForgettingMetrics } from './forgetting';

/**
 * The live widget's run (kind 'forgetting'): a ForgettingRun that the page steers. `task` is the
 * task the page wants learnt now: raising it ends the current task(s) (each method consolidates),
 * so the "next task" button and the automatic switch every N steps are both one `update`. `lambda`
 * and `meta` reach every EWC / L2 and metaplastic method mid-run.
 */
export interface ForgettingLiveConfig extends Omit<ForgettingConfig, 'methods'> {
  /** The methods, by kind and structure; their strengths come from `lambda` and `meta`. */
  methods: MethodChoice[];
  /** Every EWC / L2 method's λ and every metaplastic method's m, at creation and mid-run. */
  lambda: number;
  meta: number;
  task?: number;
  /** If set, evaluate() also samples about this many |W_h| of the first metaplastic method (widget 2). */
  weightSample?: number;
}

/** A method of the live figure: what it is; how strong it is comes from the live config's lambda and meta. */
export interface MethodChoice {
  kind: MethodSpec['kind'];
  label?: string;
  /** Replay: examples kept across past tasks. */
  bufferSize?: number;
}

/** The lib's spec of a chosen method at strengths λ and m. */
export function methodSpecOf(choice: MethodChoice, lambda: number, meta: number): MethodSpec {
  const label = choice.label;
  switch (choice.kind) {
    case 'sequential':
      return { kind: 'sequential', label };
    case 'replay':
      return { kind: 'replay', bufferSize: choice.bufferSize ?? 1000, label };
    case 'ewc':
    case 'l2':
      return { kind: choice.kind, lambda, label };
    case 'metaplastic':
      return { kind: 'metaplastic', meta, label };
  }
}

/** The hidden weights of a metaplastic network, for the synapse figure. */
export interface HiddenWeightSample {
  /** |W_h| of an evenly strided sample of all hidden weights. */
  magnitudes: Float32Array;
  /** Share of ALL hidden weights whose f_meta = 1 − tanh²(m·|W_h|) is below 1/2 (at the current m). */
  consolidated: number;
  meta: number;
}

export type ForgettingLiveMetrics = ForgettingMetrics & { weights?: HiddenWeightSample };

export class ForgettingLiveRun {
  private constructor(
    private readonly run: ForgettingRun,
    private readonly sample: number,
  ) {}

  static async create(config: ForgettingLiveConfig, source: ByteSource): Promise<ForgettingLiveRun> {
    const methods = config.methods.map((choice) => methodSpecOf(choice, config.lambda, config.meta));
    const live = new ForgettingLiveRun(await ForgettingRun.create({ ...config, methods }, source), config.weightSample ?? 0);
    if (config.task) live.update({ task: config.task });
    return live;
  }

  get step(): number {
    return this.run.step;
  }

  /** The badge's engine when every method trains on the typed BNN engine (the synapse figure); else the tfjs backend names it. */
  get engine(): EngineReport | undefined {
    const methods = this.run.methods;
    if (methods.length === 0 || !methods.every((m) => m instanceof EngineBnnLearner)) return undefined;
    const name = (methods[0] as EngineBnnLearner).engineName;
    // The reason as data too (`why`): the worker's words are English; the page's badge says it again
    // through t() in its own language (runtime/engine-choice/words.ts, which a run may not import).
    const why: EngineWhy = { kind: 'bnn-bench', speedup: 6.4 };
    return { name, label: name === 'wasm-simd' ? 'WASM SIMD' : 'JS typed arrays', onGpu: false, reason: 'the binarized net on the typed engine (bench: 6.4× the lib on tfjs-wasm)', why };
  }

  /** Mean last loss over the methods still training; diverged only when every method has. */
  train(steps: number): { step: number; loss: number; diverged: boolean } {
    const r = this.run.train(steps);
    const finite = r.loss.filter((l) => Number.isFinite(l));
    const loss = finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN;
    return { step: r.step, loss, diverged: r.diverged.every(Boolean) };
  }

  evaluate(): ForgettingLiveMetrics {
    const m: ForgettingLiveMetrics = this.run.evaluateAll();
    if (this.sample > 0) {
      const weights = this.hiddenWeights(this.sample);
      if (weights) m.weights = weights;
    }
    return m;
  }

  private hiddenWeights(sample: number): HiddenWeightSample | undefined {
    const i = this.run.config.methods.findIndex((spec) => spec.kind === 'metaplastic');
    const learner = this.run.methods[i];
    if (!learner || !(learner instanceof BnnLearner || learner instanceof EngineBnnLearner)) return undefined;
    const meta = learner instanceof BnnLearner ? learner.optimizer.meta : learner.meta;
    // f_meta < 1/2  ⇔  tanh²(m|W|) > 1/2  ⇔  |W| > atanh(√½)/m.
    const threshold = meta > 0 ? Math.atanh(Math.SQRT1_2) / meta : Infinity;
    const values = learner instanceof BnnLearner ? learner.net.hidden.map((w) => w.dataSync() as Float32Array) : learner.hiddenWeights();
    const total = values.reduce((n, v) => n + v.length, 0);
    const stride = Math.max(1, Math.floor(total / sample));
    const magnitudes = new Float32Array(Math.ceil(total / stride));
    let k = 0;
    let j = 0;
    let above = 0;
    for (const v of values) {
      for (let n = 0; n < v.length; n++, j++) {
        const a = Math.abs(v[n]);
        if (a > threshold) above++;
        if (j % stride === 0 && k < magnitudes.length) magnitudes[k++] = a;
      }
    }
    return { magnitudes: magnitudes.subarray(0, k), consolidated: total ? above / total : 0, meta };
  }

  update(partial: Partial<ForgettingLiveConfig>): void {
    if (partial.task !== undefined) {
      while (this.run.task < partial.task && this.run.nextTask()) {
        // each call ends one task
      }
    }
    const specs = this.run.config.methods;
    const methods = specs.map((spec): MethodLive | undefined => {
      if ((spec.kind === 'ewc' || spec.kind === 'l2') && partial.lambda !== undefined) return { lambda: partial.lambda };
      if (spec.kind === 'metaplastic' && partial.meta !== undefined) return { meta: partial.meta };
      return undefined;
    });
    this.run.update({ batchSize: partial.batchSize, methods });
  }

  dispose(): void {
    this.run.dispose();
  }
}

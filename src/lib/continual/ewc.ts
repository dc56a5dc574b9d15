/**
 * Elastic weight consolidation (Kirkpatrick et al., PNAS 2017) and its uniform counterpart, the L2 anchor:
 *   L = L_B + Σₜ λ/2 Σᵢ Fₜ,ᵢ (θᵢ − θ*ₜ,ᵢ)²,   Fᵢ = E[(∂ log p(y|x,θ)/∂θᵢ)²] at θ*ₜ (empirical Fisher, true labels);
 *   the L2 anchor sets F ≡ 1: every weight is held equally hard, important or not.
 *
 * One penalty per finished task t, anchored at the parameters θ*ₜ it ended with. Its gradient,
 * λ Σₜ Fₜ ⊙ (θ − θ*ₜ) = λ (F_Σ ⊙ θ − Σₜ Fₜ ⊙ θ*ₜ), is added to the task gradient before the optimizer,
 * so two tensors per parameter suffice whatever the number of tasks.
 *
 * The Fisher uses per-example gradients of −log p(yₙ|xₙ). For a dense layer the per-example weight
 * gradient is the outer product hₙ δₙᵀ (hₙ the layer input, δₙ = ∂(−log p)/∂aₙ from the written-out
 * backward with an unaveraged output delta softmax(z) − y), so Σₙ (hₙ δₙᵀ)² = (H²)ᵀ(Δ²): one matmul per
 * layer, no per-example loop. Biases: Σₙ δₙ².
 *
 * Parameter order everywhere: parameters(net) (weights of every layer, then biases).
 * Owns its tensors (tf.Variables made on the first consolidation); free them with dispose().
 */
import * as tf from '@tensorflow/tfjs-core';
import { forward, parameters, type Mlp } from '../nets/mlp';
import { backprop, backward } from '../rules/feedback';

export type ConsolidationKind = 'ewc' | 'l2';

/**
 * Empirical Fisher diagonal of `net` on (x, y), as new tensors in parameters(net) order (caller
 * disposes). Rows are processed `chunk` at a time to bound memory.
 */
export function empiricalFisher(net: Mlp, x: tf.Tensor2D, y: tf.Tensor2D, chunk = 250): tf.Tensor[] {
  const n = x.shape[0];
  if (n === 0) throw new RangeError('empiricalFisher: no examples');
  const params = parameters(net);
  let sums: tf.Tensor[] = params.map((p) => tf.zerosLike(p));
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start);
    const next = tf.tidy(() => {
      const xs = tf.slice(x, [start, 0], [size, -1]);
      const ys = tf.slice(y, [start, 0], [size, -1]);
      const cache = forward(net, xs);
      // ∂(−log p(yₙ|xₙ))/∂zₙ for each row, not averaged over the batch.
      const outputDelta = tf.sub(tf.softmax(cache.logits), ys) as tf.Tensor2D;
      const { deltas } = backward(backprop, null, { net, cache, outputDelta });
      const weightSq = deltas.map((d, l) => tf.matMul(tf.transpose(tf.square(cache.inputs[l])), tf.square(d)));
      const biasSq = deltas.map((d) => tf.sum(tf.square(d), 0));
      return [...weightSq, ...biasSq].map((g, i) => tf.add(sums[i], g));
    });
    tf.dispose(sums);
    sums = next;
  }
  const out = tf.tidy(() => sums.map((s) => tf.div(s, n)));
  tf.dispose(sums);
  return out;
}

export class Consolidation {
  /** Finished tasks anchored so far. */
  tasks = 0;
  private fisherSum: tf.Variable[] | null = null;
  private anchorSum: tf.Variable[] | null = null;
  /** Σₜ Σᵢ Fₜ,ᵢ θ*ₜ,ᵢ², for the penalty's value. */
  private offset = 0;

  constructor(
    readonly kind: ConsolidationKind,
    /** λ; may change between steps. */
    public lambda: number,
  ) {
    if (!(lambda >= 0)) throw new RangeError(`Consolidation: lambda ${lambda} must be ≥ 0`);
  }

  /**
   * Anchor the current parameters as θ*ₜ with importance Fₜ: the empirical Fisher on (x, y) for EWC
   * (x and y required), ones for the L2 anchor (x, y ignored). Disposes nothing it was given.
   */
  consolidate(net: Mlp, x?: tf.Tensor2D, y?: tf.Tensor2D): void {
    const params = parameters(net);
    let fisher: tf.Tensor[];
    if (this.kind === 'ewc') {
      if (!x || !y) throw new Error('Consolidation.consolidate: EWC needs examples (x, y) of the finished task');
      fisher = empiricalFisher(net, x, y);
    } else {
      fisher = params.map((p) => tf.onesLike(p));
    }
    this.add(params, fisher);
    tf.dispose(fisher);
  }

  /** Add one task's penalty with importance `fisher` (parameters order), anchored at `params`' current values. */
  add(params: tf.Variable[], fisher: tf.Tensor[]): void {
    if (!this.fisherSum || !this.anchorSum) {
      this.fisherSum = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
      this.anchorSum = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
    }
    const fs = this.fisherSum;
    const as = this.anchorSum;
    const offset = tf.tidy(() => {
      params.forEach((p, i) => {
        fs[i].assign(tf.add(fs[i], fisher[i]));
        as[i].assign(tf.add(as[i], tf.mul(fisher[i], p)));
      });
      return tf.addN(params.map((p, i) => tf.sum(tf.mul(fisher[i], tf.square(p)))));
    });
    this.offset += offset.dataSync()[0];
    offset.dispose();
    this.tasks += 1;
  }

  /** λ (F_Σ ⊙ θ − Σₜ Fₜ ⊙ θ*ₜ) per parameter, or null before the first task ends (call inside tf.tidy). */
  gradients(params: tf.Variable[]): tf.Tensor[] | null {
    const fs = this.fisherSum;
    const as = this.anchorSum;
    if (!fs || !as) return null;
    return params.map((p, i) => tf.mul(tf.sub(tf.mul(fs[i], p), as[i]), this.lambda));
  }

  /** The penalty's value Σₜ λ/2 Σᵢ Fₜ,ᵢ (θᵢ − θ*ₜ,ᵢ)² (0 before the first task ends). */
  penalty(params: tf.Variable[]): number {
    const fs = this.fisherSum;
    const as = this.anchorSum;
    if (!fs || !as) return 0;
    const t = tf.tidy(() => tf.addN(params.map((p, i) => tf.sum(tf.sub(tf.mul(fs[i], tf.square(p)), tf.mul(tf.mul(as[i], p), 2))))));
    const quadratic = t.dataSync()[0];
    t.dispose();
    return Math.max(0, (this.lambda / 2) * (quadratic + this.offset));
  }

  /** The summed importance F_Σ as plain arrays (for histograms), or null before the first task ends. */
  readImportance(): Float32Array[] | null {
    return this.fisherSum ? this.fisherSum.map((v) => (v.dataSync() as Float32Array).slice()) : null;
  }

  dispose(): void {
    this.fisherSum?.forEach((v) => v.dispose());
    this.anchorSum?.forEach((v) => v.dispose());
    this.fisherSum = this.anchorSum = null;
    this.tasks = 0;
    this.offset = 0;
  }
}

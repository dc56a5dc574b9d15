/**
 * Online linear regression as Kivinen & Warmuth (1997, §8) test EG± against gradient descent: trial
 * after trial an input x arrives, the learner predicts ŷ = w·x, then sees y = u·x and pays (ŷ − y)².
 *   'signs': x ∈ {−1, +1}ᴺ, each entry a fair coin; 'unit': x = e_i, i uniform in 0..N−1.
 * The target u has k relevant inputs (a seeded random subset), each weight ±1 (a seeded coin), the
 * rest 0; k ≥ N makes every input relevant (the dense target). Noise-free: u itself pays nothing.
 * Seeded: the same rng gives the same target and the same inputs.
 */
import type { Rng } from '../random';

export type OnlineInputs = 'signs' | 'unit';

export interface OnlineRegressionSpec {
  /** N, the number of inputs. */
  inputs: number;
  /** k, the number of relevant inputs (clamped to N). */
  relevant: number;
  kind: OnlineInputs;
}

export class OnlineRegressionStream {
  /** u, the target weights. */
  readonly target: Float64Array;
  /** The relevant inputs' indices, ascending. */
  readonly relevantInputs: Int32Array;
  private readonly inputs: Rng;

  constructor(
    readonly spec: OnlineRegressionSpec,
    rng: Rng,
  ) {
    const { inputs: n, relevant } = spec;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`OnlineRegressionStream: N = ${n} must be a positive integer`);
    if (!Number.isInteger(relevant) || relevant < 1) throw new RangeError(`OnlineRegressionStream: k = ${relevant} must be a positive integer`);
    const k = Math.min(relevant, n);
    const targetRng = rng.fork('target');
    this.relevantInputs = targetRng.permutation(n).slice(0, k).sort();
    this.target = new Float64Array(n);
    for (const i of this.relevantInputs) this.target[i] = targetRng.next() < 0.5 ? -1 : 1;
    this.inputs = rng.fork('inputs');
  }

  /** ‖u‖₁: the total weight EG± needs (its U). */
  get targetL1(): number {
    return this.relevantInputs.length;
  }

  /** max ‖x‖₂² over inputs (N for signs, 1 for unit vectors). */
  get inputNorm2Squared(): number {
    return this.spec.kind === 'signs' ? this.spec.inputs : 1;
  }

  /** max |xᵢ| over inputs. */
  get inputMax(): number {
    return 1;
  }

  /** Fill `x` with the next input and return its label y = u·x. */
  next(x: Float64Array): number {
    const n = this.spec.inputs;
    if (this.spec.kind === 'signs') {
      let y = 0;
      for (let i = 0; i < n; i++) {
        x[i] = this.inputs.next() < 0.5 ? -1 : 1;
        y += this.target[i] * x[i];
      }
      return y;
    }
    x.fill(0);
    const i = this.inputs.int(n);
    x[i] = 1;
    return this.target[i];
  }
}

/**
 * How far training has moved the kernel and the weights, as relative Frobenius / Euclidean norms:
 *
 *   kernel change  ‖Θ_t − Θ₀‖_F / ‖Θ₀‖_F,     weight change  ‖θ_t − θ₀‖ / ‖θ₀‖  (per layer too).
 *
 * In the NTK parameterisation both shrink like 1/√width (Jacot, Gabriel & Hongler 2018, Thm 2; Lee et
 * al. 2019): the weights each move a little, together enough to fit the data, while Θ stays put.
 * Also the deviation of one matrix from a reference, ‖A − B‖_F / ‖B‖_F. Plain arrays; nothing to dispose.
 */
import type { TwoLayerNet } from './two-layer-net';

/** ‖A − B‖_F / ‖B‖_F. */
export function relativeFrobenius(a: ArrayLike<number>, reference: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < reference.length; i++) {
    const d = a[i] - reference[i];
    diff += d * d;
    norm += reference[i] * reference[i];
  }
  return Math.sqrt(diff / norm);
}

export interface WeightChange {
  /** ‖θ − θ₀‖ / ‖θ₀‖ over all parameters. */
  all: number;
  /** The hidden layer's (the features'). */
  hidden: number;
  /** The output layer's. */
  output: number;
}

export function weightChange(net: TwoLayerNet, start: TwoLayerNet): WeightChange {
  const sums = (a: Float64Array, b: Float64Array) => {
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) ** 2;
      norm += b[i] * b[i];
    }
    return { diff, norm };
  };
  const h = sums(net.hidden, start.hidden);
  const o = sums(net.output, start.output);
  return { all: Math.sqrt((h.diff + o.diff) / (h.norm + o.norm)), hidden: Math.sqrt(h.diff / h.norm), output: Math.sqrt(o.diff / o.norm) };
}

/**
 * Mirror descent (Nemirovski & Yudin 1983; Beck & Teboulle 2003): ∇φ(w′) = ∇φ(w) − η∇L(w).
 * The potentials of Pogodin, Cornford et al. (ICLR 2024), element by element, in Float64:
 *   '2-norm'            φ = ½‖w‖²             ∇φ(w) = w                      (gradient descent)
 *   '3-norm' (p-norm)   φ = (1/p) Σ |wᵢ|ᵖ       ∇φ(w) = sign(w)|w|^{p−1}
 *   'negative-entropy'  φ = Σ |wᵢ| log |wᵢ|    ∇φ(w) = sign(w)(log|w| + 1)   (exponentiated gradient)
 *
 * `dualChange` is the change learning made in a potential's dual space, ξ = ∇φ(w_T) − ∇φ(w₀): the
 * paper predicts it is close to Gaussian for the potential the learner used. Pure Float64, no tfjs.
 */
import { exponentiatedGradientStep } from './exponentiated-gradient';
import { pNormStep } from './p-norm';

export const POTENTIAL_NAMES = ['2-norm', '3-norm', 'negative-entropy'] as const;
export type PotentialName = (typeof POTENTIAL_NAMES)[number];

export interface Potential {
  readonly name: PotentialName;
  /** A reader's label, e.g. 'negative entropy (EG)'. */
  readonly label: string;
  /** ∇φ of one weight. */
  dual(w: number): number;
  /** One mirror-descent step of every weight, in place. */
  step(w: Float64Array, grad: ArrayLike<number>, learningRate: number): void;
  /**
   * The local step size of the primal update, dw/dθ = 1/φ″(w) (Δw ≈ −η (dw/dθ) ∇L): 1 for GD, |w| for EG,
   * 1/(2|w|) for the 3-norm. Used to scale a step size from the loss's curvature.
   */
  metric(w: number): number;
}

const euclidean: Potential = {
  name: '2-norm',
  label: '2-norm (gradient descent)',
  dual: (w) => w,
  step(w, grad, eta) {
    for (let i = 0; i < w.length; i++) w[i] -= eta * grad[i];
  },
  metric: () => 1,
};

const threeNorm: Potential = {
  name: '3-norm',
  label: '3-norm',
  dual: (w) => Math.sign(w) * w * w,
  step: (w, grad, eta) => pNormStep(w, grad, eta, 3),
  metric: (w) => 1 / (2 * Math.abs(w)),
};

const negativeEntropy: Potential = {
  name: 'negative-entropy',
  label: 'negative entropy (exponentiated gradient)',
  dual: (w) => Math.sign(w) * (Math.log(Math.abs(w)) + 1),
  step: exponentiatedGradientStep,
  metric: (w) => Math.abs(w),
};

export const POTENTIALS: Readonly<Record<PotentialName, Potential>> = {
  '2-norm': euclidean,
  '3-norm': threeNorm,
  'negative-entropy': negativeEntropy,
};

export function getPotential(name: string): Potential {
  const p = (POTENTIALS as Record<string, Potential | undefined>)[name];
  if (!p) throw new Error(`Unknown potential "${name}". Known: ${POTENTIAL_NAMES.join(', ')}`);
  return p;
}

/** ξ = ∇φ(after) − ∇φ(before), element by element. */
export function dualChange(potential: Potential, before: ArrayLike<number>, after: ArrayLike<number>): Float64Array {
  if (before.length !== after.length) throw new RangeError(`dualChange: ${before.length} weights before, ${after.length} after`);
  const xi = new Float64Array(before.length);
  for (let i = 0; i < xi.length; i++) xi[i] = potential.dual(after[i]) - potential.dual(before[i]);
  return xi;
}

/**
 * The arithmetic of the linearity argument (Goodfellow, Shlens & Szegedy 2015, section 3), in plain
 * JavaScript. For a unit with weights w and an input change η with ‖η‖∞ ≤ ε, the activation moves by
 * wᵀη. The worst η is ε sign(w), which moves it by ε‖w‖₁ ≈ ε m n (m the mean |wᵢ|): linear in the
 * number of inputs n. A change of the same size with random signs moves it by about ±ε‖w‖₂ ≈ ε σ √n:
 * the signs cancel. So in high dimension a change invisible per input adds up to a large one.
 */
import { createRng } from '../../../../lib/random';

/** Mean |w| of the shipped softmax regression's weights (public/models/softmax.bin): the toy's scale. */
export const TRAINED_MEAN_ABS = 0.084;

/** n Gaussian weights with mean |w| = TRAINED_MEAN_ABS (σ = m √(π/2)), from the seed. */
export function randomWeights(n: number, seed: number): Float32Array {
  return createRng(seed).fork('weights').normalArray(n, 0, TRAINED_MEAN_ABS * Math.sqrt(Math.PI / 2));
}

/** n random signs ±1, from the seed (the "random noise of the same size" the attack is compared with). */
export function randomSigns(n: number, seed: number): Int8Array {
  const rng = createRng(seed).fork('signs');
  return Int8Array.from({ length: n }, () => (rng.next() < 0.5 ? -1 : 1));
}

export interface Sums {
  /** ε Σ |wᵢ| = wᵀ(ε sign w): the adversarial change. */
  aligned: number;
  /** ε Σ sᵢ wᵢ for the random signs s: one random change of the same size. */
  random: number;
  /** ε ‖w‖₂: the typical size of a random-sign change. */
  typical: number;
}

/** The three numbers for the first n weights. */
export function sums(w: ArrayLike<number>, signs: ArrayLike<number>, n: number, epsilon: number): Sums {
  let l1 = 0;
  let l2 = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    l1 += Math.abs(w[i]);
    l2 += w[i] * w[i];
    r += signs[i] * w[i];
  }
  return { aligned: epsilon * l1, random: epsilon * r, typical: epsilon * Math.sqrt(l2) };
}

/**
 * The running sums over the first n inputs, at most `points` of them (evenly spaced, last included):
 * x = inputs summed so far, aligned and random partial sums of wᵢηᵢ.
 */
export function runningSums(w: ArrayLike<number>, signs: ArrayLike<number>, n: number, epsilon: number, points = 600): { x: number[]; aligned: number[]; random: number[] } {
  const every = Math.max(1, Math.ceil(n / points));
  const out = { x: [0], aligned: [0], random: [0] };
  let a = 0;
  let r = 0;
  for (let i = 0; i < n; i++) {
    a += Math.abs(w[i]);
    r += signs[i] * w[i];
    if ((i + 1) % every === 0 || i === n - 1) {
      out.x.push(i + 1);
      out.aligned.push(epsilon * a);
      out.random.push(epsilon * r);
    }
  }
  return out;
}

/**
 * The changes as functions of n, on a log grid from 1 to `max`: aligned ε‖w₁..ₙ‖₁, typical random
 * ε‖w₁..ₙ‖₂, and ε itself (what one input changes by).
 */
export function dimensionCurves(w: ArrayLike<number>, max: number, epsilon: number, perDecade = 24): { n: number[]; aligned: number[]; typical: number[]; perInput: number[] } {
  const grid: number[] = [];
  const decades = Math.log10(Math.max(1, max));
  const steps = Math.max(1, Math.ceil(decades * perDecade));
  for (let k = 0; k <= steps; k++) {
    const v = Math.round(10 ** ((decades * k) / steps));
    if (v >= 1 && v <= max && v !== grid.at(-1)) grid.push(v);
  }
  if (grid.at(-1) !== max) grid.push(max);
  const out = { n: grid, aligned: [] as number[], typical: [] as number[], perInput: [] as number[] };
  let l1 = 0;
  let l2 = 0;
  let i = 0;
  for (const n of grid) {
    for (; i < n; i++) {
      l1 += Math.abs(w[i]);
      l2 += w[i] * w[i];
    }
    out.aligned.push(epsilon * l1);
    out.typical.push(epsilon * Math.sqrt(l2));
    out.perInput.push(epsilon);
  }
  return out;
}

/** A weight vector as a square image (side ⌈√n⌉, the rest NaN: drawn transparent). */
export function squareImage(values: ArrayLike<number>, n: number): { side: number; pixels: Float32Array } {
  const side = Math.max(1, Math.ceil(Math.sqrt(n)));
  const pixels = new Float32Array(side * side).fill(NaN);
  for (let i = 0; i < n; i++) pixels[i] = values[i];
  return { side, pixels };
}

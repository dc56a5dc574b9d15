/**
 * NES score-based black-box attack (outputs only, no gradients):
 *   ĝ = 1/(2nσ) Σᵢ [L(x̃ + σuᵢ) − L(x̃ − σuᵢ)] uᵢ,  uᵢ ~ N(0, I);   x̃ ← Π(x̃ + α · sign ĝ)
 *
 * The attacker sees only the class probabilities the model returns for images it submits (a query),
 * and pays for each image. It estimates the gradient of its loss L from n antithetic pairs of
 * Gaussian probes (natural evolution strategies), then takes a PGD step with the estimate. It never
 * receives the model: its only access is `query`, a function from images to probabilities.
 *
 * Source: A. Ilyas, L. Engstrom, A. Athalye, J. Lin, "Black-box adversarial attacks with limited
 * queries and information", ICML 2018 (arXiv:1804.08598).
 *
 * Loss L on probabilities p: 'margin' (default) log max_{j≠y} pⱼ − log p_y, which is > 0 exactly
 * when the model no longer says y, and is as well conditioned as logit differences even when p_y
 * rounds to 1 in float32; 'ce' −log p_y. Targeted (class t): log p_t − log max_{j≠t} pⱼ, or log p_t.
 * Probes x̃ ± σu are not clipped to [0, 1] (they lie within a few σ of it); x̃ always is.
 *
 * Defaults: epsilon 0.3, sigma 1e-3, samples 25 antithetic pairs (50 probes), stepSize 0.01,
 * maxQueries 20,000, loss 'margin', seed 0. Queries: 1 per check of the current image plus 2n per
 * gradient estimate; the attack stops at the first check that succeeds or when the next estimate
 * would pass maxQueries.
 * Shapes: one image as a plain array of 784 values in [0, 1]. Every tensor the attack gives `query`
 * or gets back from it is disposed by the attack; anything else `query` makes is its own business.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../random';
import { probabilities, type Classifier } from '../classifiers/classifier';
import { checkEpsilon, projectLinfArray } from './project';

/** The black box: images [k, d] → class probabilities [k, classes]. */
export type QueryFn = (images: tf.Tensor2D) => tf.Tensor2D;

export interface NesOptions {
  epsilon?: number;
  /** Scale of the Gaussian probes. Default 1e-3. */
  sigma?: number;
  /** Antithetic pairs per gradient estimate (n). Default 25. */
  samples?: number;
  /** Sign step per iteration (α). Default 0.01. */
  stepSize?: number;
  /** Query budget for this image. Default 20,000. */
  maxQueries?: number;
  /** A class to make the model say; default: any class but the true one. */
  target?: number;
  loss?: 'margin' | 'ce';
  rng?: Rng;
  seed?: number;
}

export interface NesStep {
  iteration: number;
  /** Queries spent so far on this image. */
  queries: number;
  /** The current image: the attack's own array, valid until the next step. */
  adversarial: Float32Array;
  /** The attacker's loss L at the current image (at its last check). */
  loss: number;
  /** What the model says at the current image (at its last check). */
  label: number;
  success: boolean;
}

export type NesResult = Omit<NesStep, 'adversarial'> & { adversarial: Float32Array };

export const NES_DEFAULTS = { epsilon: 0.3, sigma: 1e-3, samples: 25, stepSize: 0.01, maxQueries: 20_000, loss: 'margin', seed: 0 } as const;

/** Wrap a model as a black box (what the experiments hand to nes; nes itself never sees the model). */
export function modelQuery(model: Classifier): QueryFn {
  return (images) => tf.tidy(() => probabilities(model, images));
}

const logOf = (p: number) => Math.log(Math.max(p, 1e-30));

/** The attacker's loss on one row of probabilities, and that row's argmax. */
function attackLoss(p: Float32Array, offset: number, classes: number, label: number, target: number | undefined, kind: 'margin' | 'ce'): { loss: number; argmax: number } {
  const goal = target ?? label;
  let argmax = 0;
  let bestOther = -Infinity;
  for (let j = 0; j < classes; j++) {
    const v = p[offset + j];
    if (v > p[offset + argmax]) argmax = j;
    if (j !== goal && v > bestOther) bestOther = v;
  }
  const goalLog = logOf(p[offset + goal]);
  const loss = kind === 'ce' ? (target === undefined ? -goalLog : goalLog) : target === undefined ? logOf(bestOther) - goalLog : goalLog - logOf(bestOther);
  return { loss, argmax };
}

function runQuery(query: QueryFn, images: Float32Array, rows: number, dim: number): { p: Float32Array; classes: number } {
  const input = tf.tensor2d(images, [rows, dim]);
  const output = query(input);
  const p = output.dataSync() as Float32Array;
  const classes = output.shape[1];
  if (output.shape[0] !== rows) throw new Error(`nes: query returned ${output.shape[0]} rows for ${rows} images`);
  tf.dispose([input, output]);
  return { p, classes };
}

/** NES one iteration at a time (a widget can draw each step); returns the result when done. */
export function* nesSteps(query: QueryFn, image: ArrayLike<number>, label: number, options: NesOptions = {}): Generator<NesStep, NesResult, void> {
  const epsilon = options.epsilon ?? NES_DEFAULTS.epsilon;
  checkEpsilon(epsilon, 'nes');
  const sigma = options.sigma ?? NES_DEFAULTS.sigma;
  const n = options.samples ?? NES_DEFAULTS.samples;
  const stepSize = options.stepSize ?? NES_DEFAULTS.stepSize;
  const maxQueries = options.maxQueries ?? NES_DEFAULTS.maxQueries;
  const kind = options.loss ?? NES_DEFAULTS.loss;
  const rng = options.rng ?? createRng(options.seed ?? NES_DEFAULTS.seed);
  const { target } = options;
  const d = image.length;
  const clean = Float32Array.from(image);
  const x = Float32Array.from(image);
  const probes = new Float32Array(2 * n * d);
  const grad = new Float64Array(d);
  let queries = 0;
  let iteration = 0;

  const check = (): NesStep => {
    const { p, classes } = runQuery(query, x, 1, d);
    queries += 1;
    const { loss, argmax } = attackLoss(p, 0, classes, label, target, kind);
    const success = target === undefined ? argmax !== label : argmax === target;
    return { iteration, queries, adversarial: x, loss, label: argmax, success };
  };

  let state = check();
  while (!state.success && queries + 2 * n + 1 <= maxQueries) {
    // n antithetic pairs: rows i and n + i are x + σuᵢ and x − σuᵢ.
    const u = rng.normalArray(n * d, 0, 1);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) {
        probes[i * d + k] = x[k] + sigma * u[i * d + k];
        probes[(n + i) * d + k] = x[k] - sigma * u[i * d + k];
      }
    }
    const { p, classes } = runQuery(query, probes, 2 * n, d);
    queries += 2 * n;
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const diff = attackLoss(p, i * classes, classes, label, target, kind).loss - attackLoss(p, (n + i) * classes, classes, label, target, kind).loss;
      for (let k = 0; k < d; k++) grad[k] += diff * u[i * d + k];
    }
    // ĝ's positive factor 1/(2nσ) does not change its sign.
    for (let k = 0; k < d; k++) x[k] += stepSize * Math.sign(grad[k]);
    projectLinfArray(x, clean, epsilon);
    iteration += 1;
    state = check();
    yield state;
  }
  return { ...state, adversarial: x.slice() };
}

/** The whole attack on one image. */
export function nes(query: QueryFn, image: ArrayLike<number>, label: number, options: NesOptions = {}): NesResult {
  const steps = nesSteps(query, image, label, options);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

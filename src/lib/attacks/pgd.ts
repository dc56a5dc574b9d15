/**
 * Projected Gradient Descent (PGD):  xᵗ⁺¹ = Π(xᵗ + α · sign ∇ₓJ(θ, xᵗ, y)),  x⁰ = Π(x + U(−ε, ε))
 *
 * FGSM repeated with a small step α and projected back (Π) onto the ε-ball ∩ [0, 1] after each step,
 * from a random start inside the ball. An L∞ attack. Untargeted it ascends the loss of the true
 * class; with a target t ("make it say 3") J = −CE(t), so it climbs t's probability instead.
 *
 * Source: A. Madry, A. Makelov, L. Schmidt, D. Tsipras, A. Vladu, "Towards deep learning models
 * resistant to adversarial attacks", ICLR 2018 (arXiv:1706.06083). Their MNIST attack: ε = 0.3,
 * 40 iterations of step 0.01, random start; also the basic iterative method of Kurakin et al. 2016.
 *
 * Defaults: epsilon 0.3, stepSize 0.01, iterations 40, randomStart true, seed 0.
 * Shapes: x [n, 784] in [0, 1], y and target one-hot [n, 10]. pgd() returns a new tensor [n, 784]
 * that the caller owns. The random start is drawn in JavaScript from the seeded Rng, so the same
 * seed gives the same attack on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../random';
import type { Classifier } from '../classifiers/classifier';
import { checkEpsilon, projectLinf } from './project';

export interface PgdOptions {
  /** L∞ radius. Default 0.3. */
  epsilon?: number;
  /** α, the change of each pixel per iteration. Default 0.01. */
  stepSize?: number;
  /** Default 40. */
  iterations?: number;
  /** Start from a uniform draw in the ε-ball (default) or from x itself. */
  randomStart?: boolean;
  /** Source of the random start; default createRng(seed). */
  rng?: Rng;
  /** Default 0; ignored when rng is given. */
  seed?: number;
  /** One-hot target classes: make the model say these. */
  target?: tf.Tensor2D;
  /**
   * Called after the start (iteration 0) and after every iteration with the current image, e.g. to
   * draw it. The tensor is the attack's own: read it during the call, tf.clone it to keep it.
   */
  onStep?: (step: PgdStep) => void;
}

export interface PgdStep {
  iteration: number;
  adversarial: tf.Tensor2D;
}

export const PGD_DEFAULTS = { epsilon: 0.3, stepSize: 0.01, iterations: 40, randomStart: true, seed: 0 } as const;

/** x⁰: x plus uniform noise in [−ε, ε], projected onto the ball ∩ [0, 1]. Returns a new tensor. */
export function pgdStart(x: tf.Tensor2D, epsilon: number, rng: Rng): tf.Tensor2D {
  const noise = rng.uniformArray(x.size, -epsilon, epsilon);
  return tf.tidy(() => projectLinf(tf.add(x, tf.tensor2d(noise, x.shape)), x, epsilon));
}

/** One iteration xᵗ → xᵗ⁺¹. Returns a new tensor; disposes nothing it was given. */
export function pgdStep(
  model: Classifier,
  adversarial: tf.Tensor2D,
  x: tf.Tensor2D,
  y: tf.Tensor2D,
  { epsilon, stepSize, target }: { epsilon: number; stepSize: number; target?: tf.Tensor2D },
): tf.Tensor2D {
  return tf.tidy(() => {
    const step = tf.mul(tf.sign(model.inputGradient(adversarial, y, target)), stepSize);
    return projectLinf(tf.add(adversarial, step), x, epsilon);
  });
}

function settings(options: PgdOptions) {
  const epsilon = options.epsilon ?? PGD_DEFAULTS.epsilon;
  checkEpsilon(epsilon, 'pgd');
  return {
    epsilon,
    stepSize: options.stepSize ?? PGD_DEFAULTS.stepSize,
    iterations: options.iterations ?? PGD_DEFAULTS.iterations,
    randomStart: options.randomStart ?? PGD_DEFAULTS.randomStart,
    rng: options.rng ?? createRng(options.seed ?? PGD_DEFAULTS.seed),
    target: options.target,
  };
}

/**
 * PGD one iteration at a time, for a widget that steps through it: yields iteration 0 (the start)
 * up to `iterations`. Each yielded tensor is disposed when the generator advances or is closed.
 */
export function* pgdSteps(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, options: PgdOptions = {}): Generator<PgdStep, void, void> {
  const s = settings(options);
  let current = s.randomStart ? pgdStart(x, s.epsilon, s.rng) : tf.clone(x);
  try {
    yield { iteration: 0, adversarial: current };
    for (let i = 1; i <= s.iterations; i++) {
      const next = pgdStep(model, current, x, y, s);
      current.dispose();
      current = next;
      yield { iteration: i, adversarial: current };
    }
  } finally {
    current.dispose();
  }
}

/** The whole attack. Returns x̃ [n, 784] (the caller owns it). */
export function pgd(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, options: PgdOptions = {}): tf.Tensor2D {
  const s = settings(options);
  let current = s.randomStart ? pgdStart(x, s.epsilon, s.rng) : tf.clone(x);
  options.onStep?.({ iteration: 0, adversarial: current });
  for (let i = 1; i <= s.iterations; i++) {
    const next = pgdStep(model, current, x, y, s);
    current.dispose();
    current = next;
    options.onStep?.({ iteration: i, adversarial: current });
  }
  return current;
}

/**
 * The Adversarial-attacks chapter's measurements, shared by its widgets and `npm run reproduce`:
 *   fgsm-softmax    softmax regression's error under FGSM as ε grows (Goodfellow 2015: 99.9% at 0.25)
 *   robustness-mlp  accuracy of clean-, FGSM- and PGD-trained MLPs under FGSM and PGD
 *                   (FGSM training's false robustness: fine against FGSM, broken by PGD)
 *   blackbox-nes    NES with outputs only: success rate and queries per image
 * Each function takes finished models and test tensors, so callers choose between training from the
 * seed (reproduce) and the shipped weights (tests, widgets).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import { probabilities, type Classifier } from '../../../lib/classifiers/classifier';
import { fgsm } from '../../../lib/attacks/fgsm';
import { pgd } from '../../../lib/attacks/pgd';
import { modelQuery, nes, type NesOptions } from '../../../lib/attacks/nes';

export type AttackSetting =
  | { kind: 'none' }
  | { kind: 'fgsm'; epsilon: number }
  | { kind: 'pgd'; epsilon: number; iterations: number; stepSize: number; seed: number };

export interface TestSet {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  labels: Uint8Array;
}

export function describeAttack(a: AttackSetting): string {
  if (a.kind === 'none') return 'clean';
  if (a.kind === 'fgsm') return `FGSM ε=${a.epsilon}`;
  return `PGD-${a.iterations} ε=${a.epsilon}`;
}

/** Attacked copies of x, chunk by chunk (the caller owns the result). */
export function attackImages(model: Classifier, x: tf.Tensor2D, y: tf.Tensor2D, attack: AttackSetting, chunk = 500): tf.Tensor2D {
  if (attack.kind === 'none') return tf.clone(x);
  const rng = attack.kind === 'pgd' ? createRng(attack.seed) : null;
  const parts: tf.Tensor2D[] = [];
  for (let start = 0; start < x.shape[0]; start += chunk) {
    const size = Math.min(chunk, x.shape[0] - start);
    const xs = tf.slice(x, [start, 0], [size, -1]);
    const ys = tf.slice(y, [start, 0], [size, -1]);
    parts.push(
      attack.kind === 'fgsm'
        ? fgsm(model, xs, ys, { epsilon: attack.epsilon })
        : pgd(model, xs, ys, { epsilon: attack.epsilon, iterations: attack.iterations, stepSize: attack.stepSize, rng: rng! }),
    );
    tf.dispose([xs, ys]);
  }
  const out = parts.length === 1 ? parts[0] : tf.concat(parts, 0);
  if (parts.length > 1) tf.dispose(parts);
  return out;
}

export interface AttackScore {
  attack: string;
  accuracy: number;
  /** Mean probability the model gives its (wrong) answer, over the misclassified images. */
  wrongConfidence: number;
}

/** Accuracy under an attack, and how sure the model is when it is wrong. */
export function scoreAttack(model: Classifier, test: TestSet, attack: AttackSetting): AttackScore {
  const attacked = attackImages(model, test.x, test.y, attack);
  const [correct, conf] = tf.tidy(() => {
    const p = probabilities(model, attacked);
    const right = tf.equal(tf.argMax(p, 1), tf.argMax(test.y, 1));
    const wrong = tf.cast(tf.logicalNot(right), 'float32');
    return [tf.sum(tf.cast(right, 'float32')), tf.div(tf.sum(tf.mul(tf.max(p, 1), wrong)), tf.maximum(tf.sum(wrong), 1))];
  });
  const n = test.x.shape[0];
  const score = { attack: describeAttack(attack), accuracy: correct.dataSync()[0] / n, wrongConfidence: conf.dataSync()[0] };
  tf.dispose([attacked, correct, conf]);
  return score;
}

export interface FgsmRow {
  epsilon: number;
  error: number;
  wrongConfidence: number;
}

/** Error rate of `model` under FGSM at each ε (ε = 0 is the clean error). */
export function fgsmSweep(model: Classifier, test: TestSet, epsilons: number[]): FgsmRow[] {
  return epsilons.map((epsilon) => {
    const s = scoreAttack(model, test, epsilon === 0 ? { kind: 'none' } : { kind: 'fgsm', epsilon });
    return { epsilon, error: 1 - s.accuracy, wrongConfidence: s.wrongConfidence };
  });
}

/** The chapter's robustness evaluation (science.md: FGSM 0.25, PGD-40 0.3; PGD-40 0.1 for PGD training). */
export const ROBUSTNESS_ATTACKS: AttackSetting[] = [
  { kind: 'none' },
  { kind: 'fgsm', epsilon: 0.25 },
  { kind: 'pgd', epsilon: 0.3, iterations: 40, stepSize: 0.01, seed: 0 },
  { kind: 'pgd', epsilon: 0.1, iterations: 40, stepSize: 0.01, seed: 0 },
];

export interface RobustnessRow {
  model: string;
  scores: AttackScore[];
}

export function robustnessTable(models: { name: string; model: Classifier }[], test: TestSet, attacks: AttackSetting[] = ROBUSTNESS_ATTACKS): RobustnessRow[] {
  return models.map(({ name, model }) => ({ model: name, scores: attacks.map((a) => scoreAttack(model, test, a)) }));
}

export interface BlackboxSummary {
  /** Correctly classified test images attacked. */
  attacked: number;
  successes: number;
  successRate: number;
  /** Median queries over the successful attacks. */
  medianQueries: number;
  meanQueries: number;
  /** Largest ‖x̃ − x‖∞ over all attacked images (must be ≤ ε). */
  maxLinf: number;
  queriesPerImage: number[];
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * NES against `model` seen as a black box: on the first `count` test images it classifies
 * correctly, each with its own seeded probe stream. The model enters only through modelQuery.
 */
export function blackboxNes(model: Classifier, test: TestSet, count: number, options: NesOptions = {}, seed = 0): BlackboxSummary {
  const query = modelQuery(model);
  const argmax = tf.tidy(() => tf.argMax(model.logits(test.x), 1));
  const predicted = argmax.dataSync();
  argmax.dispose();
  const pixels = test.x.dataSync();
  const d = test.x.shape[1];
  const rng = createRng(seed);
  const queries: number[] = [];
  let attacked = 0;
  let successes = 0;
  let maxLinf = 0;
  for (let i = 0; i < test.labels.length && attacked < count; i++) {
    if (predicted[i] !== test.labels[i]) continue;
    const image = pixels.subarray(i * d, (i + 1) * d);
    const r = nes(query, image, test.labels[i], { ...options, rng: rng.fork(i) });
    attacked += 1;
    for (let k = 0; k < d; k++) maxLinf = Math.max(maxLinf, Math.abs(r.adversarial[k] - image[k]));
    if (r.success) {
      successes += 1;
      queries.push(r.queries);
    }
  }
  return {
    attacked,
    successes,
    successRate: attacked ? successes / attacked : NaN,
    medianQueries: median(queries),
    meanQueries: queries.length ? queries.reduce((s, q) => s + q, 0) / queries.length : NaN,
    maxLinf,
    queriesPerImage: queries,
  };
}

/** The models of the robustness table, by shipped name, with the label the table gives them. */
export const ROBUSTNESS_MODELS: readonly { name: 'mlp' | 'mlp-fgsm' | 'mlp-pgd'; label: string }[] = [
  { name: 'mlp', label: 'clean-trained' },
  { name: 'mlp-fgsm', label: 'FGSM-trained' },
  { name: 'mlp-pgd', label: 'PGD-trained' },
];

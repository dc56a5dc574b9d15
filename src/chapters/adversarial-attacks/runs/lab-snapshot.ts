/**
 * What the attack lab is set with and what it reports: the settings (the widget's schema maps onto
 * them), the snapshot a widget draws, and the gallery of test digits. Types and small pure helpers
 * only, so the page can import them without the lab's tfjs code (./adversarial-lab-session.ts).
 */
import type { ModelKind } from '../../../lib/classifiers/classifier';
import type { LabFrame } from './lab';

export type LabAttackKind = 'fgsm' | 'pgd' | 'nes';
export type LabWeights = 'shipped' | 'retrain';

export interface AttackLabSettings {
  model: ModelKind;
  weights: LabWeights;
  /** Passes over the 12,000 training digits when retraining (the shipped weights had 5). */
  epochs: number;
  /** Retraining (initial weights, batch order), PGD's random start and NES's probes. */
  seed: number;
  attack: LabAttackKind;
  epsilon: number;
  /** The class to make the model say; -1: any class but the true one. */
  target: number;
  /** PGD iterations and step size α. */
  iterations: number;
  stepSize: number;
  /** NES antithetic pairs per gradient estimate, and the query budget. */
  samples: number;
  maxQueries: number;
  /** Index into the gallery of test digits (used when `image` is null). */
  digit: number;
  /** A drawn digit, 784 values in [0, 1]; null: the gallery digit. */
  image: Float32Array | null;
}

/** The worker's config: the settings and where the shipped weights live. */
export interface AttackLabConfig extends AttackLabSettings {
  /** Absolute URL of the models folder (public/models), ending in '/'. */
  modelsUrl: string;
}

/** NES's fixed settings (Ilyas et al. 2018 as science.md runs them). */
export const LAB_NES = { sigma: 1e-3, stepSize: 0.01 } as const;
/** Test digits in the gallery: the first few of each class, in the seed-0 order of loadTestSet. */
export const GALLERY_PER_CLASS = 2;
/** Test digits a retrained model is scored on. */
export const RETRAIN_TEST_SIZE = 1000;

export interface LabTracePoint {
  iteration: number;
  queries: number;
  /** The model's probability for the true class, and for the attacker's goal (the target, or the best other class). */
  pTrue: number;
  pGoal: number;
  predicted: number;
}

/** FGSM on this digit at one ε of FGSM_CURVE (one gradient sign, so every ε costs one forward pass). */
export interface LabCurvePoint {
  epsilon: number;
  pTrue: number;
  pGoal: number;
  predicted: number;
}

/** The ε values of FGSM's curve: 0 to 0.5 in steps of 0.01 (the ε slider's). */
export const FGSM_CURVE = Array.from({ length: 51 }, (_, i) => Number((i * 0.01).toFixed(2)));

/**
 * Where the weights came from, as data: the worker has no catalogue, so the page says it in its
 * own language (the attack lab's view, `originText`): "retrained in this browser (188 steps from
 * seed 1)". `steps` is null when a shipped model's manifest does not record them.
 */
export type LabModelOrigin = { kind: 'shipped'; steps: number | null; seed: number } | { kind: 'retrained'; steps: number; seed: number };

export interface LabModelInfo {
  kind: ModelKind;
  weights: LabWeights;
  about: string;
  origin: LabModelOrigin;
  parameters: number;
  /** Clean test accuracy and on how many test digits. */
  testAccuracy: number;
  testImages: number;
}

export interface AttackLabSnapshot {
  /** Training steps while retraining, attack frames afterwards (the run's step). */
  step: number;
  phase: 'training' | 'ready';
  /** Retraining progress (null with shipped weights). */
  training: { step: number; total: number; loss: number } | null;
  model: LabModelInfo | null;
  image: Float32Array;
  /** The class the attack moves away from: the test label, or the model's answer on a drawing. */
  label: number;
  /** True when `label` is a real label (a test digit), false when it is the model's answer. */
  labelKnown: boolean;
  clean: Float32Array;
  /** The latest frame (null before the first). */
  frame: (LabFrame & { success: boolean }) | null;
  frames: number;
  /** Frames the attack takes at most (FGSM 1, PGD iterations + 1, NES its query budget's worth). */
  maxFrames: number;
  done: boolean;
  trace: LabTracePoint[];
  /** FGSM only, once its step is taken: the model's answer on this digit as ε grows. */
  curve: LabCurvePoint[] | null;
}

/** The first `perClass` indices of each class in `order`, class by class. */
export function galleryIndices(labels: Uint8Array, order: ArrayLike<number>, perClass = GALLERY_PER_CLASS, classes = 10): number[] {
  const picked: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < order.length; i++) {
    const idx = order[i];
    const list = picked[labels[idx]];
    if (list && list.length < perClass) list.push(idx);
  }
  return picked.flat();
}

/**
 * One digit at a time, for the chapter's widgets: a model (shipped weights or any Classifier), the
 * probabilities it gives an image, and that image attacked by FGSM, PGD (stepwise) or NES (outputs
 * only), untargeted or "make it say t". Images are plain Float32Arrays of 784 pixels in [0, 1] (a
 * test digit or one the reader drew), so the widget never handles tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../lib/random';
import type { ByteSource } from '../../../lib/data';
import { fgsm } from '../../../lib/attacks/fgsm';
import { pgdSteps } from '../../../lib/attacks/pgd';
import { modelQuery, nesSteps } from '../../../lib/attacks/nes';
import { probabilities, type Classifier } from '../../../lib/classifiers/classifier';
import { loadPretrained } from '../../../lib/classifiers/pretrained';

export type LabAttack =
  | { kind: 'fgsm'; epsilon: number }
  | { kind: 'pgd'; epsilon: number; stepSize: number; iterations: number; seed: number }
  | { kind: 'nes'; epsilon: number; sigma: number; samples: number; stepSize: number; maxQueries: number; seed: number };

export interface LabFrame {
  /** Iteration (0 for FGSM's single step and for PGD's random start). */
  iteration: number;
  /** Queries so far (NES only; 0 for the white-box attacks). */
  queries: number;
  adversarial: Float32Array;
  probabilities: Float32Array;
}

export class AttackLab {
  private constructor(readonly model: Classifier) {}

  static async load(name: string, models: ByteSource): Promise<AttackLab> {
    return new AttackLab((await loadPretrained(name, models)).model);
  }

  /** Wrap a model the caller made (the lab owns it from now on). */
  static of(model: Classifier): AttackLab {
    return new AttackLab(model);
  }

  probabilities(image: Float32Array): Float32Array {
    const p = tf.tidy(() => probabilities(this.model, tf.tensor2d(image, [1, image.length])));
    const out = p.dataSync() as Float32Array;
    p.dispose();
    return out;
  }

  /**
   * Attack `image` (true class `label`; `target` to make the model say that class instead). Yields a
   * frame per iteration so a widget can animate it; the last frame is the result.
   */
  *attack(image: Float32Array, label: number, attack: LabAttack, target?: number): Generator<LabFrame, void, void> {
    const d = image.length;
    const classes = this.model.classes;
    if (attack.kind === 'nes') {
      const steps = nesSteps(modelQuery(this.model), image, label, { ...attack, rng: createRng(attack.seed), target });
      const frame = (s: { iteration: number; queries: number; adversarial: Float32Array }): LabFrame => ({
        iteration: s.iteration,
        queries: s.queries,
        adversarial: s.adversarial.slice(),
        probabilities: this.probabilities(s.adversarial),
      });
      let yielded = false;
      for (;;) {
        const r = steps.next();
        // The result repeats the last step; it is new only when the image needed no step at all.
        if (r.done) {
          if (!yielded) yield frame(r.value);
          return;
        }
        yielded = true;
        yield frame(r.value);
      }
    }
    const x = tf.tensor2d(image, [1, d]);
    const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d([label], 'int32'), classes), 'float32')) as tf.Tensor2D;
    const t = target === undefined ? undefined : (tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d([target], 'int32'), classes), 'float32')) as tf.Tensor2D);
    try {
      if (attack.kind === 'fgsm') {
        const adv = fgsm(this.model, x, y, { epsilon: attack.epsilon, target: t });
        const pixels = adv.dataSync() as Float32Array;
        adv.dispose();
        yield { iteration: 0, queries: 0, adversarial: pixels, probabilities: this.probabilities(pixels) };
        return;
      }
      for (const step of pgdSteps(this.model, x, y, { ...attack, target: t })) {
        const pixels = step.adversarial.dataSync().slice() as Float32Array;
        yield { iteration: step.iteration, queries: 0, adversarial: pixels, probabilities: this.probabilities(pixels) };
      }
    } finally {
      tf.dispose([x, y, ...(t ? [t] : [])]);
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}

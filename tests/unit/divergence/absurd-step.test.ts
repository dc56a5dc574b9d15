// Every chapter's training kinds, driven at an absurd step size through the shared helper
// (absurd-step.ts): each must report a diverged loss within a few hundred steps, still evaluate,
// and leave the figure a message that names the setting. A widget whose schema gains a
// learning-rate-like setting must be listed here (the first test fails until it is).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadWidgetSchemas, runKindLoaders } from '../../../src/chapters';
import { nodeSource } from '../../../src/lib/data/source-node';
import { expectDivergesAtAbsurdStep, type AbsurdStepCase } from './absurd-step';
import { overfitSchema } from '../../../src/chapters/introduction/widgets/overfit/schema';
import { overfitConfig } from '../../../src/chapters/introduction/widgets/overfit/config';
import { faCompareSchema } from '../../../src/chapters/feedback-alignment/widgets/fa-compare/schema';
import { faCompareConfig } from '../../../src/chapters/feedback-alignment/widgets/fa-compare/config';
import { faLinearSchema } from '../../../src/chapters/feedback-alignment/widgets/fa-linear/schema';
import { faLinearConfig } from '../../../src/chapters/feedback-alignment/widgets/fa-linear/config';
import { eqpropSchema } from '../../../src/chapters/feedback-alignment/widgets/eqprop-phases/schema';
import { eqpropConfig } from '../../../src/chapters/feedback-alignment/widgets/eqprop-phases/config';
import { ffSchema } from '../../../src/chapters/feedback-alignment/widgets/ff-layers/schema';
import { ffConfig, SILENT_CAUSE } from '../../../src/chapters/feedback-alignment/widgets/ff-layers/config';
import { raceSchema } from '../../../src/chapters/exponentiated-gradient/widgets/eg-race/schema';
import { raceConfig, BLOWN_UP_SQUARED_ERROR } from '../../../src/chapters/exponentiated-gradient/widgets/eg-race/config';
import { weightsSchema } from '../../../src/chapters/exponentiated-gradient/widgets/eg-weights/schema';
import { weightsConfig } from '../../../src/chapters/exponentiated-gradient/widgets/eg-weights/config';
import { widthSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/schema';
import { widthConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-width/config';
import { kernelMotionSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/schema';
import { kernelMotionConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-kernel-motion/config';
import { eigenSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/schema';
import { eigenConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-eigen/config';
import { lazyRichSchema } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/schema';
import { lazyRichConfig } from '../../../src/chapters/neural-tangent-kernel/widgets/ntk-lazy-rich/config';

/** Run kind → the cases of its figures' learning-rate-like settings (small sizes). */
const CASES: Record<string, AbsurdStepCase[]> = {
  overfit: [{ schema: overfitSchema, toConfig: overfitConfig, key: 'learningRate', settings: { trainSize: 200, hidden: 32, optimizer: 'sgd' } }],
  'fa-compare': [{ schema: faCompareSchema, toConfig: faCompareConfig, key: 'learningRate', settings: { hidden: 32, outputOnly: false, signSymmetry: false } }],
  'fa-linear': [
    { schema: faLinearSchema, toConfig: faLinearConfig, key: 'learningRate', blownUp: 1e6 },
    // Not a step size, but the other way the reader blows this figure up (issue 20): scale 5 at the default rate.
    { schema: faLinearSchema, toConfig: faLinearConfig, key: 'feedbackScale', absurd: 5, blownUp: 1e6, steps: 2000 },
  ],
  eqprop: [{ schema: eqpropSchema, toConfig: eqpropConfig, key: 'learningRate', settings: { hidden: 32 } }],
  // At the slider's end (0.3; 1,000 × it alike): every ReLU dies, the loss stays finite; the run stops and says so.
  'forward-forward': [{ schema: ffSchema, toConfig: ffConfig, key: 'learningRate', absurd: 0.3, settings: { hidden: 50, layers: 2 }, cause: SILENT_CAUSE }],
  'eg-race': [
    { schema: raceSchema, toConfig: raceConfig, key: 'gdStepSize', blownUp: BLOWN_UP_SQUARED_ERROR, settings: { inputs: 64, relevant: 4, trials: 200 } },
    { schema: raceSchema, toConfig: raceConfig, key: 'egStepSize', blownUp: BLOWN_UP_SQUARED_ERROR, settings: { inputs: 64, relevant: 4, trials: 200 } },
  ],
  'eg-weights': [
    { schema: weightsSchema, toConfig: weightsConfig, key: 'gdRate', settings: { hidden: 32 } },
    { schema: weightsSchema, toConfig: weightsConfig, key: 'egScale', settings: { hidden: 32 } },
    { schema: weightsSchema, toConfig: weightsConfig, key: 'biasRate', settings: { hidden: 32 } },
  ],
  'ntk-width': [{ schema: widthSchema, toConfig: widthConfig, key: 'stepSize', settings: { networks: 2 } }],
  'ntk-kernel-motion': [{ schema: kernelMotionSchema, toConfig: kernelMotionConfig, key: 'stepSize', settings: { networks: 1 } }],
  'ntk-eigen': [{ schema: eigenSchema, toConfig: eigenConfig, key: 'stepSize' }],
  'ntk-lazy-rich': [{ schema: lazyRichSchema, toConfig: lazyRichConfig, key: 'stepSize' }],
};

/** Settings that look like a step size but are not a training step (with why). */
const NOT_TRAINING: Record<string, string> = {
  'attack-lab.stepSize': 'the PGD attack’s step: each frame is clipped back into the ε-ball, so it cannot diverge',
};

/**
 * Known gaps, to close: a run that neither diverges nor says so. None left: forward-forward at a large
 * step kills every ReLU within a few steps (the loss flat at 2.25, not blown up); its run now stops
 * after 3 steps without a single weight gradient and the figure says every unit fell silent.
 */
const KNOWN_GAPS: Record<string, string> = {};

const STEP_SIZE = /learning.?rate|step.?size|^lr$/i;

describe('an absurd step size in every training kind', async () => {
  const source = nodeSource();
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lists every figure setting that names a step size (a new one must be added here)', async () => {
    const listed = new Set(Object.values(CASES).flatMap((cs) => cs.map((c) => `${c.schema.tag}.${c.key}`)));
    for (const { schema, kind } of await loadWidgetSchemas()) {
      for (const s of schema.settings) {
        const id = `${schema.tag}.${s.key}`;
        if (s.type !== 'number' || !(STEP_SIZE.test(s.key) || STEP_SIZE.test(s.label)) || NOT_TRAINING[id] || KNOWN_GAPS[id]) continue;
        expect(listed.has(id), `${id} (run kind ${kind?.name})`).toBe(true);
        expect(CASES[kind?.name ?? '']?.some((c) => c.schema === schema), `${id} is listed under its run kind`).toBe(true);
      }
    }
  });

  const cases = Object.entries(CASES).flatMap(([kind, cs]) => cs.map((c) => [`${kind}: ${c.key}`, kind, c] as const));
  it.each(cases)('%s diverges, still evaluates, and the message names the setting', async (_, kind, c) => {
    const entry = await runKindLoaders[kind]();
    const tensors = tf.memory().numTensors;
    await expectDivergesAtAbsurdStep(entry, c, source);
    expect(tf.memory().numTensors).toBe(tensors);
  }, 60_000);
});

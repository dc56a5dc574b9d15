/**
 * `npm run reproduce -- fgsm-softmax | robustness-mlp | blackbox-nes [--pretrained]`: the tables the
 * chapter quotes. --pretrained loads public/models instead of training (--quick implies it).
 */
import * as tf from '@tensorflow/tfjs-core';
import { nodeModelSource } from '../../lib/classifiers/pretrained-node';
import type { ReproduceExperiments, ReproduceOptions } from '../types';
import { formatBlackbox, formatFgsmSweep, formatRobustness } from './format';
import { loadTestSet, obtainModel } from './runs/models';
import { ROBUSTNESS_MODELS, blackboxNes, fgsmSweep, robustnessTable } from './runs/tables';

const usePretrained = ({ quick, flags }: ReproduceOptions) => quick || flags.pretrained === true;

export const experiments: ReproduceExperiments = {
  'fgsm-softmax': {
    about: 'Adversarial attacks, Goodfellow 2015: softmax regression (Adam 1e-3, batch 64, 5 epochs) under FGSM as ε grows; 10,000 test digits.',
    async run(o) {
      const { model, origin } = await obtainModel('softmax', { pretrained: usePretrained(o), seed: o.seed, steps: o.steps }, o.source, nodeModelSource());
      const test = await loadTestSet(o.source, o.quick ? 1000 : 10_000);
      const text = [`softmax regression: ${origin}; ${test.x.shape[0].toLocaleString('en-US')} test digits\n`, formatFgsmSweep(fgsmSweep(model, test, [0, 0.05, 0.1, 0.15, 0.2, 0.25]))].join('\n');
      model.dispose();
      tf.dispose([test.x, test.y]);
      return text;
    },
  },
  'robustness-mlp': {
    about: 'Adversarial attacks, Madry 2018: MLP 784-256-256-10 (Adam 1e-3, 5 epochs) trained clean, with FGSM (ε 0.25, α 0.5) and with PGD (ε 0.1); accuracy under FGSM and PGD-40 (step 0.01, random start); 2,000 test digits.',
    async run(o) {
      const test = await loadTestSet(o.source, o.quick ? 300 : 2000);
      const lines: string[] = [];
      const models = [];
      for (const { name, label } of ROBUSTNESS_MODELS) {
        const { model, origin } = await obtainModel(name, { pretrained: usePretrained(o), seed: o.seed, steps: o.steps }, o.source, nodeModelSource());
        lines.push(`${label}: ${origin}`);
        models.push({ name: label, model });
      }
      lines.push(`${test.x.shape[0].toLocaleString('en-US')} test digits\n`, formatRobustness(robustnessTable(models, test)));
      models.forEach(({ model }) => model.dispose());
      tf.dispose([test.x, test.y]);
      return lines.join('\n');
    },
  },
  'blackbox-nes': {
    about: 'Adversarial attacks, Ilyas 2018: NES with outputs only (25 antithetic pairs, σ 1e-3, sign step 0.01) on the clean MLP, ε 0.3, 20,000-query cap; the first 200 correctly classified test digits.',
    async run(o) {
      const { model, origin } = await obtainModel('mlp', { pretrained: usePretrained(o), seed: o.seed, steps: o.steps }, o.source, nodeModelSource());
      const count = o.quick ? 20 : 200;
      const test = await loadTestSet(o.source, 2 * count);
      const options = { epsilon: 0.3, sigma: 1e-3, samples: 25, stepSize: 0.01, maxQueries: 20_000 };
      const text = [
        `MLP: ${origin}; NES on the first ${count} correctly classified of ${test.x.shape[0]} test digits\n`,
        formatBlackbox(blackboxNes(model, test, count, options, o.seed), options.epsilon, options.maxQueries),
      ].join('\n');
      model.dispose();
      tf.dispose([test.x, test.y]);
      return text;
    },
  },
};

/** `npm run reproduce -- overfitting`: the table the Introduction quotes. */
import * as tf from '@tensorflow/tfjs-core';
import { fixedEngine, type EngineName } from '../../lib/engine';
import type { ReproduceExperiments } from '../types';
import { OVERFIT_DEFAULTS, overfittingTable } from './runs/overfit';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const experiments: ReproduceExperiments = {
  overfitting: {
    about: 'Introduction: MLP 784-256-10 (ReLU, Adam 1e-3, batch 64) on n MNIST digits; train vs test accuracy (2,000 test digits).',
    async run({ steps, seed, quick, source }) {
      const sizes = quick ? [100, 1000] : [100, 300, 1000, 3000, 10000];
      const n = steps ?? (quick ? 300 : 1500);
      // The widget's run, on the lib on tfjs (the worker would measure which engine is fastest here).
      const rows = await overfittingTable({ ...OVERFIT_DEFAULTS, seed }, sizes, n, source, fixedEngine(`tfjs-${tf.getBackend()}` as EngineName, 'the lib on tfjs'));
      return [
        `| training digits | steps | train accuracy | test accuracy | gap (points) |`,
        `| ---: | ---: | ---: | ---: | ---: |`,
        ...rows.map((r) => `| ${r.trainSize.toLocaleString('en-US')} | ${r.steps} | ${pct(r.trainAccuracy)} | ${pct(r.testAccuracy)} | ${(100 * r.gap).toFixed(1)} |`),
      ].join('\n');
    },
  },
};
